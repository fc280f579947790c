<?php

namespace CoinTicker\Tests;

final class SettingsTest extends TestCase {
	public function test_an_empty_key_field_keeps_the_saved_key_and_forget_removes_it(): void {
		$this->settings( array( 'api_key' => 'cg-secret' ) );
		$this->assertSame( 'cg-secret', \CoinTicker\sanitize_settings( array( 'api_key' => '' ) )['api_key'] );
		$this->assertSame( 'cg-other', \CoinTicker\sanitize_settings( array( 'api_key' => 'cg-other' ) )['api_key'] );
		$this->assertSame( '', \CoinTicker\sanitize_settings( array( 'api_key' => '', 'forget_key' => '1' ) )['api_key'] );
	}

	public function test_saving_twice_keeps_every_setting(): void {
		$input = array( 'currency' => 'eur', 'theme' => 'dark', 'feed' => 'kraken', 'source' => 'site', 'api_key' => 'cg-secret', 'coins' => 'cardano, nano', 'interval' => '90' );
		$once  = \CoinTicker\sanitize_settings( $input );
		$this->assertSame( array( 'cardano', 'nano' ), $once['coins'] );
		$this->assertSame( $once, \CoinTicker\sanitize_settings( $once ) );
	}

	public function test_the_first_save_through_the_form_keeps_the_coins(): void {
		delete_option( \CoinTicker\OPTION );
		\CoinTicker\register_settings();
		try {
			update_option( \CoinTicker\OPTION, array( 'coins' => 'cardano', 'source' => 'site' ) );
			$this->assertSame( array( 'cardano' ), \CoinTicker\settings()['coins'] );
		} finally {
			unregister_setting( 'coin_ticker', \CoinTicker\OPTION );
		}
	}

	public function test_the_page_gets_the_settings_and_never_the_key(): void {
		$this->settings( array( 'api_key' => 'cg-secret', 'currency' => 'EUR', 'theme' => 'dark', 'source' => 'site' ) );
		$json = \CoinTicker\config_json();
		$this->assertStringNotContainsString( 'cg-secret', $json );
		$this->assertEquals(
			array(
				'config' => array( 'currency' => 'eur', 'feed' => 'coingecko', 'endpoints' => array( 'coingecko' => rest_url( 'coin-ticker/v1' ) ) ),
				'theme'  => 'dark',
			),
			json_decode( $json, true )
		);
	}

	public function test_a_relay_points_every_element_at_it(): void {
		$this->settings( array( 'source' => 'relay', 'relay' => 'wss://relay.example.com/' ) );
		$this->assertSame( array( 'currency' => 'usd', 'endpoints' => array( 'relay' => 'wss://relay.example.com/' ), 'feed' => 'relay' ), \CoinTicker\page_config() );
	}

	public function test_direct_prices_leave_the_feed_to_each_element(): void {
		$this->settings( array( 'feed' => 'kraken' ) );
		$this->assertSame( array( 'currency' => 'usd', 'feed' => 'kraken' ), \CoinTicker\page_config() );
	}

	public function test_the_settings_json_cannot_end_its_script_element(): void {
		$this->settings( array( 'source' => 'relay', 'relay' => 'https://relay.example.com/</script><script>alert(1)</script>' ) );
		$this->assertStringNotContainsString( '<', \CoinTicker\config_json() );
	}

	public function test_the_settings_page_never_prints_the_key(): void {
		$this->settings( array( 'api_key' => 'cg-secret' ) );
		require_once ABSPATH . 'wp-admin/includes/plugin.php';
		require_once ABSPATH . 'wp-admin/includes/template.php';
		wp_set_current_user( 1 );
		ob_start();
		\CoinTicker\settings_page();
		$html = ob_get_clean();
		wp_set_current_user( 0 );
		$this->assertStringContainsString( 'A key is saved', $html );
		$this->assertStringNotContainsString( 'cg-secret', $html );
	}
}
