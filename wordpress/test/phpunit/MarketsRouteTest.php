<?php

namespace CoinTicker\Tests;

final class MarketsRouteTest extends TestCase {
	protected function setUp(): void {
		parent::setUp();
		$this->settings( array( 'coins' => 'bitcoin,ethereum,solana', 'api_key' => 'cg-secret' ) );
		$this->answer = fn( string $url ) => $this->coingecko( $url );
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
		$history = $this->get( array( 'vs_currency' => 'usd', 'ids' => 'bitcoin', 'sparkline' => 'true', 'price_change_percentage' => '7d' ) );
		$this->assertSame( array( 1, 2, 3 ), $history->get_data()[0]['sparkline_in_7d']['price'] );
		$this->assertSame( 4.25, $history->get_data()[0]['price_change_percentage_7d_in_currency'] );
		// Each as CoinGecko sends it: the series with `sparkline`, the change with `price_change_percentage`.
		$series = $this->get( array( 'vs_currency' => 'usd', 'ids' => 'bitcoin', 'sparkline' => 'true', 'price_change_percentage' => '1h,24h' ) );
		$this->assertArrayHasKey( 'sparkline_in_7d', $series->get_data()[0] );
		$this->assertArrayNotHasKey( 'price_change_percentage_7d_in_currency', $series->get_data()[0] );
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

	public function test_a_ranking_answers_the_largest_coins_in_order_from_one_upstream_request(): void {
		\CoinTicker\remember_use( array( 'top' => '5' ) );
		$five = $this->get( array( 'vs_currency' => 'usd', 'order' => 'market_cap_desc', 'per_page' => '5', 'sparkline' => 'true', 'price_change_percentage' => '7d' ) );
		$this->assertSame( 200, $five->get_status() );
		$this->assertSame( array_slice( self::RANKED, 0, 5 ), $this->ids( $five ) );
		$this->assertSame( array( 1, 2, 3, 4, 5 ), array_column( $five->get_data(), 'market_cap_rank' ) );
		$this->assertSame( 4.25, $five->get_data()[0]['price_change_percentage_7d_in_currency'] );
		$this->assertSame( 'fetched', $five->get_headers()['X-Coin-Ticker-Cache'] );

		$three = $this->get( array( 'vs_currency' => 'usd', 'order' => 'market_cap_desc', 'per_page' => '3' ) );
		$this->assertSame( array_slice( self::RANKED, 0, 3 ), $this->ids( $three ) );
		$this->assertArrayNotHasKey( 'sparkline_in_7d', $three->get_data()[0] );
		$this->assertArrayNotHasKey( 'price_change_percentage_7d_in_currency', $three->get_data()[0] );
		$this->assertSame( 'cache', $three->get_headers()['X-Coin-Ticker-Cache'] );
		$this->assertMatchesRegularExpression( '/^public, max-age=(60|59), /', $three->get_headers()['Cache-Control'] );
		// CoinGecko's defaults: market-cap order, 100 a page; here as many as the site ranks.
		$this->assertSame( array_slice( self::RANKED, 0, 5 ), $this->ids( $this->get( array( 'vs_currency' => 'usd' ) ) ) );

		$this->assertCount( 1, $this->upstream, 'one ranking request, and the coins not asked for' );
		parse_str( wp_parse_url( $this->upstream[0]['url'], PHP_URL_QUERY ), $query );
		$this->assertSame( array( 'vs_currency' => 'usd', 'order' => 'market_cap_desc', 'per_page' => '5', 'sparkline' => 'true', 'price_change_percentage' => '7d' ), $query );
		$this->assertSame( 'cg-secret', $this->upstream[0]['args']['headers']['x-cg-demo-api-key'] );
		$this->assertLessThanOrEqual( 3, $this->upstream[0]['args']['timeout'] );
	}

	public function test_a_top_list_ranks_its_named_coins_beside_its_top_as_the_element_asks(): void {
		// The element asks for top + its named coins: a named coin may be among the largest.
		\CoinTicker\remember_use( array( 'coins' => 'dogecoin,cardano', 'top' => '3' ) );
		$this->assertSame( 5, \CoinTicker\seen()['top'] );
		$this->assertSame( array( 'dogecoin', 'cardano' ), \CoinTicker\seen()['coins'] );
		// A shorter list never shortens it; nothing but a whole number from 1 to 250 is a top.
		foreach ( array( '2', '0', '251', 'ten', '-4', '3.5', '' ) as $top ) {
			\CoinTicker\remember_use( array( 'top' => $top ) );
		}
		$this->assertSame( 5, \CoinTicker\seen()['top'] );
		\CoinTicker\remember_use( array( 'coins' => 'bitcoin,ethereum', 'top' => 250 ) );
		$this->assertSame( 250, \CoinTicker\seen()['top'] );
	}

	public function test_no_ranking_is_fetched_for_a_site_whose_pages_show_none(): void {
		$response = $this->get( array( 'vs_currency' => 'usd', 'order' => 'market_cap_desc', 'per_page' => '10' ) );
		$this->assertSame( 200, $response->get_status() );
		$this->assertSame( array(), $response->get_data() );
		$this->assertCount( 0, $this->upstream );
	}

	public function test_a_longer_ranking_than_the_sites_is_cut_to_its_longest_top_list(): void {
		\CoinTicker\remember_use( array( 'top' => '3' ) );
		$this->assertSame( array_slice( self::RANKED, 0, 3 ), $this->ids( $this->get( array( 'vs_currency' => 'usd', 'per_page' => '250' ) ) ) );
		$this->assertStringContainsString( 'per_page=3&', $this->upstream[0]['url'] );
		$this->assertCount( 1, $this->upstream );
	}

	public function test_an_ids_that_names_nothing_valid_is_no_ranking_request(): void {
		\CoinTicker\remember_use( array( 'top' => '5' ) );
		$this->assertSame( array(), $this->get( array( 'vs_currency' => 'usd', 'ids' => '"><' ) )->get_data() );
		$this->assertCount( 0, $this->upstream );
	}

	public function test_per_page_is_read_as_coingecko_reads_it(): void {
		\CoinTicker\remember_use( array( 'top' => '250' ) );
		$count = fn( $per_page ) => count( $this->get( array( 'vs_currency' => 'usd', 'per_page' => $per_page ) )->get_data() );
		$this->assertSame( 1, $count( '1' ) );
		$this->assertSame( 250, $count( '250' ) );
		$this->assertSame( 1, $count( '0' ), '1 at least' );
		$this->assertSame( 1, $count( '-3' ) );
		$this->assertSame( 250, $count( '1000' ), '250 at most' );
		$this->assertSame( 100, $count( 'many' ), 'the default for no number' );
		$this->assertCount( 1, $this->upstream );
	}

	public function test_an_order_the_cache_cannot_answer_is_refused(): void {
		\CoinTicker\remember_use( array( 'top' => '5' ) );
		$response = $this->get( array( 'vs_currency' => 'usd', 'order' => 'volume_desc', 'per_page' => '5' ) );
		$this->assertSame( 400, $response->get_status() );
		$this->assertStringStartsWith( 'invalid order', $response->get_data()['error'] );
		$this->assertSame( 400, $this->get( array( 'vs_currency' => 'usd', 'ids' => 'bitcoin', 'order' => 'id_asc' ) )->get_status() );
		$this->assertCount( 0, $this->upstream );
	}

	public function test_a_visitor_cannot_lengthen_the_ranking_and_an_authors_preview_can_for_an_hour(): void {
		\CoinTicker\remember_use( array( 'top' => '3' ) );
		$this->assertCount( 3, $this->get( array( 'vs_currency' => 'usd', 'per_page' => '8' ) )->get_data() );
		wp_set_current_user( 1 );
		try {
			$this->assertSame( array_slice( self::RANKED, 0, 8 ), $this->ids( $this->get( array( 'vs_currency' => 'usd', 'per_page' => '8' ) ) ) );
		} finally {
			wp_set_current_user( 0 );
		}
		$this->assertSame( 8, \CoinTicker\allowed_top() );
		$this->assertSame( 3, \CoinTicker\seen()['top'], 'for a while only' );
		$expires = (int) get_option( '_transient_timeout_coin_ticker_previewed_top' );
		$this->assertEqualsWithDelta( time() + HOUR_IN_SECONDS, $expires, 5 );
		$this->assertCount( 2, $this->upstream );
	}

	public function test_a_longer_top_list_on_the_site_refreshes_the_ranking_as_a_new_coin_does(): void {
		\CoinTicker\remember_use( array( 'top' => '3' ) );
		$this->get( array( 'vs_currency' => 'usd', 'per_page' => '3' ) );
		\CoinTicker\remember_use( array( 'top' => '6' ) );
		// Even a reader of the shorter list: the site's answer now lacks what its pages show.
		$this->assertSame( 'fetched', $this->get( array( 'vs_currency' => 'usd', 'per_page' => '3' ) )->get_headers()['X-Coin-Ticker-Cache'] );
		$this->assertSame( array_slice( self::RANKED, 0, 6 ), $this->ids( $this->get( array( 'vs_currency' => 'usd', 'per_page' => '6' ) ) ) );
		$this->assertCount( 2, $this->upstream );
		$this->assertStringContainsString( 'per_page=6&', $this->upstream[1]['url'] );
	}

	public function test_coins_and_the_ranking_are_fetched_and_kept_apart(): void {
		\CoinTicker\remember_use( array( 'top' => '5' ) );
		$this->get( array( 'vs_currency' => 'usd', 'ids' => 'bitcoin' ) );
		$this->get( array( 'vs_currency' => 'usd', 'per_page' => '5' ) );
		$this->assertCount( 2, $this->upstream );
		$this->age_cache( 'usd', 61 );
		$this->assertSame( 'fetched', $this->get( array( 'vs_currency' => 'usd', 'ids' => 'bitcoin' ) )->get_headers()['X-Coin-Ticker-Cache'] );
		$this->assertSame( 'cache', $this->get( array( 'vs_currency' => 'usd', 'per_page' => '5' ) )->get_headers()['X-Coin-Ticker-Cache'] );
		$this->assertCount( 3, $this->upstream, 'an old coins answer costs no ranking request' );
		$this->assertStringContainsString( 'ids=', $this->upstream[2]['url'] );
	}

	public function test_the_last_good_ranking_is_served_when_the_upstream_fails(): void {
		\CoinTicker\remember_use( array( 'top' => '5' ) );
		$this->get( array( 'vs_currency' => 'usd', 'per_page' => '5' ) );
		$this->age_cache( 'usd', 3600, 'ranking' );
		$this->answer = fn() => array( 'status' => 429, 'body' => array( 'status' => array( 'error_code' => 429 ) ) );

		$stale = $this->get( array( 'vs_currency' => 'usd', 'per_page' => '5' ) );
		$this->assertSame( 200, $stale->get_status() );
		$this->assertSame( array_slice( self::RANKED, 0, 5 ), $this->ids( $stale ) );
		$this->assertSame( 'stale', $stale->get_headers()['X-Coin-Ticker-Cache'] );
		$this->assertStringStartsWith( 'public, max-age=0,', $stale->get_headers()['Cache-Control'] );
		$this->assertSame( '3600', $stale->get_headers()['Age'] );
		$this->get( array( 'vs_currency' => 'usd', 'per_page' => '5' ) );
		$this->assertCount( 2, $this->upstream, 'no second request during the retry pause' );
		// The coins are another answer, with no retry pause of their own.
		$this->answer = fn( string $url ) => $this->coingecko( $url );
		$this->assertSame( array( 'bitcoin' ), $this->ids( $this->get( array( 'vs_currency' => 'usd', 'ids' => 'bitcoin' ) ) ) );
	}

	public function test_a_cold_ranking_and_a_failing_upstream_answer_503_with_retry_after(): void {
		\CoinTicker\remember_use( array( 'top' => '5' ) );
		$this->answer = fn() => new \WP_Error( 'http_request_failed', 'Operation timed out' );
		$response     = $this->get( array( 'vs_currency' => 'usd', 'per_page' => '5' ) );
		$this->assertSame( 503, $response->get_status() );
		$this->assertSame( '30', $response->get_headers()['Retry-After'] );
		$this->assertSame( 'no-store', $response->get_headers()['Cache-Control'] );
		$this->get( array( 'vs_currency' => 'usd', 'per_page' => '5' ) );
		$this->assertCount( 1, $this->upstream );
	}

	public function test_while_another_request_fetches_the_ranking_a_cold_reader_waits_and_asks_nothing(): void {
		\CoinTicker\remember_use( array( 'top' => '5' ) );
		$this->assertTrue( \CoinTicker\acquire_lock( 'coin_ticker_lock_ranking_usd' ) );
		$response = $this->get( array( 'vs_currency' => 'usd', 'per_page' => '5' ) );
		$this->assertSame( 503, $response->get_status() );
		$this->assertSame( 'waited', $response->get_headers()['X-Coin-Ticker-Cache'] );
		$this->assertCount( 0, $this->upstream );
		// The ranking's lock is its own: a reader of coins does not wait for it.
		$this->assertSame( 'fetched', $this->get( array( 'vs_currency' => 'usd', 'ids' => 'bitcoin' ) )->get_headers()['X-Coin-Ticker-Cache'] );
	}

	public function test_while_another_request_refreshes_the_ranking_an_old_one_long_enough_is_served_at_once(): void {
		\CoinTicker\remember_use( array( 'top' => '3' ) );
		$this->get( array( 'vs_currency' => 'usd', 'per_page' => '3' ) );
		$this->age_cache( 'usd', 120, 'ranking' );
		\CoinTicker\remember_use( array( 'top' => '6' ) );
		$this->assertTrue( \CoinTicker\acquire_lock( 'coin_ticker_lock_ranking_usd' ) );
		$short = $this->get( array( 'vs_currency' => 'usd', 'per_page' => '3' ) );
		$this->assertSame( 'stale', $short->get_headers()['X-Coin-Ticker-Cache'] );
		$this->assertSame( array_slice( self::RANKED, 0, 3 ), $this->ids( $short ) );
		// A longer one than the old answer holds waits for the refresh (which never comes here), then gets what there is.
		$long = $this->get( array( 'vs_currency' => 'usd', 'per_page' => '6' ) );
		$this->assertSame( 'waited', $long->get_headers()['X-Coin-Ticker-Cache'] );
		$this->assertSame( array_slice( self::RANKED, 0, 3 ), $this->ids( $long ) );
		$this->assertCount( 1, $this->upstream );
	}

	public function test_every_currency_a_reader_may_switch_to_is_served(): void {
		\CoinTicker\remember_use( array( 'currency' => 'chf', 'currencies' => 'eur, GBP,e!,btc' ) );
		$this->assertSame( array( 'chf', 'eur', 'gbp', 'btc' ), \CoinTicker\seen()['currencies'] );
		$this->assertSame( array( 'bitcoin' ), $this->ids( $this->get( array( 'vs_currency' => 'gbp', 'ids' => 'bitcoin' ) ) ) );
		$this->assertStringContainsString( 'vs_currency=gbp', $this->upstream[0]['url'] );
		$this->assertSame( 400, $this->get( array( 'vs_currency' => 'jpy', 'ids' => 'bitcoin' ) )->get_status() );
	}

	public function test_an_answer_older_than_a_day_past_its_interval_is_not_served(): void {
		$this->get( array( 'vs_currency' => 'usd', 'ids' => 'bitcoin' ) );
		$this->age_cache( 'usd', 60 + DAY_IN_SECONDS + 1 );
		$this->answer = fn() => array( 'status' => 500, 'body' => 'oops' );
		$this->assertSame( 503, $this->get( array( 'vs_currency' => 'usd', 'ids' => 'bitcoin' ) )->get_status() );
	}

	/** Moves the cached answer's fetch time back, as time passing would. */
	private function age_cache( string $currency, int $seconds, string $kind = 'markets' ): void {
		$entry       = get_transient( "coin_ticker_{$kind}_{$currency}" );
		$entry['at'] = time() - $seconds;
		set_transient( "coin_ticker_{$kind}_{$currency}", $entry, DAY_IN_SECONDS );
	}

	/** The stub CoinGecko ranks these first, then `coin-9`, `coin-10`…: 250 in all. */
	private const RANKED = array( 'bitcoin', 'ethereum', 'tether', 'ripple', 'solana', 'usd-coin', 'dogecoin', 'cardano' );

	/**
	 * CoinGecko as the stub: the named coins as TestCase answers them, or without ids its ranking, largest first,
	 * with `market_cap_rank`; the 7-day change when `price_change_percentage` asks for it.
	 */
	private function coingecko( string $url ): array {
		parse_str( (string) wp_parse_url( $url, PHP_URL_QUERY ), $query );
		if ( ! isset( $query['ids'] ) ) {
			$ranked = array_merge( self::RANKED, array_map( fn( $n ) => "coin-$n", range( count( self::RANKED ) + 1, 250 ) ) );
			$url    = '?ids=' . implode( ',', array_slice( $ranked, 0, (int) ( $query['per_page'] ?? 100 ) ) );
		}
		$answer = $this->markets( $url );
		foreach ( $answer['body'] as $rank => &$item ) {
			$item['market_cap_rank'] = $rank + 1;
			if ( str_contains( $query['price_change_percentage'] ?? '', '7d' ) ) {
				$item['price_change_percentage_7d_in_currency'] = 4.25;
			}
		}
		return $answer;
	}
}
