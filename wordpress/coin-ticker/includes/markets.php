<?php
/**
 * The site's price cache: the whole allowlist fetched from CoinGecko once per interval and currency, under a lock,
 * so a cold cache costs one upstream request however many readers arrive at once, and the last good answer is
 * served while another request refreshes it or when the upstream fails.
 */

namespace CoinTicker;

defined( 'ABSPATH' ) || exit;

const SEEN = 'coin_ticker_seen';
const UPSTREAM = 'https://api.coingecko.com/api/v3';
/** No reader waits on a cold upstream longer than this, whether fetching it or waiting for the request that does. */
const DEADLINE = 3.0;
/** A lock older than this belongs to a request that died: the next one takes it over. */
const LOCK_TTL = 30;
/** After a failed refresh, readers get the last good answer (or an error) without asking upstream for this long. */
const RETRY_AFTER = 30;
/** The cache keeps the last good answer this long past its interval, for stale-on-failure. */
const KEEP = DAY_IN_SECONDS;
const MAX_CURRENCIES = 20;

/**
 * Adds what a page printed to the allowlist: coin ids and the currency its blocks and shortcodes use. Written
 * only when something new appears.
 */
function remember_use( array $attributes ): void {
	$coins    = parse_coins( ( $attributes['coins'] ?? '' ) . ',' . ( $attributes['coin'] ?? '' ) );
	$currency = isset( $attributes['currency'] ) ? parse_currency( $attributes['currency'] ) : null;
	if ( ! $coins && ! $currency ) {
		return;
	}
	$seen  = seen();
	$added = array_diff( $coins, $seen['coins'] );
	$new_currency = $currency && ! in_array( $currency, $seen['currencies'], true );
	if ( ! $added && ! $new_currency ) {
		return;
	}
	$seen['coins'] = array_slice( array_merge( $seen['coins'], $added ), 0, MAX_COINS );
	if ( $new_currency && count( $seen['currencies'] ) < MAX_CURRENCIES ) {
		$seen['currencies'][] = $currency;
	}
	update_option( SEEN, $seen, false );
}

/** @return array{coins: string[], currencies: string[]} */
function seen(): array {
	$seen = get_option( SEEN, array() );
	return array(
		'coins'      => array_values( (array) ( $seen['coins'] ?? array() ) ),
		'currencies' => array_values( (array) ( $seen['currencies'] ?? array() ) ),
	);
}

/** The coins this site answers for: its pages' and the settings' list, and what authors preview, at most one page. */
function allowlist(): array {
	$coins = array_merge( settings()['coins'], seen()['coins'], previewed() );
	return array_slice( array_values( array_unique( $coins ) ), 0, MAX_COINS );
}

/** How long a coin an author only previewed stays served: long enough to write the post, short for typos. */
const PREVIEW_TTL = HOUR_IN_SECONDS;
const MAX_PREVIEWED = 50;

/** Coins an author's editor preview asked for that no page shows yet. */
function previewed(): array {
	$coins = get_transient( 'coin_ticker_previewed' );
	return is_array( $coins ) ? array_values( $coins ) : array();
}

/** Adds coins an author previews, for an hour; a page that shows them adds them for good. */
function remember_preview( array $coins ): void {
	$known = allowlist();
	$new   = array_diff( $coins, $known );
	if ( $new ) {
		set_transient( 'coin_ticker_previewed', array_slice( array_merge( previewed(), $new ), -MAX_PREVIEWED ), PREVIEW_TTL );
	}
}

function allowed_currencies(): array {
	return array_values( array_unique( array_merge( array( settings()['currency'] ), seen()['currencies'] ) ) );
}

/**
 * The cached answer for a currency: `at` (when fetched), `coins` (the allowlist it was fetched for), `items`
 * (CoinGecko's items), `failed` (when the last refresh failed, or 0).
 */
function cached( string $currency ): ?array {
	$entry = get_transient( 'coin_ticker_markets_' . $currency );
	return is_array( $entry ) && isset( $entry['items'] ) ? $entry : null;
}

