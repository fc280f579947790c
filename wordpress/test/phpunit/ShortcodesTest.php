<?php

namespace CoinTicker\Tests;

final class ShortcodesTest extends TestCase {
	public function test_each_shortcode_prints_its_element_with_the_attributes_written(): void {
		$this->assertSame( '<coin-list coins="bitcoin,ethereum"></coin-list>', do_shortcode( '[coin-list coins="bitcoin, ethereum"]' ) );
		$this->assertSame( '<coin-ticker coins="bitcoin,solana" speed="20"></coin-ticker>', do_shortcode( '[coin-ticker coins="bitcoin solana" speed="20"]' ) );
		$this->assertSame( '<coin-price coin="bitcoin"></coin-price>', do_shortcode( '[coin-price coin="bitcoin"]' ) );
		$this->assertSame( '<coin-card coin="ethereum" theme="dark"></coin-card>', do_shortcode( '[coin-card coin="ethereum" theme="dark"]' ) );
		$this->assertSame(
			'<coin-table coins="bitcoin,ethereum" columns="price,sparkline" sort="-market-cap"></coin-table>',
			do_shortcode( '[coin-table coins="bitcoin ethereum" columns="price,sparkline" sort="-market-cap"]' )
		);
	}

	public function test_a_tables_columns_keep_the_known_names_in_the_authors_order_and_its_sort_a_sortable_column(): void {
		$this->assertSame(
			'<coin-table coins="bitcoin" columns="volume,price,change-7d" sort="coin"></coin-table>',
			do_shortcode( '[coin-table coins="bitcoin" columns="Volume, price sparklines,change-7d volume" sort="COIN"]' )
		);
		foreach ( array( 'rank', '-rank', 'price', '-change-24h', 'change-7d', '-market-cap', 'volume' ) as $sort ) {
			$this->assertSame( '<coin-table coins="bitcoin" sort="' . $sort . '"></coin-table>', do_shortcode( '[coin-table coins="bitcoin" sort="' . $sort . '"]' ), $sort );
		}
		// No column it knows is no attribute (the table then shows all); the chart, a typo or a doubled minus sorts nothing.
		foreach ( array( 'columns="sparklines,cap"', 'columns=","', 'sort="sparkline"', 'sort="--price"', 'sort="-"', 'sort="market cap"' ) as $bad ) {
			$this->assertSame( '<coin-table coins="bitcoin"></coin-table>', do_shortcode( '[coin-table coins="bitcoin" ' . $bad . ']' ), $bad );
		}
	}

	public function test_top_is_a_number_of_coins_and_currencies_a_list_of_codes_on_the_elements_that_take_them(): void {
		$this->assertSame(
			'<coin-list coins="monero" top="10" currencies="usd,eur,btc"></coin-list>',
			do_shortcode( '[coin-list coins="monero" top="10" currencies="USD, eur,btc usd x!"]' )
		);
		$this->assertSame( '<coin-table top="250"></coin-table>', do_shortcode( '[coin-table top="250"]' ) );
		$this->assertSame( '<coin-ticker top="3"></coin-ticker>', do_shortcode( '[coin-ticker top="3" currencies="eur"]' ) );
		$this->assertSame( '<coin-card coin="bitcoin" currencies="gbp"></coin-card>', do_shortcode( '[coin-card coin="bitcoin" top="3" currencies="gbp"]' ) );
		// A top past CoinGecko's one page, zero, a fraction or a word prints nothing; so do currencies none of which is a code.
		foreach ( array( 'top="251"', 'top="0"', 'top="2.5"', 'top="ten"', 'top="-3"', 'currencies="!!,"' ) as $bad ) {
			$this->assertSame( '<coin-list coins="bitcoin"></coin-list>', do_shortcode( '[coin-list coins="bitcoin" ' . $bad . ']' ), $bad );
		}
	}

	public function test_a_hostile_table_is_inert(): void {
		$html = do_shortcode( "[coin-table coins=\"bitcoin\" columns='price\"><script>alert(1)</script>' sort='\" onmouseover=\"alert(2)']" );
		$this->assertSame( '<coin-table coins="bitcoin"></coin-table>', $html );
	}

	public function test_never_prints_a_default(): void {
		// The settings' currency and theme reach elements through configure(): a printed default would override them.
		$this->settings( array( 'currency' => 'eur', 'theme' => 'dark' ) );
		$this->assertSame( '<coin-list coins="bitcoin"></coin-list>', do_shortcode( '[coin-list coins="bitcoin"]' ) );
	}

