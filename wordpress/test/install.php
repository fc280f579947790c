<?php
/**
 * Installs the test site (`php install.php <wordpress folder>`): WordPress, the plugin activated as "Plugins →
 * Activate" does, the settings an end-to-end run uses, and one post per case. Prints the posts' ids as JSON.
 */

define( 'WP_INSTALLING', true );
require $argv[1] . '/wp-load.php';
// The test machine sends no mail: the "new site" message is not written at all.
function wp_new_blog_notification() {}
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

$installed = wp_install( 'Coin Ticker tests', 'admin', 'admin@example.com', true, '', 'password' );
if ( is_wp_error( $installed ) ) {
	fwrite( STDERR, $installed->get_error_message() . "\n" );
	exit( 1 );
}
$activated = activate_plugin( 'coin-ticker/coin-ticker.php' );
if ( is_wp_error( $activated ) ) {
	fwrite( STDERR, $activated->get_error_message() . "\n" );
	exit( 1 );
}
// Pretty permalinks, as nearly every site has: the REST API then lives at /wp-json/, where the feed can append paths.
update_option( 'permalink_structure', '/%postname%/' );
flush_rewrite_rules();
// The block editor's welcome guide would cover the editor in the end-to-end run.
update_user_meta( 1, 'wp_persisted_preferences', array( 'core/edit-post' => array( 'welcomeGuide' => false ), '_modified' => gmdate( 'c' ) ) );

// Saved through the settings' own sanitizer, as the form saves them.
update_option(
	'coin_ticker_settings',
	CoinTicker\sanitize_settings( array(
		'currency' => 'usd',
		'theme'    => 'auto',
		'feed'     => '',
		'source'   => 'site',
		'api_key'  => 'cg-secret-key-for-tests',
		'coins'    => 'cardano',
		'interval' => 60,
	) )
);

// A page's top 5 list, as rendering one records it: the concurrency check reads the ranking beside the coins.
CoinTicker\remember_use( array( 'top' => '5' ) );

// Stored as an administrator's post is: with unfiltered HTML, so the hostile text reaches the shortcode as written.
kses_remove_filters();
$insert = fn( $title, $content ) => wp_insert_post(
	// wp_insert_post() unslashes: slashed here, the hostile block's escaped quotes reach it as written.
	array( 'post_title' => $title, 'post_content' => wp_slash( $content ), 'post_status' => 'publish', 'post_author' => 1 ),
	true
);
$ids = array(
	'blocks'     => $insert(
		'Blocks',
		'<!-- wp:coin-ticker/list {"coins":"bitcoin,ethereum"} /-->' . "\n" .
		'<!-- wp:coin-ticker/ticker {"coins":"bitcoin,solana"} /-->' . "\n" .
		'<!-- wp:coin-ticker/price {"coin":"ethereum"} /-->' . "\n" .
		'<!-- wp:paragraph --><p>In a sentence: <span data-coin="solana" class="coin-ticker-price">solana</span> today.</p><!-- /wp:paragraph -->' . "\n" .
		'<!-- wp:coin-ticker/table {"coins":"bitcoin,ethereum,solana","sort":"-market-cap"} /-->' . "\n" .
		'<!-- wp:coin-ticker/card {"coin":"bitcoin","theme":"dark"} /-->'
	),
	'shortcodes' => $insert(
		'Shortcodes',
		"[coin-list coins=\"ethereum, solana\" no-logo]\n\nBitcoin is at [coin-price coin=\"bitcoin\"] today.\n\n" .
		"[coin-ticker coins=\"bitcoin,ethereum\" speed=\"20\"]\n\n[coin-card coin=\"solana\"]\n\n" .
		"[coin-table coins=\"ethereum,bitcoin\" columns=\"price,change-7d,sparkline\"]"
	),
	'hostile'    => $insert(
		'Hostile',
		"[coin-list coins='\"><script>window.hacked=1</script>' theme='\" onmouseover=\"window.hacked=2']\n\n" .
		"[coin-price coin=\"bitcoin\" api-key=\"cg-secret-key-for-tests\" onclick=\"window.hacked=3\"]\n\n" .
		'<!-- wp:coin-ticker/list {"coins":"bitcoin\"><img src=x onerror=window.hacked=4>","locale":"en\"><b>"} /-->' . "\n" .
		// Not valid JSON: the page must still render.
		'<!-- wp:coin-ticker/price {"coin":bitcoin} /-->'
	),
	'plain'      => $insert( 'No prices', 'A post without an element.' ),
);
echo wp_json_encode( $ids );