/**
 * The answer for the ids asked (all allowed ones when none), from the cache, refreshing it first when it is old.
 *
 * `how` says where the answer came from: `cache`, `fetched` (this request asked upstream), `waited` (for another
 * request that did), `stale` (the last good answer, while another request refreshes it or after a failure).
 *
 * @return array{status: int, items: array, age: int, fresh: bool, how: string, error?: string}
 */
function markets( string $currency, array $ids ): array {
	$allowed = allowlist();
	$wanted  = $ids ? array_values( array_intersect( $ids, $allowed ) ) : $allowed;
	if ( ! $wanted ) {
		return array( 'status' => 200, 'items' => array(), 'age' => 0, 'fresh' => true, 'how' => 'cache' );
	}
	$entry = cached( $currency );
	$how   = 'cache';
	if ( ! is_fresh( $entry, $allowed ) ) {
		$how = 'stale';
		if ( ! recently_failed( $entry ) ) {
			[ $entry, $how ] = refresh( $currency, $allowed, $entry, $wanted );
		}
	}
	if ( ! $entry || ! $entry['items'] ) {
		$error = $entry['error'] ?? 'The price source did not answer in time.';
		return array( 'status' => $entry['status'] ?? 503, 'items' => array(), 'age' => 0, 'fresh' => false, 'how' => $how, 'error' => $error );
	}
	$items = array_values( array_filter( $entry['items'], fn( $item ) => in_array( $item['id'] ?? null, $wanted, true ) ) );
	return array(
		'status' => 200,
		'items'  => $items,
		'age'    => max( 0, time() - (int) $entry['at'] ),
		'fresh'  => is_fresh( $entry, $allowed ),
		'how'    => $how,
	);
}

function is_fresh( ?array $entry, array $allowed ): bool {
	return $entry
		&& $entry['items']
		&& time() - (int) $entry['at'] < settings()['interval']
		&& ! array_diff( $allowed, $entry['coins'] );
}

/** Whether an answer was fetched for all these coins (an id CoinGecko does not know is in no answer's items). */
function covers( array $entry, array $wanted ): bool {
	return $entry['items'] && ! array_diff( $wanted, $entry['coins'] );
}

function recently_failed( ?array $entry ): bool {
	return $entry && ! empty( $entry['failed'] ) && time() - (int) $entry['failed'] < RETRY_AFTER;
}

/**
 * Fetches the allowlist if this request wins the lock. A loser answers from the old entry at once when it holds the
 * coins asked for; else (a cold cache, or a coin new to the site) it waits for the winner's answer until the
 * deadline, then answers with what there is.
 */
function refresh( string $currency, array $allowed, ?array $entry, array $wanted ): array {
	$lock  = 'coin_ticker_lock_' . $currency;
	$start = microtime( true );
	if ( ! acquire_lock( $lock ) ) {
		if ( $entry && $entry['items'] && covers( $entry, $wanted ) ) {
			return array( $entry, 'stale' );
		}
		return array( wait_for( $currency, $start, $wanted ) ?? $entry, 'waited' );
	}
	try {
		$answer = fetch_upstream( $currency, $allowed, DEADLINE );
		if ( is_array( $answer ) ) {
			$entry = array( 'at' => time(), 'coins' => $allowed, 'items' => $answer, 'failed' => 0 );
		} else {
			// Kept with the last good items, so readers get those and nobody asks upstream again for a while.
			$entry = array_merge(
				$entry ?? array( 'at' => 0, 'coins' => array(), 'items' => array() ),
				array( 'failed' => time(), 'error' => $answer->get_error_message(), 'status' => $answer->get_error_data()['status'] ?? 503 )
			);
		}
		set_transient( 'coin_ticker_markets_' . $currency, $entry, settings()['interval'] + KEEP );
		return array( $entry, is_array( $answer ) ? 'fetched' : 'stale' );
	} finally {
		release_lock( $lock );
	}
}

