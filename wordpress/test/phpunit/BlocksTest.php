<?php

namespace CoinTicker\Tests;

final class BlocksTest extends TestCase {
	public function test_each_block_renders_its_element_in_the_blocks_wrapper(): void {
		$this->assertSame(
			'<div class="wp-block-coin-ticker-list"><coin-list coins="bitcoin,ethereum" no-logo></coin-list></div>',
			trim( do_blocks( '<!-- wp:coin-ticker/list {"coins":"bitcoin,ethereum","noLogo":true} /-->' ) )
		);
		$this->assertSame(
			'<div class="wp-block-coin-ticker-ticker"><coin-ticker coins="solana" speed="25" paused></coin-ticker></div>',
			trim( do_blocks( '<!-- wp:coin-ticker/ticker {"coins":"solana","speed":25,"paused":true} /-->' ) )
		);
		$this->assertSame(
			'<span class="wp-block-coin-ticker-price"><coin-price coin="bitcoin" no-change></coin-price></span>',
			trim( do_blocks( '<!-- wp:coin-ticker/price {"coin":"bitcoin","noChange":true} /-->' ) )
		);
		$this->assertSame(
			'<div class="wp-block-coin-ticker-card"><coin-card coin="ethereum" currency="eur" decimals="2" theme="dark" density="compact" no-status></coin-card></div>',
			trim( do_blocks( '<!-- wp:coin-ticker/card {"coin":"ethereum","currency":"eur","decimals":2,"theme":"dark","density":"compact","noStatus":true} /-->' ) )
		);
		$this->assertSame(
			'<div class="wp-block-coin-ticker-table"><coin-table coins="bitcoin,solana" columns="change-24h,price" sort="-volume" no-status></coin-table></div>',
			trim( do_blocks( '<!-- wp:coin-ticker/table {"coins":"bitcoin,solana","columns":"change-24h, price, chart","sort":"-volume","noStatus":true} /-->' ) )
		);
	}

	public function test_a_block_with_nothing_set_prints_no_attribute(): void {
		$this->assertSame( '<div class="wp-block-coin-ticker-list"><coin-list></coin-list></div>', trim( do_blocks( '<!-- wp:coin-ticker/list /-->' ) ) );
	}

	public function test_block_json_declares_no_defaults(): void {
		// A default would be printed into every block, overriding the settings' page-wide choices.
		foreach ( array( 'list', 'ticker', 'price', 'card', 'table' ) as $name ) {
			$type = \WP_Block_Type_Registry::get_instance()->get_registered( 'coin-ticker/' . $name );
			$this->assertNotNull( $type, $name );
			$this->assertTrue( $type->is_dynamic(), $name );
			$this->assertSame( 'coin-ticker-editor', $type->editor_script_handles[0] ?? null, $name );
			foreach ( json_decode( file_get_contents( WP_PLUGIN_DIR . "/coin-ticker/blocks/$name/block.json" ), true )['attributes'] as $attribute => $schema ) {
				$this->assertArrayNotHasKey( 'default', $schema, "$name.$attribute" );
			}
		}
	}

	public function test_hostile_block_attributes_are_dropped_or_escaped(): void {
		$html = do_blocks( '<!-- wp:coin-ticker/list {"coins":"bitcoin\"><img src=x onerror=alert(1)>","locale":"en\"><b>","endpoint":"javascript:alert(1)","apiKey":"cg-secret"} /-->' );
		$this->assertSame( '<div class="wp-block-coin-ticker-list"><coin-list></coin-list></div>', trim( $html ) );
		$html = do_blocks( '<!-- wp:coin-ticker/table {"coins":"bitcoin","columns":"price\"><img src=x onerror=alert(1)>","sort":"rank\" onclick=\"alert(2)"} /-->' );
		$this->assertSame( '<div class="wp-block-coin-ticker-table"><coin-table coins="bitcoin"></coin-table></div>', trim( $html ) );
	}

	public function test_the_inline_price_format_becomes_the_element_in_its_sentence(): void {
		$this->assertSame(
			'<p>Bitcoin is at <coin-price coin="bitcoin"></coin-price> today, ether at <coin-price coin="ethereum"></coin-price>.</p>',
			trim( do_blocks( '<!-- wp:paragraph --><p>Bitcoin is at <span data-coin="bitcoin" class="coin-ticker-price">bitcoin</span> today, ether at <span class="coin-ticker-price" data-coin="ethereum">ETH</span>.</p><!-- /wp:paragraph -->' ) )
		);
		$this->assertSame(
			'<p>x <coin-price></coin-price></p>',
			trim( do_blocks( '<!-- wp:paragraph --><p>x <span class="coin-ticker-price" data-coin="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">?</span></p><!-- /wp:paragraph -->' ) )
		);
	}

	public function test_block_markup_that_is_not_json_still_renders(): void {
		$this->assertSame( '<div class="wp-block-coin-ticker-list"><coin-list></coin-list></div>', trim( do_blocks( '<!-- wp:coin-ticker/list {"coins":bitcoin} /-->' ) ) );
	}

	public function test_a_page_with_an_element_loads_the_bundle_as_a_module_and_a_page_without_does_not(): void {
		$modules = fn() => ( function () {
			return array_keys( $this->get_marked_for_enqueue() );
		} )->call( wp_script_modules() );
		$this->assertNotContains( 'coin-ticker-wordpress', $modules() );
		do_blocks( '<!-- wp:coin-ticker/price {"coin":"bitcoin"} /-->' );
		$this->assertContains( 'coin-ticker-wordpress', $modules() );
	}
}
