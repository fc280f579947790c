<?php

namespace CoinTicker\Tests;

/**
 * Each test starts from an empty cache and allowlist and the given settings, with the upstream replaced by a stub
 * that records every request (`pre_http_request` short-circuits WordPress's HTTP API before any socket opens).
 */
abstract class TestCase extends \PHPUnit\Framework\TestCase {
	/** @var array<int, array{url: string, args: array}> */
	protected array $upstream = array();
	/** @var callable(string): array|\WP_Error */
	protected $answer;

	protected function setUp(): void {
		global $wpdb;
		$wpdb->query( "DELETE FROM $wpdb->options WHERE option_name LIKE '%coin\\_ticker\\_%'" );
		wp_cache_flush();
		wp_dequeue_script_module( 'coin-ticker-wordpress' );
		$this->settings( array() );
		$this->upstream = array();
		$this->answer   = fn( string $url ) => $this->markets( $url );
		add_filter( 'pre_http_request', array( $this, 'intercept' ), 10, 3 );
	}

	protected function tearDown(): void {
		remove_filter( 'pre_http_request', array( $this, 'intercept' ), 10 );
		$GLOBALS['coin_ticker_used'] = false;
	}

	protected function settings( array $settings ): void {
		update_option( \CoinTicker\OPTION, \CoinTicker\sanitize_settings( $settings ) );
	}

	public function intercept( $preempt, $args, $url ) {
		$this->upstream[] = array( 'url' => $url, 'args' => $args );
		$answer           = ( $this->answer )( $url );
		return is_wp_error( $answer ) ? $answer : array(
			'headers'  => array(),
			'body'     => is_string( $answer['body'] ) ? $answer['body'] : wp_json_encode( $answer['body'] ),
			'response' => array( 'code' => $answer['status'], 'message' => '' ),
			'cookies'  => array(),
			'filename' => null,
		);
	}

	/** A CoinGecko answer for the ids in the URL, each with a price and a 7-day history. */
	protected function markets( string $url, float $price = 100.5 ): array {
		parse_str( (string) wp_parse_url( $url, PHP_URL_QUERY ), $query );
		$items = array_map(
			fn( $id ) => array(
				'id'                          => $id,
				'symbol'                      => substr( $id, 0, 3 ),
				'name'                        => ucfirst( $id ),
				'current_price'               => $price,
				'price_change_percentage_24h' => 1.5,
				'last_updated'                => '2026-12-07T00:00:00.000Z',
				'sparkline_in_7d'             => array( 'price' => array( 1, 2, 3 ) ),
			) + ( '7d' === ( $query['price_change_percentage'] ?? '' ) ? array( 'price_change_percentage_7d_in_currency' => -2.5 ) : array() ),
			explode( ',', $query['ids'] ?? '' )
		);
		return array( 'status' => 200, 'body' => $items );
	}

	/** The REST route as a visitor's request reaches it. */
	protected function get( array $query ): \WP_REST_Response {
		$request = new \WP_REST_Request( 'GET', '/coin-ticker/v1/coins/markets' );
		$request->set_query_params( $query );
		return rest_get_server()->dispatch( $request );
	}

	protected function ids( \WP_REST_Response $response ): array {
		return array_column( $response->get_data(), 'id' );
	}
}
