<?php
/**
 * The site's price cache, two kinds of answer per currency: the coins (the whole allowlist, fetched in one request)
 * and the ranking (the largest coins by market cap, as many as the site's longest top list). Each kind is fetched
 * from CoinGecko at most once per interval under its own lock, so a cold cache costs one upstream request per kind
 * however many readers arrive at once, and the last good answer is served while another request refreshes it or
 * when the upstream fails.
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

/** The named coins of the site's elements, the allowlist's, fetched with `ids`. */
const COINS = 'coins';
/** The largest coins by market cap, fetched with `order=market_cap_desc&per_page=N`. */
const RANKING = 'ranking';

/**
 * Adds what a page printed to what the site serves: its coin ids; its currency and every currency a reader may switch
 * to (`currencies`); and for a `top` list, how long a ranking its element asks for: `top` plus its named coins, as
 * the element asks (a named coin may rank among the largest, and the rows after the named ones are the first `top`
 * of the ranking it does not name). Written only when something new appears.
 */
function remember_use( array $attributes ): void {
	$coins      = parse_coins( ( $attributes['coins'] ?? '' ) . ',' . ( $attributes['coin'] ?? '' ) );
	$currencies = parse_currencies( ( $attributes['currency'] ?? '' ) . ',' . ( $attributes['currencies'] ?? '' ) );
	$top        = parse_top( $attributes['top'] ?? null );
	$ranked     = $top ? min( MAX_COINS, $top + count( $coins ) ) : 0;

	$seen             = seen();
	$added            = array_diff( $coins, $seen['coins'] );
	$added_currencies = array_diff( $currencies, $seen['currencies'] );
	if ( ! $added && ! $added_currencies && $ranked <= $seen['top'] ) {
		return;
	}
	$seen['coins']      = array_slice( array_merge( $seen['coins'], $added ), 0, MAX_COINS );
	$seen['currencies'] = array_slice( array_merge( $seen['currencies'], $added_currencies ), 0, MAX_CURRENCIES );
	$seen['top']        = max( $seen['top'], $ranked );
	update_option( SEEN, $seen, false );
}

/** @return array{coins: string[], currencies: string[], top: int} */
function seen(): array {
	$seen = get_option( SEEN, array() );
	return array(
		'coins'      => array_values( (array) ( $seen['coins'] ?? array() ) ),
		'currencies' => array_values( (array) ( $seen['currencies'] ?? array() ) ),
		'top'        => max( 0, min( MAX_COINS, (int) ( $seen['top'] ?? 0 ) ) ),
	);
}

/** A `top` attribute's number of coins, 1 to 250 (CoinGecko ranks at most one page of 250), or 0 for none. */
function parse_top( $value ): int {
	$value = is_scalar( $value ) ? trim( (string) $value ) : '';
	return ctype_digit( $value ) && (int) $value >= 1 && (int) $value <= MAX_COINS ? (int) $value : 0;
}

/** Currency codes from a comma or space separated list (a `currencies` attribute): valid ones, in order, each once. */
function parse_currencies( $value ): array {
	$codes = is_scalar( $value ) ? preg_split( '/[\s,]+/', (string) $value, -1, PREG_SPLIT_NO_EMPTY ) : array();
	return array_values( array_unique( array_filter( array_map( __NAMESPACE__ . '\parse_currency', $codes ) ) ) );
}

/** The coins this site answers for: its pages' and the settings' list, and what authors preview, at most one page. */
function allowlist(): array {
	$coins = array_merge( settings()['coins'], seen()['coins'], previewed() );
	return array_slice( array_values( array_unique( $coins ) ), 0, MAX_COINS );
}