	public function test_shared_attributes_pass_when_valid(): void {
		$this->assertSame(
			'<coin-price coin="bitcoin" currency="eur" feed="kraken" endpoint="https://relay.example.com/v1" interval="30" locale="de-DE" decimals="4" theme="light" density="compact"></coin-price>',
			do_shortcode( '[coin-price coin="bitcoin" currency="EUR" feed="kraken" endpoint="https://relay.example.com/v1" interval="30" locale="de-DE" decimals="4" theme="light" density="compact"]' )
		);
	}

	public function test_flags_are_bare_or_truthy_words(): void {
		$this->assertSame( '<coin-list coins="bitcoin" no-logo no-status></coin-list>', do_shortcode( '[coin-list coins="bitcoin" no-logo no-status="true"]' ) );
		$this->assertSame( '<coin-list coins="bitcoin"></coin-list>', do_shortcode( '[coin-list coins="bitcoin" no-logo="false" no-status="0"]' ) );
		$this->assertSame( '<coin-price coin="bitcoin" no-change></coin-price>', do_shortcode( '[coin-price coin="bitcoin" no-change="yes"]' ) );
		$this->assertSame( '<coin-ticker coins="bitcoin" paused></coin-ticker>', do_shortcode( '[coin-ticker coins="bitcoin" paused]' ) );
	}

	public function test_unknown_attributes_and_the_api_key_are_dropped(): void {
		$this->assertSame(
			'<coin-list coins="bitcoin"></coin-list>',
			do_shortcode( '[coin-list coins="bitcoin" api-key="cg-secret" apikey="x" onclick="alert(1)" style="color:red" coin="ethereum" no-change]' )
		);
	}

	public function test_invalid_values_are_dropped_not_printed(): void {
		$this->assertSame(
			'<coin-list coins="bitcoin"></coin-list>',
			do_shortcode( '[coin-list coins="bitcoin" interval="5" decimals="-1" currency="us dollars" theme="neon" density="wide" locale="x" feed="Not a feed!" endpoint="javascript:alert(1)"]' )
		);
		$this->assertSame( '<coin-ticker coins="bitcoin"></coin-ticker>', do_shortcode( '[coin-ticker coins="bitcoin" speed="fast"]' ) );
		$this->assertSame( '<coin-card coin="bitcoin"></coin-card>', do_shortcode( '[coin-card coin="bitcoin, ethereum"]' ) );
		// Currency codes are 3 to 5 letters, as the elements take them: one they would refuse is not printed.
		foreach ( array( 'eu', 'dollars' ) as $bad ) {
			$this->assertSame( '<coin-price coin="bitcoin"></coin-price>', do_shortcode( '[coin-price coin="bitcoin" currency="' . $bad . '"]' ), $bad );
		}
		$this->assertSame( '<coin-price coin="bitcoin" currency="sats"></coin-price>', do_shortcode( '[coin-price coin="bitcoin" currency="SATS"]' ) );
	}

	public function test_hostile_values_cannot_inject_markup_or_script(): void {
		$html = do_shortcode( "[coin-list coins='\"><script>alert(1)</script>' theme='\" onmouseover=\"alert(2)' locale='en\"><b>' endpoint='https://x.example/\"><script>']" );
		$this->assertStringNotContainsString( '<script', $html );
		$this->assertStringNotContainsString( 'onmouseover', $html );
		$this->assertStringNotContainsString( '<b>', $html );
		// Nothing of the hostile values survives but what is a valid URL once the markup is stripped.
		$this->assertSame( '<coin-list endpoint="https://x.example/script"></coin-list>', $html );
	}

	public function test_a_list_with_no_valid_coin_prints_no_coins_attribute(): void {
		$this->assertSame( '<coin-list></coin-list>', do_shortcode( '[coin-list coins="<b>,??"]' ) );
	}

	public function test_the_coins_a_page_shows_join_the_allowlist(): void {
		$this->settings( array( 'coins' => 'cardano' ) );
		do_shortcode( '[coin-list coins="bitcoin,ethereum" currency="eur"] [coin-price coin="solana"]' );
		$this->assertSame( array( 'cardano', 'bitcoin', 'ethereum', 'solana' ), \CoinTicker\allowlist() );
		$this->assertSame( array( 'usd', 'eur' ), \CoinTicker\allowed_currencies() );
	}
}
