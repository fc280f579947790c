<?php
/**
 * The bundle as a script module, loaded only on pages that print an element, with the settings beside it as JSON.
 */

namespace CoinTicker;

defined( 'ABSPATH' ) || exit;

/** The built bundle, copied in by `npm run build`; its version is its content's, so a new build is never cached stale. */
function bundle_url(): string {
	$file = __DIR__ . '/../assets/coin-ticker.min.js';
	return add_query_arg( 'v', is_readable( $file ) ? substr( md5_file( $file ), 0, 12 ) : VERSION, plugins_url( 'assets/coin-ticker.min.js', FILE ) );
}

function register_modules(): void {
	// Registered with its version in the URL itself: WordPress adds `?ver=`, and the editor imports the same URL,
	// which must be the very same module for configure() to reach the elements.
	wp_register_script_module( 'coin-ticker', bundle_url(), array(), null );
	wp_register_script_module( 'coin-ticker-wordpress', plugins_url( 'assets/coin-ticker-wordpress.js', FILE ), array( 'coin-ticker' ), VERSION );
}
add_action( 'init', __NAMESPACE__ . '\register_modules' );

/** Marks this page as one with elements: the bundle and the settings go into it. Safe to call many times. */
function use_elements(): void {
	$GLOBALS['coin_ticker_used'] = true;
	if ( function_exists( 'wp_enqueue_script_module' ) && did_action( 'init' ) ) {
		wp_enqueue_script_module( 'coin-ticker-wordpress' );
	}
}

/** The settings for configure(), as JSON that cannot end its script element (`</script>` is escaped by the flags). */
function config_json(): string {
	$config = page_config();
	$theme  = settings()['theme'];
	return wp_json_encode(
		array( 'config' => $config, 'theme' => 'auto' === $theme ? null : $theme ),
		JSON_HEX_TAG | JSON_HEX_AMP | JSON_HEX_APOS | JSON_HEX_QUOT | JSON_UNESCAPED_SLASHES
	);
}

function print_config(): void {
	if ( empty( $GLOBALS['coin_ticker_used'] ) || is_admin() ) {
		return;
	}
	echo '<script type="application/json" id="coin-ticker-settings">' . config_json() . "</script>\n";
}
add_action( 'wp_footer', __NAMESPACE__ . '\print_config', 5 );
