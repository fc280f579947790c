<?php

namespace CoinTicker\Tests;

final class MarketsRouteTest extends TestCase {
	protected function setUp(): void {
		parent::setUp();
		$this->settings( array( 'coins' => 'bitcoin,ethereum,solana', 'api_key' => 'cg-secret' ) );
	}

	public function test_answers_any_subset_in_coingeckos_shape_from_one_upstream_request(): void {
		$first = $this->get( array( 'vs_currency' => 'usd', 'ids' => 'bitcoin,ethereum' ) );
		$this->assertSame( 200, $first->get_status() );
		$this->assertSame( array( 'bitcoin', 'ethereum' ), $this->ids( $first ) );
		$this->assertSame( 100.5, $first->get_data()[0]['current_price'] );

		$second = $this->get( array( 'vs_currency' => 'usd', 'ids' => 'solana' ) );
		$this->assertSame( array( 'solana' ), $this->ids( $second ) );
		$this->assertCount( 1, $this->upstream, 'the whole allowlist came in the first request' );
		parse_str( wp_parse_url( $this->upstream[0]['url'], PHP_URL_QUERY ), $query );
		$this->assertSame( array( 'vs_currency' => 'usd', 'ids' => 'bitcoin,ethereum,solana', 'per_page' => '250', 'sparkline' => 'true', 'price_change_percentage' => '7d' ), $query );
	}

	public function test_the_key_goes_upstream_as_a_header_and_nowhere_else(): void {
		$response = $this->get( array( 'vs_currency' => 'usd', 'ids' => 'bitcoin' ) );
		$this->assertSame( 'cg-secret', $this->upstream[0]['args']['headers']['x-cg-demo-api-key'] );
		$this->assertStringNotContainsString( 'cg-secret', $this->upstream[0]['url'] );
		$this->assertStringNotContainsString( 'cg-secret', wp_json_encode( $response->get_data() ) . wp_json_encode( $response->get_headers() ) );
	}

	public function test_ids_outside_the_allowlist_are_left_out_and_never_fetched(): void {
		$response = $this->get( array( 'vs_currency' => 'usd', 'ids' => 'bitcoin,not-on-this-site' ) );
		$this->assertSame( 200, $response->get_status() );
		$this->assertSame( array( 'bitcoin' ), $this->ids( $response ) );
		$this->assertStringNotContainsString( 'not-on-this-site', $this->upstream[0]['url'] );

		$none = $this->get( array( 'vs_currency' => 'usd', 'ids' => 'not-on-this-site' ) );
		$this->assertSame( array(), $none->get_data() );
		$this->assertCount( 1, $this->upstream );
	}

	public function test_an_authors_preview_adds_coins_and_a_visitor_cannot(): void {
		$this->assertSame( array(), $this->get( array( 'vs_currency' => 'usd', 'ids' => 'dogecoin' ) )->get_data() );
		wp_set_current_user( 1 );
		try {
			$this->assertSame( array( 'dogecoin' ), $this->ids( $this->get( array( 'vs_currency' => 'gbp', 'ids' => 'dogecoin' ) ) ) );
		} finally {
			wp_set_current_user( 0 );
		}
		$this->assertContains( 'dogecoin', \CoinTicker\allowlist() );
		// For a while only: a typo in a block's settings is not served for ever.
		$this->assertNotContains( 'dogecoin', \CoinTicker\seen()['coins'] );
		$this->assertSame( array( 'dogecoin' ), \CoinTicker\previewed() );
		$this->assertContains( 'gbp', \CoinTicker\allowed_currencies() );
	}

	public function test_history_and_the_7_day_change_only_when_asked(): void {
		$plain = $this->get( array( 'vs_currency' => 'usd', 'ids' => 'bitcoin' ) );
		$this->assertArrayNotHasKey( 'sparkline_in_7d', $plain->get_data()[0] );
		$this->assertArrayNotHasKey( 'price_change_percentage_7d_in_currency', $plain->get_data()[0] );
		// A card's or table's request, as the coingecko feed makes it.
		$history = $this->get( array( 'vs_currency' => 'usd', 'ids' => 'bitcoin', 'sparkline' => 'true', 'price_change_percentage' => '7d' ) );
		$this->assertSame( array( 1, 2, 3 ), $history->get_data()[0]['sparkline_in_7d']['price'] );
		$this->assertSame( -2.5, $history->get_data()[0]['price_change_percentage_7d_in_currency'] );
		$this->assertCount( 1, $this->upstream );
	}