/** How long a ranking this site answers: its longest top list, or a longer one an author previews; 0 for none. */
function allowed_top(): int {
	return max( seen()['top'], previewed_top() );
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

/** A ranking longer than any page's that an author's editor preview asked for, or 0. */
function previewed_top(): int {
	return max( 0, min( MAX_COINS, (int) get_transient( 'coin_ticker_previewed_top' ) ) );
}

/** Lengthens the ranking to what an author previews, for an hour, as previewed coins are served. */
function remember_preview_top( int $top ): void {
	if ( $top > allowed_top() ) {
		set_transient( 'coin_ticker_previewed_top', min( MAX_COINS, $top ), PREVIEW_TTL );
	}
}

function allowed_currencies(): array {
	return array_values( array_unique( array_merge( array( settings()['currency'] ), seen()['currencies'] ) ) );
}

/** What the site serves of a kind: the allowlist's coins, or how long a ranking. */
function need( string $kind ) {
	return RANKING === $kind ? allowed_top() : allowlist();
}

function cache_key( string $kind, string $currency ): string {
	return ( RANKING === $kind ? 'coin_ticker_ranking_' : 'coin_ticker_markets_' ) . $currency;
}

function lock_name( string $kind, string $currency ): string {
	return 'coin_ticker_lock_' . ( RANKING === $kind ? 'ranking_' : '' ) . $currency;
}

/**
 * The cached answer of a kind for a currency: `at` (when last fetched, 0 for never), `asked` (what was fetched: the
 * coins, or the ranking's length), `items` (CoinGecko's items, in its order), `failed` (when the last refresh
 * failed, or 0) with its `error` and `status`. Items older than the interval and a day are no answer any more.
 */
function cached( string $kind, string $currency ): ?array {
	$entry = get_transient( cache_key( $kind, $currency ) );
	if ( ! is_array( $entry ) || ! isset( $entry['at'], $entry['items'] ) ) {
		return null;
	}
	$entry = array_merge( no_answer( $kind ), $entry );
	// A failure rewrites the entry and so renews the transient: the age of its items is what ends them.
	if ( time() - (int) $entry['at'] > settings()['interval'] + KEEP ) {
		$entry['at']    = 0;
		$entry['items'] = array();
	}
	return $entry;
}

/** The entry of an answer never fetched. */
function no_answer( string $kind ): array {
	return array( 'at' => 0, 'asked' => RANKING === $kind ? 0 : array(), 'items' => array(), 'failed' => 0 );
}

/**
 * The answer for the coins asked that the site serves, from the cache, refreshing it first when it is old.
 *
 * `how` says where the answer came from: `cache`, `fetched` (this request asked upstream), `waited` (for another
 * request that did), `stale` (the last good answer, while another request refreshes it or after a failure).
 *
 * @return array{status: int, items: array, age: int, fresh: bool, how: string, error?: string}
 */
function markets( string $currency, array $ids ): array {
	$wanted          = array_values( array_intersect( $ids, allowlist() ) );
	$answer          = answer( COINS, $currency, $wanted );
	$answer['items'] = array_values( array_filter( $answer['items'], fn( $item ) => in_array( $item['id'] ?? null, $wanted, true ) ) );
	return $answer;
}

/**
 * The `count` largest coins by market cap, at most as many as the site's longest top list, from the cache as
 * markets() answers: a ranking no page shows is no more fetched for a reader than a coin no page shows.
 *
 * @return array{status: int, items: array, age: int, fresh: bool, how: string, error?: string}
 */
function ranking( string $currency, int $count ): array {
	$count           = min( $count, allowed_top() );
	$answer          = answer( RANKING, $currency, $count );
	$answer['items'] = array_slice( $answer['items'], 0, $count );
	return $answer;
}

/**
 * The cached answer of a kind holding what is wanted (coins, or a ranking's length), refreshed first when it is
 * old or lacks what the site now serves.
 *
 * @param string[]|int $wanted
 */
function answer( string $kind, string $currency, $wanted ): array {
	if ( ! $wanted ) {
		return array( 'status' => 200, 'items' => array(), 'age' => 0, 'fresh' => true, 'how' => 'cache' );
	}
	$need  = need( $kind );
	$entry = cached( $kind, $currency );
	$how   = 'cache';
	if ( ! is_fresh( $entry, $need ) ) {
		$how = 'stale';
		if ( ! recently_failed( $entry ) ) {
			[ $entry, $how ] = refresh( $kind, $currency, $need, $entry, $wanted );
		}
	}
	if ( ! $entry || ! $entry['at'] ) {
		$error = $entry['error'] ?? 'The price source did not answer in time.';
		return array( 'status' => $entry['status'] ?? 503, 'items' => array(), 'age' => 0, 'fresh' => false, 'how' => $how, 'error' => $error );
	}
	return array(
		'status' => 200,
		'items'  => $entry['items'],
		'age'    => max( 0, time() - (int) $entry['at'] ),
		'fresh'  => is_fresh( $entry, $need ),
		'how'    => $how,
	);
}

/**
 * Whether an answer was fetched for what is wanted: all these coins (an id CoinGecko does not know is in no
 * answer's items, so the items cannot tell), or a ranking at least this long.
 *
 * @param string[]|int $wanted
 */
function holds( ?array $entry, $wanted ): bool {
	if ( ! $entry || ! $entry['at'] ) {
		return false;
	}
	return is_int( $wanted ) ? (int) $entry['asked'] >= $wanted : ! array_diff( $wanted, (array) $entry['asked'] );
}

/** @param string[]|int $need */
function is_fresh( ?array $entry, $need ): bool {
	return holds( $entry, $need ) && time() - (int) $entry['at'] < settings()['interval'];
}

function recently_failed( ?array $entry ): bool {
	return $entry && ! empty( $entry['failed'] ) && time() - (int) $entry['failed'] < RETRY_AFTER;
}

/**
 * Fetches what the site serves of a kind if this request wins the kind's lock. A loser answers from the old entry
 * at once when it holds what was asked; else (a cold cache, a coin new to the site, a longer ranking) it waits for
 * the winner's answer until the deadline, then answers with what there is.
 *
 * Each kind has its own lock: a page asks for its coins and its ranking at once, and a reader of one never waits
 * while the other is fetched.
 *
 * @param string[]|int $need
 * @param string[]|int $wanted
 */
function refresh( string $kind, string $currency, $need, ?array $entry, $wanted ): array {
	$lock  = lock_name( $kind, $currency );
	$start = microtime( true );
	if ( ! acquire_lock( $lock ) ) {
		if ( holds( $entry, $wanted ) ) {
			return array( $entry, 'stale' );
		}
		return array( wait_for( $kind, $currency, $start, $wanted ) ?? $entry, 'waited' );
	}
	try {
		// The request that held the lock may have stored its answer between this one's look and its lock.
		$latest = reload( $kind, $currency );
		if ( is_fresh( $latest, $need ) ) {
			return array( $latest, 'cache' );
		}
		if ( recently_failed( $latest ) ) {
			return array( $latest, 'stale' );
		}
		$entry  = $latest ?? $entry;
		$answer = fetch_upstream( $currency, upstream_query( $kind, $need ), DEADLINE );
		if ( is_array( $answer ) ) {
			$entry = array( 'at' => time(), 'asked' => $need, 'items' => $answer, 'failed' => 0 );
		} else {
			// Kept with the last good items, so readers get those and nobody asks upstream again for a while.
			$entry = array_merge(
				$entry ?? no_answer( $kind ),
				array( 'failed' => time(), 'error' => $answer->get_error_message(), 'status' => $answer->get_error_data()['status'] ?? 503 )
			);
		}
		set_transient( cache_key( $kind, $currency ), $entry, settings()['interval'] + KEEP );
		return array( $entry, is_array( $answer ) ? 'fetched' : 'stale' );
	} finally {
		release_lock( $lock );
	}
}

/**
 * Waits for the request holding the lock to store its answer.
 *
 * @param string[]|int $wanted
 */
function wait_for( string $kind, string $currency, float $start, $wanted ): ?array {
	while ( microtime( true ) - $start < DEADLINE ) {
		usleep( 50000 );
		$entry = reload( $kind, $currency );
		if ( $entry && ( holds( $entry, $wanted ) || (int) $entry['failed'] >= (int) $start ) ) {
			return $entry;
		}
	}
	return null;
}

/** The entry as another request may just have stored it: read from the database, not a cached copy. */
function reload( string $kind, string $currency ): ?array {
	$key = cache_key( $kind, $currency );
	wp_cache_delete( '_transient_' . $key, 'options' );
	wp_cache_delete( '_transient_timeout_' . $key, 'options' );
	wp_cache_delete( 'alloptions', 'options' );
	wp_cache_delete( 'notoptions', 'options' );
	return cached( $kind, $currency );
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
 * What a refresh asks CoinGecko for: the whole allowlist, or the ranking as long as the site's longest top list;
 * either with the 7-day series and change, for the cards and tables (the route leaves them out for readers who did
 * not ask).
 *
 * @param string[]|int $need
 */
function upstream_query( string $kind, $need ): array {
	$query = RANKING === $kind
		? array( 'order' => 'market_cap_desc', 'per_page' => $need )
		: array( 'ids' => implode( ',', $need ), 'per_page' => MAX_COINS );
	return $query + array( 'sparkline' => 'true', 'price_change_percentage' => '7d' );
}

/**
 * One `/coins/markets` request.
 *
 * @return array|\WP_Error CoinGecko's items
 */
function fetch_upstream( string $currency, array $query, float $timeout ) {
	$base    = upstream();
	$headers = array( 'Accept' => 'application/json' );
	$key     = settings()['api_key'];
	if ( '' !== $key ) {
		$headers[ str_contains( $base, '//pro-api.' ) ? 'x-cg-pro-api-key' : 'x-cg-demo-api-key' ] = $key;
	}
	$url = $base . '/coins/markets?' . http_build_query( array( 'vs_currency' => $currency ) + $query );
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