/** Waits for the request holding the lock to store its answer, reading the database, not a cached copy. */
function wait_for( string $currency, float $start, array $wanted ): ?array {
	while ( microtime( true ) - $start < DEADLINE ) {
		usleep( 50000 );
		wp_cache_delete( '_transient_coin_ticker_markets_' . $currency, 'options' );
		wp_cache_delete( '_transient_timeout_coin_ticker_markets_' . $currency, 'options' );
		wp_cache_delete( 'alloptions', 'options' );
		wp_cache_delete( 'notoptions', 'options' );
		$entry = cached( $currency );
		if ( $entry && ( covers( $entry, $wanted ) || (int) ( $entry['failed'] ?? 0 ) >= (int) $start ) ) {
			return $entry;
		}
	}
	return null;
}

/**
 * An atomic lock on the options table's unique key, as core's WP_Upgrader::create_lock() takes one: of many
 * requests inserting the same row at once, exactly one inserts it. An expired lock is taken over by
 * compare-and-swap on its old value, so only one request takes it over.
 */
function acquire_lock( string $name ): bool {
	global $wpdb;
	$now = time();
	$got = $wpdb->query( $wpdb->prepare( "INSERT IGNORE INTO `$wpdb->options` ( `option_name`, `option_value`, `autoload` ) VALUES ( %s, %s, 'no' )", $name, (string) $now ) );
	if ( $got ) {
		return true;
	}
	$held_since = $wpdb->get_var( $wpdb->prepare( "SELECT option_value FROM `$wpdb->options` WHERE option_name = %s", $name ) );
	if ( null === $held_since || $now - (int) $held_since < LOCK_TTL ) {
		return false;
	}
	return (bool) $wpdb->query( $wpdb->prepare( "UPDATE `$wpdb->options` SET option_value = %s WHERE option_name = %s AND option_value = %s", (string) $now, $name, $held_since ) );
}

function release_lock( string $name ): void {
	global $wpdb;
	$wpdb->query( $wpdb->prepare( "DELETE FROM `$wpdb->options` WHERE option_name = %s", $name ) );
}

/** CoinGecko's host, or another that speaks its API (a test's simulator) through the `coin_ticker_upstream` filter. */
function upstream(): string {
	return untrailingslashit( (string) apply_filters( 'coin_ticker_upstream', UPSTREAM ) );
}

/**
 * One `/coins/markets` request for the whole allowlist, with 7-day history and change for the cards and tables.
 *
 * @return array|\WP_Error CoinGecko's items
 */
function fetch_upstream( string $currency, array $coins, float $timeout ) {
	$base    = upstream();
	$headers = array( 'Accept' => 'application/json' );
	$key     = settings()['api_key'];
	if ( '' !== $key ) {
		$headers[ str_contains( $base, '//pro-api.' ) ? 'x-cg-pro-api-key' : 'x-cg-demo-api-key' ] = $key;
	}
	$url = $base . '/coins/markets?' . http_build_query(
		array(
			'vs_currency'             => $currency,
			'ids'                     => implode( ',', $coins ),
			'per_page'                => MAX_COINS,
			'sparkline'               => 'true',
			'price_change_percentage' => '7d',
		)
	);
	$response = wp_remote_get( $url, array( 'timeout' => $timeout, 'headers' => $headers, 'redirection' => 0 ) );
	if ( is_wp_error( $response ) ) {
		return new \WP_Error( 'upstream', 'The price source did not answer.', array( 'status' => 503 ) );
	}
	$code = wp_remote_retrieve_response_code( $response );
	$body = json_decode( wp_remote_retrieve_body( $response ), true );
	if ( 400 === $code && is_array( $body ) && isset( $body['error'] ) && str_contains( (string) $body['error'], 'vs_currency' ) ) {
		return new \WP_Error( 'currency', 'invalid vs_currency', array( 'status' => 400 ) );
	}
	if ( 200 !== $code || ! is_array( $body ) || ! array_is_list( $body ) ) {
		return new \WP_Error( 'upstream', 'The price source answered with an error.', array( 'status' => 503 ) );
	}
	return array_values( array_filter( $body, fn( $item ) => is_array( $item ) && is_string( $item['id'] ?? null ) ) );
}
