<?php

namespace CoinTicker\Tests;

final class UninstallTest extends TestCase {
	public function test_uninstall_removes_the_options_the_cache_and_the_lock(): void {
		global $wpdb;
		$this->settings( array( 'coins' => 'bitcoin', 'api_key' => 'cg-secret' ) );
		do_shortcode( '[coin-price coin="ethereum" currency="eur"]' );
		$this->get( array( 'vs_currency' => 'usd', 'ids' => 'bitcoin' ) );
		\CoinTicker\remember_use( array( 'top' => '3' ) );
		$this->get( array( 'vs_currency' => 'usd', 'per_page' => '3' ) );
		\CoinTicker\remember_preview_top( 10 );
		\CoinTicker\acquire_lock( 'coin_ticker_lock_eur' );
		\CoinTicker\acquire_lock( 'coin_ticker_lock_ranking_eur' );
		$this->assertGreaterThanOrEqual( 10, (int) $wpdb->get_var( "SELECT COUNT(*) FROM $wpdb->options WHERE option_name LIKE '%coin\\_ticker\\_%'" ) );

		define( 'WP_UNINSTALL_PLUGIN', 'coin-ticker/coin-ticker.php' );
		require WP_PLUGIN_DIR . '/coin-ticker/uninstall.php';

		$this->assertSame( '0', $wpdb->get_var( "SELECT COUNT(*) FROM $wpdb->options WHERE option_name LIKE '%coin\\_ticker\\_%'" ) );
		$this->assertFalse( get_option( 'coin_ticker_settings' ) );
		$this->assertFalse( get_transient( 'coin_ticker_markets_usd' ) );
		$this->assertFalse( get_transient( 'coin_ticker_ranking_usd' ) );
		$this->assertFalse( get_transient( 'coin_ticker_previewed_top' ) );
	}
}
