<?php
/**
 * `GET /wp-json/coin-ticker/v1/coins/markets`: CoinGecko's route and shape, answered from the site's cache, so the
 * `coingecko` feed pointed at `<site>/wp-json/coin-ticker/v1` works unchanged. With `ids`, the named coins: ids
 * outside the allowlist are left out, never fetched (the site is no free proxy, and one stray id never fails a page's
 * other widgets). Without, the ranking, as CoinGecko answers it: the `per_page` largest coins by market cap, at most
 * as many as the site's longest top list.
 */

namespace CoinTicker;

defined( 'ABSPATH' ) || exit;

function register_routes(): void {
	register_rest_route(
		'coin-ticker/v1',
		'/coins/markets',
		array(
			'methods'             => 'GET',
			'callback'            => __NAMESPACE__ . '\markets_route',
			'permission_callback' => '__return_true',
			'args'                => array(
				'vs_currency'             => array( 'type' => 'string', 'required' => true ),
				'ids'                     => array( 'type' => 'string' ),
				'order'                   => array( 'type' => 'string' ),
				'per_page'                => array( 'type' => 'string' ),
				'sparkline'               => array( 'type' => 'string' ),
				'price_change_percentage' => array( 'type' => 'string' ),
			),
		)
	);
}
add_action( 'rest_api_init', __NAMESPACE__ . '\register_routes' );

/** CoinGecko's `per_page`: 1 to 250, 100 when absent or no number, as CoinGecko (and the simulator) read it. */
const PER_PAGE = 100;

function markets_route( \WP_REST_Request $request ): \WP_REST_Response {
	$currency = parse_currency( $request['vs_currency'] );
	// An `ids` that names nothing valid still asks for named coins (none), never for the ranking.
	$named = '' !== trim( is_scalar( $request['ids'] ) ? (string) $request['ids'] : '' );
	$ids   = parse_coins( $request['ids'] ?? '' );
	$count = is_numeric( $request['per_page'] ) ? max( 1, min( MAX_COINS, (int) $request['per_page'] ) ) : PER_PAGE;
	$order = is_scalar( $request['order'] ) ? (string) $request['order'] : '';
	// The cache holds CoinGecko's default order, by market cap: another one it cannot answer truly.
	if ( '' !== $order && 'market_cap_desc' !== $order ) {
		return new \WP_REST_Response( array( 'error' => 'invalid order: this site answers in market_cap_desc order only' ), 400 );
	}
	// An author's editor preview (signed in, with the REST nonce) may add coins or lengthen the ranking for a while,
	// and add a currency, as publishing them would.
	if ( current_user_can( 'edit_posts' ) ) {
		if ( $named ) {
			remember_preview( $ids );
		} else {
			remember_preview_top( $count );
		}
		remember_use( array( 'currency' => $currency ) );
	}
	// CoinGecko's words for an unknown currency, which the feed reads as a currency it will never get.
	if ( ! $currency || ! in_array( $currency, allowed_currencies(), true ) ) {
		return new \WP_REST_Response( array( 'error' => 'invalid vs_currency' ), 400 );
	}
	$answer = $named ? markets( $currency, $ids ) : ranking( $currency, $count );
	if ( 200 !== $answer['status'] ) {
		$response = new \WP_REST_Response( array( 'error' => $answer['error'] ), $answer['status'] );
		$response->header( 'X-Coin-Ticker-Cache', $answer['how'] );
		$response->header( 'Retry-After', (string) RETRY_AFTER );
		$response->header( 'Cache-Control', 'no-store' );
		return $response;
	}
	// The cache holds the 7-day series and change for every coin; CoinGecko sends them only when asked.
	$periods = is_scalar( $request['price_change_percentage'] ) ? explode( ',', (string) $request['price_change_percentage'] ) : array();
	$change  = in_array( '7d', array_map( 'trim', $periods ), true );
	$history = 'true' === ( $request['sparkline'] ?? '' );
	$items   = array_map(
		function ( $item ) use ( $history, $change ) {
			if ( ! $history ) {
				unset( $item['sparkline_in_7d'], $item['price_change_percentage_7d_in_currency'] );
			}
			if ( ! $change ) {
				unset( $item['price_change_percentage_7d_in_currency'] );
			}
			return $item;
		},
		$answer['items']
	);
	$response = new \WP_REST_Response( $items, 200 );
	$interval = settings()['interval'];
	// A page cache or CDN may keep the answer for what is left of the interval, and serve it while it refreshes or
	// when this site fails.
	$max_age = $answer['fresh'] ? max( 0, $interval - $answer['age'] ) : 0;
	$response->header( 'Cache-Control', sprintf( 'public, max-age=%d, stale-while-revalidate=%d, stale-if-error=%d', $max_age, $interval, KEEP ) );
	$response->header( 'Age', (string) $answer['age'] );
	// Where the answer came from, for whoever looks into a slow or stale page (and for the concurrency test).
	$response->header( 'X-Coin-Ticker-Cache', $answer['how'] );
	return $response;
}
