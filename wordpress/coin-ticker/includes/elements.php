<?php
/**
 * The elements' attributes as PHP knows them: what each element accepts, how a value is validated, and the markup.
 * Blocks and shortcodes both go through render_element(), so the same rules hold for both.
 */

namespace CoinTicker;

defined( 'ABSPATH' ) || exit;

/** CoinGecko ids: lowercase letters, digits, dots, underscores and hyphens (`avalanche-2`, `usd-coin`). */
const COIN_ID = '/^[a-z0-9][a-z0-9._-]{0,99}$/';

/** `<coin-table>`'s value columns, in its own order; rank and coin always come first. */
const TABLE_COLUMNS = array( 'price', 'change-24h', 'change-7d', 'market-cap', 'volume', 'sparkline' );

/**
 * Each element's attributes and their kinds; anything else, `api-key` included (a key never goes into a page), is
 * dropped.
 *
 * @return array<string, array<string, string>>
 */
function elements(): array {
	$shared = array(
		'currency'  => 'currency',
		'feed'      => 'feed',
		'endpoint'  => 'url',
		'interval'  => 'interval',
		'locale'    => 'locale',
		'decimals'  => 'decimals',
		'theme'     => 'theme',
		'density'   => 'density',
		'no-status' => 'flag',
	);
	return array(
		'coin-list'   => array( 'coins' => 'coins', 'top' => 'top', 'currencies' => 'currencies', 'no-logo' => 'flag' ) + $shared,
		'coin-ticker' => array( 'coins' => 'coins', 'top' => 'top', 'speed' => 'speed', 'paused' => 'flag' ) + $shared,
		'coin-price'  => array( 'coin' => 'coin', 'no-change' => 'flag' ) + $shared,
		'coin-card'   => array( 'coin' => 'coin', 'currencies' => 'currencies' ) + $shared,
		'coin-table'  => array( 'coins' => 'coins', 'top' => 'top', 'currencies' => 'currencies', 'columns' => 'columns', 'sort' => 'sort' ) + $shared,
	);
}

/** Coin ids from a comma or space separated list: valid ones, in order, each once. */
function parse_coins( $value ): array {
	if ( ! is_scalar( $value ) ) {
		return array();
	}
	$ids = preg_split( '/[\s,]+/', strtolower( (string) $value ), -1, PREG_SPLIT_NO_EMPTY );
	return array_values( array_unique( array_filter( $ids, fn( $id ) => (bool) preg_match( COIN_ID, $id ) ) ) );
}

/** A currency code as the feeds take it (`usd`, `eur`, `btc`), or null: 3 to 5 letters, the elements' own rule (src/core/request.ts). */
function parse_currency( $value ): ?string {
	$value = is_scalar( $value ) ? strtolower( trim( (string) $value ) ) : '';
	return preg_match( '/^[a-z]{3,5}$/', $value ) ? $value : null;
}

/** True for a flag that is set: present without a value, or a truthy word. */
function parse_flag( $value ): bool {
	if ( is_bool( $value ) ) {
		return $value;
	}
	return is_scalar( $value ) && in_array( strtolower( trim( (string) $value ) ), array( '', '1', 'true', 'yes', 'on' ), true );
}

/**
 * One attribute's value as it may be printed, or null when it is invalid (then it is left out). Flags come back as
 * true or null.
 *
 * @param mixed $value
 * @return string|true|null
 */
function validate( string $kind, $value ) {
	if ( 'flag' === $kind ) {
		return parse_flag( $value ) ? true : null;
	}
	if ( ! is_scalar( $value ) ) {
		return null;
	}
	$value = trim( (string) $value );
	switch ( $kind ) {
		case 'coins':
			return implode( ',', parse_coins( $value ) ) ?: null;
		case 'coin':
			return parse_coins( $value )[0] ?? null;
		case 'currency':
			return parse_currency( $value );
		case 'feed':
			$value = strtolower( $value );
			return preg_match( '/^[a-z][a-z0-9_-]{0,31}$/', $value ) ? $value : null;
		case 'url':
			// The feeds speak http(s) and ws(s); anything else (javascript:, data:) is not an endpoint.
			$url = esc_url_raw( $value, array( 'http', 'https', 'ws', 'wss' ) );
			return '' === $url ? null : $url;
		case 'interval':
			// The elements never poll faster than every 10 s.
			return ctype_digit( $value ) && (int) $value >= 10 && (int) $value <= 86400 ? (string) (int) $value : null;
		case 'decimals':
			return ctype_digit( $value ) && (int) $value <= 20 ? (string) (int) $value : null;
		case 'speed':
			return is_numeric( $value ) && (float) $value > 0 && (float) $value <= 1000 ? (string) (float) $value : null;
		case 'locale':
			return preg_match( '/^[a-z]{2,3}(-[a-z0-9]{1,8}){0,4}$/i', $value ) ? $value : null;
		case 'theme':
			return in_array( $value, array( 'light', 'dark', 'auto' ), true ) ? $value : null;
		case 'density':
			return in_array( $value, array( 'comfortable', 'compact' ), true ) ? $value : null;
		case 'columns':
			// The known names, in the author's order, each once; none known is no attribute (the table shows all).
			$names = preg_split( '/[\s,]+/', strtolower( $value ), -1, PREG_SPLIT_NO_EMPTY );
			return implode( ',', array_unique( array_intersect( $names, TABLE_COLUMNS ) ) ) ?: null;
		case 'top':
			// 1 to 250: CoinGecko ranks at most one page of 250.
			$top = parse_top( $value );
			return $top ? (string) $top : null;
		case 'currencies':
			return implode( ',', parse_currencies( $value ) ) ?: null;
		case 'sort':
			// Any column but the chart, `-` first for descending.
			$sortable = array_merge( array( 'rank', 'coin' ), array_diff( TABLE_COLUMNS, array( 'sparkline' ) ) );
			$value    = strtolower( $value );
			return in_array( preg_replace( '/^-/', '', $value ), $sortable, true ) ? $value : null;
	}
	return null;
}

/**
 * The attributes an author set that are valid for the element, in the element's order. Values keyed by number are
 * flags written bare (`[coin-list no-logo]`).
 *
 * @param array<int|string, mixed> $given
 * @return array<string, string|true>
 */
function clean_attributes( string $tag, array $given ): array {
	$kinds = elements()[ $tag ] ?? array();
	$named = array();
	foreach ( $given as $name => $value ) {
		if ( is_int( $name ) ) {
			$named[ strtolower( (string) $value ) ] = true;
		} else {
			$named[ strtolower( $name ) ] = $value;
		}
	}
	$clean = array();
	foreach ( $kinds as $name => $kind ) {
		if ( ! array_key_exists( $name, $named ) ) {
			continue;
		}
		$value = validate( $kind, $named[ $name ] );
		if ( null !== $value ) {
			$clean[ $name ] = $value;
		}
	}
	return $clean;
}

/**
 * The element's markup with only the valid attributes an author set, never a default: the settings reach the
 * elements page-wide through configure(), and a printed default would override them. Loads the bundle on this page.
 *
 * @param array<int|string, mixed> $given
 */
function render_element( string $tag, array $given, string $extra = '' ): string {
	if ( ! isset( elements()[ $tag ] ) ) {
		return '';
	}
	$attributes = clean_attributes( $tag, $given );
	remember_use( $attributes );
	use_elements();
	$html = '<' . $tag;
	foreach ( $attributes as $name => $value ) {
		$html .= true === $value ? ' ' . $name : ' ' . $name . '="' . esc_attr( $value ) . '"';
	}
	return $html . $extra . '></' . $tag . '>';
}