	public function test_a_visitor_never_waits_on_the_upstream_longer_than_3_s(): void {
		$this->get( array( 'vs_currency' => 'usd', 'ids' => 'bitcoin' ) );
		$this->assertLessThanOrEqual( 3, $this->upstream[0]['args']['timeout'] );
	}

	public function test_cache_headers_let_a_page_cache_keep_the_answer_for_the_rest_of_the_interval(): void {
		$response = $this->get( array( 'vs_currency' => 'usd', 'ids' => 'bitcoin' ) );
		$this->assertMatchesRegularExpression( '/^public, max-age=(60|59), stale-while-revalidate=60, stale-if-error=86400$/', $response->get_headers()['Cache-Control'] );
	}

	public function test_an_old_answer_is_refreshed_once(): void {
		$this->get( array( 'vs_currency' => 'usd', 'ids' => 'bitcoin' ) );
		$this->age_cache( 'usd', 61 );
		$this->answer = fn( $url ) => $this->markets( $url, 200.5 );
		$this->assertSame( 200.5, $this->get( array( 'vs_currency' => 'usd', 'ids' => 'bitcoin' ) )->get_data()[0]['current_price'] );
		$this->assertSame( 200.5, $this->get( array( 'vs_currency' => 'usd', 'ids' => 'bitcoin' ) )->get_data()[0]['current_price'] );
		$this->assertCount( 2, $this->upstream );
	}

	public function test_a_new_coin_on_the_site_refreshes_the_cache(): void {
		$this->get( array( 'vs_currency' => 'usd', 'ids' => 'bitcoin' ) );
		do_shortcode( '[coin-price coin="dogecoin"]' );
		$this->assertSame( array( 'dogecoin' ), $this->ids( $this->get( array( 'vs_currency' => 'usd', 'ids' => 'dogecoin' ) ) ) );
		$this->assertCount( 2, $this->upstream );
	}

	public function test_the_last_good_answer_is_served_when_the_upstream_fails(): void {
		$this->get( array( 'vs_currency' => 'usd', 'ids' => 'bitcoin' ) );
		$this->age_cache( 'usd', 3600 );
		$this->answer = fn() => array( 'status' => 429, 'body' => array( 'status' => array( 'error_code' => 429 ) ) );

		$stale = $this->get( array( 'vs_currency' => 'usd', 'ids' => 'bitcoin' ) );
		$this->assertSame( 200, $stale->get_status() );
		$this->assertSame( 100.5, $stale->get_data()[0]['current_price'] );
		$this->assertStringStartsWith( 'public, max-age=0,', $stale->get_headers()['Cache-Control'] );
		$this->assertSame( '3600', $stale->get_headers()['Age'] );

		// Readers arriving just after a failure get the same answer without another request upstream.
		$this->get( array( 'vs_currency' => 'usd', 'ids' => 'bitcoin' ) );
		$this->assertCount( 2, $this->upstream );
	}

	public function test_the_last_good_answer_is_served_when_the_upstream_is_unreachable(): void {
		$this->get( array( 'vs_currency' => 'usd', 'ids' => 'bitcoin' ) );
		$this->age_cache( 'usd', 3600 );
		$this->answer = fn() => new \WP_Error( 'http_request_failed', 'Operation timed out' );
		$this->assertSame( array( 'bitcoin' ), $this->ids( $this->get( array( 'vs_currency' => 'usd', 'ids' => 'bitcoin' ) ) ) );
	}

	public function test_a_cold_cache_and_a_failing_upstream_answer_503_with_retry_after(): void {
		$this->answer = fn() => array( 'status' => 500, 'body' => 'oops' );
		$response     = $this->get( array( 'vs_currency' => 'usd', 'ids' => 'bitcoin' ) );
		$this->assertSame( 503, $response->get_status() );
		$this->assertSame( '30', $response->get_headers()['Retry-After'] );
		$this->assertSame( 'no-store', $response->get_headers()['Cache-Control'] );
		$this->get( array( 'vs_currency' => 'usd', 'ids' => 'bitcoin' ) );
		$this->assertCount( 1, $this->upstream, 'no second request during the retry pause' );
	}

