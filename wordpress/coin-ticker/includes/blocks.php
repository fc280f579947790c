<?php
/**
 * One dynamic block per element, rendered by PHP through the same rules as the shortcodes. The editor script is
 * plain JavaScript on the block editor's own packages: no build step.
 */

namespace CoinTicker;

defined( 'ABSPATH' ) || exit;

/** Block name (`coin-ticker/list`) to element. */
const BLOCKS = array(
	'list'   => 'coin-list',
	'ticker' => 'coin-ticker',
	'price'  => 'coin-price',
	'card'   => 'coin-card',
	'table'  => 'coin-table',
);

/** Block attributes are camelCase in block.json; the element's are kebab-case. */
function block_to_element_attributes( array $attributes ): array {
	$out = array();
	foreach ( $attributes as $name => $value ) {
		$out[ strtolower( preg_replace( '/[A-Z]/', '-$0', $name ) ) ] = $value;
	}
	return $out;
}

/**
 * @param array<string, mixed> $attributes what the author set (block.json declares no defaults)
 */
function render_block( string $tag, array $attributes ): string {
	$element = render_element( $tag, block_to_element_attributes( $attributes ) );
	if ( '' === $element ) {
		return '';
	}
	// Block markup whose attributes are not valid JSON reaches render with none, and core's block supports then
	// fail on them and take the whole page down (WordPress 6.5): the element goes out in a plain wrapper instead.
	$wrapper = is_array( \WP_Block_Supports::$block_to_render['attrs'] ?? null )
		? get_block_wrapper_attributes()
		: 'class="wp-block-coin-ticker-' . esc_attr( array_search( $tag, BLOCKS, true ) ) . '"';
	return sprintf( 'coin-price' === $tag ? '<span %s>%s</span>' : '<div %s>%s</div>', $wrapper, $element );
}

function register_blocks(): void {
	wp_register_script(
		'coin-ticker-editor',
		plugins_url( 'assets/editor.js', FILE ),
		array( 'wp-blocks', 'wp-element', 'wp-block-editor', 'wp-components', 'wp-i18n', 'wp-rich-text' ),
		VERSION,
		true
	);
	foreach ( BLOCKS as $folder => $tag ) {
		register_block_type(
			__DIR__ . '/../blocks/' . $folder,
			array( 'render_callback' => fn( $attributes ) => render_block( $tag, is_array( $attributes ) ? $attributes : array() ) )
		);
	}
}
add_action( 'init', __NAMESPACE__ . '\register_blocks' );

/**
 * What the editor's previews need: the bundle, the site's settings, and the REST nonce that lets an author's preview
 * add a coin to the site's allowlist before any page shows it.
 */
function editor_settings(): void {
	wp_add_inline_script(
		'coin-ticker-editor',
		'window.coinTickerEditor = ' . wp_json_encode(
			array(
				'bundle' => bundle_url(),
				'config' => page_config(),
				'nonce'  => wp_create_nonce( 'wp_rest' ),
			),
			JSON_HEX_TAG | JSON_HEX_AMP
		) . ';',
		'before'
	);
}
add_action( 'enqueue_block_editor_assets', __NAMESPACE__ . '\editor_settings' );

/**
 * The inline price inside running text: the editor's "Coin price" format saves `<span class="coin-ticker-price"
 * data-coin="bitcoin">`, markup every author may write (core's HTML filter keeps a span's class and data-*), and
 * pages get the element through the same rules as the blocks.
 */
function render_inline_prices( string $content ): string {
	if ( ! str_contains( $content, 'coin-ticker-price' ) ) {
		return $content;
	}
	return (string) preg_replace_callback(
		'#<span\b([^>]*\bclass="coin-ticker-price"[^>]*)>.*?</span>#s',
		function ( array $match ): string {
			$coin = preg_match( '/\bdata-coin="([^"]*)"/', $match[1], $found ) ? html_entity_decode( $found[1], ENT_QUOTES ) : '';
			return render_element( 'coin-price', array( 'coin' => $coin ) );
		},
		$content
	);
}
add_filter( 'render_block', __NAMESPACE__ . '\\render_inline_prices' );
