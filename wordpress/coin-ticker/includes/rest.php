<?php
/**
 * `GET /wp-json/coin-ticker/v1/coins/markets`: CoinGecko's route and shape, answered from the site's cache, so the
 * `coingecko` feed pointed at `<site>/wp-json/coin-ticker/v1` works unchanged. Ids outside the allowlist are left
 * out, never fetched: the site is no free proxy, and one stray id never fails a page's other widgets.
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
				'vs_currency' => array( 'type' => 'string', 'required' => true ),
				'ids'         => array( 'type' => 'string' ),
				'sparkline'   => array( 'type' => 'string' ),
			),
		)
	);
}
add_action( 'rest_api_init', __NAMESPACE__ . '\register_routes' );

function markets_route( \WP_REST_Request $request ): \WP_REST_Response {
	$currency = parse_currency( $request['vs_currency'] );
	$ids      = parse_coins( $request['ids'] ?? '' );
	// An author's editor preview (signed in, with the REST nonce) may add coins for a while, and a currency, as
	// publishing them would.
	if ( current_user_can( 'edit_posts' ) ) {
		remember_preview( $ids );
		remember_use( array( 'currency' => $currency ) );
	}
	// CoinGecko's words for an unknown currency, which the feed turns into "Unknown currency".
	if ( ! $currency || ! in_array( $currency, allowed_currencies(), true ) ) {
		return new \WP_REST_Response( array( 'error' => 'invalid vs_currency' ), 400 );
	}
	$answer = markets( $currency, $ids );
	if ( 200 !== $answer['status'] ) {
		$response = new \WP_REST_Response( array( 'error' => $answer['error'] ), $answer['status'] );
		$response->header( 'X-Coin-Ticker-Cache', $answer['how'] );
		$response->header( 'Retry-After', (string) RETRY_AFTER );
		$response->header( 'Cache-Control', 'no-store' );
		return $response;
	}
	$history = 'true' === ( $request['sparkline'] ?? '' );
	$items   = array_map(
		function ( $item ) use ( $history ) {
			// The 7-day change comes with the history, as CoinGecko's comes to a request for both.
			if ( ! $history ) {
				unset( $item['sparkline_in_7d'], $item['price_change_percentage_7d_in_currency'] );
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