	public function test_while_another_request_holds_the_lock_the_last_answer_is_served_at_once(): void {
		$this->get( array( 'vs_currency' => 'usd', 'ids' => 'bitcoin' ) );
		$this->age_cache( 'usd', 120 );
		$this->assertTrue( \CoinTicker\acquire_lock( 'coin_ticker_lock_usd' ) );
		$this->assertSame( array( 'bitcoin' ), $this->ids( $this->get( array( 'vs_currency' => 'usd', 'ids' => 'bitcoin' ) ) ) );
		$this->assertCount( 1, $this->upstream );
	}

	public function test_a_coin_new_to_the_site_is_not_answered_from_the_old_entry_while_another_request_refreshes(): void {
		$this->get( array( 'vs_currency' => 'usd', 'ids' => 'bitcoin' ) );
		do_shortcode( '[coin-price coin="dogecoin"]' );
		$this->assertTrue( \CoinTicker\acquire_lock( 'coin_ticker_lock_usd' ) );
		$response = $this->get( array( 'vs_currency' => 'usd', 'ids' => 'bitcoin,dogecoin' ) );
		// It waited for the refresh (which never comes here), then answered with what there is.
		$this->assertSame( 'waited', $response->get_headers()['X-Coin-Ticker-Cache'] );
		$this->assertSame( array( 'bitcoin' ), $this->ids( $response ) );
		$this->assertCount( 1, $this->upstream );
	}

	public function test_while_another_request_holds_the_lock_on_a_cold_cache_no_second_request_goes_upstream(): void {
		$this->assertTrue( \CoinTicker\acquire_lock( 'coin_ticker_lock_usd' ) );
		$response = $this->get( array( 'vs_currency' => 'usd', 'ids' => 'bitcoin' ) );
		$this->assertSame( 503, $response->get_status() );
		$this->assertCount( 0, $this->upstream );
	}

	public function test_the_lock_is_exclusive_and_a_dead_requests_lock_is_taken_over_once(): void {
		$this->assertTrue( \CoinTicker\acquire_lock( 'coin_ticker_lock_usd' ) );
		$this->assertFalse( \CoinTicker\acquire_lock( 'coin_ticker_lock_usd' ) );
		global $wpdb;
		$wpdb->update( $wpdb->options, array( 'option_value' => (string) ( time() - 31 ) ), array( 'option_name' => 'coin_ticker_lock_usd' ) );
		$this->assertTrue( \CoinTicker\acquire_lock( 'coin_ticker_lock_usd' ) );
		$this->assertFalse( \CoinTicker\acquire_lock( 'coin_ticker_lock_usd' ) );
		\CoinTicker\release_lock( 'coin_ticker_lock_usd' );
		$this->assertTrue( \CoinTicker\acquire_lock( 'coin_ticker_lock_usd' ) );
	}

	public function test_currencies_the_site_does_not_use_are_refused_as_coingecko_refuses_them(): void {
		$response = $this->get( array( 'vs_currency' => 'xyz', 'ids' => 'bitcoin' ) );
		$this->assertSame( 400, $response->get_status() );
		$this->assertSame( array( 'error' => 'invalid vs_currency' ), $response->get_data() );
		$this->assertCount( 0, $this->upstream );
	}

	public function test_an_unknown_currency_upstream_is_reported_as_coingecko_reports_it(): void {
		do_shortcode( '[coin-price coin="bitcoin" currency="zzz"]' );
		$this->answer = fn() => array( 'status' => 400, 'body' => array( 'error' => 'invalid vs_currency' ) );
		$response     = $this->get( array( 'vs_currency' => 'zzz', 'ids' => 'bitcoin' ) );
		$this->assertSame( 400, $response->get_status() );
		$this->assertSame( array( 'error' => 'invalid vs_currency' ), $response->get_data() );
	}

	/** Moves the cached answer's fetch time back, as time passing would. */
	private function age_cache( string $currency, int $seconds ): void {
		$entry       = get_transient( 'coin_ticker_markets_' . $currency );
		$entry['at'] = time() - $seconds;
		set_transient( 'coin_ticker_markets_' . $currency, $entry, DAY_IN_SECONDS );
	}
}
