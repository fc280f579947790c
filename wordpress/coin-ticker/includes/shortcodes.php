<?php
/**
 * `[coin-list coins="bitcoin,ethereum"]`, `[coin-ticker …]`, `[coin-price coin="bitcoin"]`, `[coin-card …]`,
 * `[coin-table coins="…" columns="price,change-24h" sort="-market-cap"]`: the elements' own attribute names, for
 * classic editors, widgets and page builders.
 */

namespace CoinTicker;

defined( 'ABSPATH' ) || exit;

function register_shortcodes(): void {
	foreach ( array_keys( elements() ) as $tag ) {
		add_shortcode(
			$tag,
			// Content between an opening and closing shortcode is ignored: an element's content is its own.
			fn( $atts ) => render_element( $tag, is_array( $atts ) ? $atts : array() )
		);
	}
}
add_action( 'init', __NAMESPACE__ . '\register_shortcodes' );
