<?php
/**
 * The plugin's settings: one option, read through settings() with its defaults filled in.
 */

namespace CoinTicker;

defined( 'ABSPATH' ) || exit;

const OPTION = 'coin_ticker_settings';

/** CoinGecko's `/coins/markets` answers one page of at most 250 coins: the allowlist fits in one request. */
const MAX_COINS = 250;

/** @return array{currency: string, theme: string, feed: string, source: string, relay: string, api_key: string, coins: string[], interval: int} */
function defaults(): array {
	return array(
		'currency' => 'usd',
		'theme'    => 'auto',
		'feed'     => '',
		// 'direct': each reader's browser asks the feeds; 'site': through this site's cache; 'relay': a relay.
		'source'   => 'direct',
		'relay'    => '',
		'api_key'  => '',
		'coins'    => array(),
		'interval' => 60,
	);
}

function settings(): array {
	$saved    = get_option( OPTION, array() );
	$settings = array_merge( defaults(), is_array( $saved ) ? array_intersect_key( $saved, defaults() ) : array() );
	// Whatever wrote the option (another plugin, a migration), the rest of the plugin reads the right types.
	$settings['coins']    = is_array( $settings['coins'] ) ? parse_coins( implode( ',', $settings['coins'] ) ) : parse_coins( $settings['coins'] );
	$settings['interval'] = max( 30, (int) $settings['interval'] );
	foreach ( array( 'currency', 'theme', 'feed', 'source', 'relay', 'api_key' ) as $name ) {
		$settings[ $name ] = is_string( $settings[ $name ] ) ? $settings[ $name ] : defaults()[ $name ];
	}
	return $settings;
}

/**
 * What the settings form may store. An empty key field keeps the saved key: the form never shows it.
 *
 * @param mixed $input
 */
function sanitize_settings( $input ): array {
	$input = is_array( $input ) ? $input : array();
	$old   = settings();
	$clean = defaults();

	$clean['currency'] = parse_currency( $input['currency'] ?? '' ) ?? $old['currency'];
	$clean['theme']    = validate( 'theme', $input['theme'] ?? '' ) ?? 'auto';
	$clean['feed']     = validate( 'feed', $input['feed'] ?? '' ) ?? '';
	$clean['source']   = in_array( $input['source'] ?? '', array( 'direct', 'site', 'relay' ), true ) ? $input['source'] : 'direct';
	$clean['relay']    = validate( 'url', $input['relay'] ?? '' ) ?? '';
	if ( 'relay' === $clean['source'] && '' === $clean['relay'] ) {
		$clean['source'] = 'direct';
	}
	$key = is_string( $input['api_key'] ?? null ) ? trim( $input['api_key'] ) : '';
	if ( ! empty( $input['forget_key'] ) ) {
		$clean['api_key'] = '';
	} else {
		$clean['api_key'] = preg_match( '/^[A-Za-z0-9_-]{1,100}$/', $key ) ? $key : $old['api_key'];
	}
	// WordPress runs this twice when the option is first saved, the second time on its own output: coins as a list.
	$coins             = $input['coins'] ?? '';
	$clean['coins']    = array_slice( parse_coins( is_array( $coins ) ? implode( ',', $coins ) : $coins ), 0, MAX_COINS );
	$interval          = (int) ( $input['interval'] ?? 60 );
	$clean['interval'] = max( 30, min( 3600, $interval ) );
	return $clean;
}

/** The REST route's base URL, what `configure({ endpoints: { coingecko } })` gets when the site serves prices. */
function site_endpoint(): string {
	return untrailingslashit( rest_url( 'coin-ticker/v1' ) );
}

/**
 * What the page's configure() call gets: the settings' page-wide choices, never the key. Elements' own attributes
 * still win over these.
 */
function page_config(): array {
	$s      = settings();
	$config = array( 'currency' => $s['currency'] );
	if ( '' !== $s['feed'] ) {
		$config['feed'] = $s['feed'];
	}
	if ( 'site' === $s['source'] ) {
		$config['endpoints'] = array( 'coingecko' => site_endpoint() );
		// `auto` would still open sockets to the exchanges; through the site means only the site's cache.
		$config['feed'] = 'coingecko';
	} elseif ( 'relay' === $s['source'] ) {
		$config['endpoints'] = array( 'relay' => $s['relay'] );
		$config['feed']      = 'relay';
	}
	return $config;
}
