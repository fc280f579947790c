<?php
/**
 * Test site only: the plugin's upstream is the market simulator the test run started, named in the environment.
 */
add_filter(
	'coin_ticker_upstream',
	fn( $url ) => getenv( 'COIN_TICKER_TEST_UPSTREAM' ) ?: $url
);
