<?php
/**
 * Removes everything the plugin stored: its settings, the coins it has seen, the price cache and any lock.
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

global $wpdb;
delete_option( 'coin_ticker_settings' );
delete_option( 'coin_ticker_seen' );
$wpdb->query(
	$wpdb->prepare(
		"DELETE FROM `$wpdb->options` WHERE option_name LIKE %s OR option_name LIKE %s OR option_name LIKE %s",
		$wpdb->esc_like( '_transient_coin_ticker_' ) . '%',
		$wpdb->esc_like( '_transient_timeout_coin_ticker_' ) . '%',
		$wpdb->esc_like( 'coin_ticker_lock_' ) . '%'
	)
);
wp_cache_flush();
