<?php
/**
 * Loads the installed test site (`COIN_TICKER_WP`, set by wordpress/test/run.js) with the plugin active.
 */

// wp-load.php from inside a function body would make these locals: WordPress reads them as globals, and without
// $shortcode_tags, for one, shortcodes silently do nothing.
global $wpdb, $wp, $wp_query, $wp_rewrite, $wp_roles, $wp_filter, $wp_actions, $wp_current_filter, $shortcode_tags, $post, $wp_version, $wp_embed, $wp_locale, $wp_post_types, $wp_taxonomies, $wp_widget_factory;

$_SERVER['HTTP_HOST']   = '127.0.0.1';
$_SERVER['SERVER_NAME'] = '127.0.0.1';
require getenv( 'COIN_TICKER_WP' ) . '/wp-load.php';
require_once __DIR__ . '/TestCase.php';
