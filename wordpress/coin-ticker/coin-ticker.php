<?php
/**
 * Plugin Name:       Coin Ticker
 * Plugin URI:        https://github.com/coin-ticker/coin-ticker
 * Description:       Live crypto prices in blocks and shortcodes, from a price cache on this site or straight from the feeds.
 * Version:           0.1.0
 * Requires at least: 6.5
 * Requires PHP:      8.1
 * License:           MIT
 * Text Domain:       coin-ticker
 */

namespace CoinTicker;

defined( 'ABSPATH' ) || exit;

const VERSION = '0.1.0';
const FILE    = __FILE__;

require_once __DIR__ . '/includes/settings.php';
require_once __DIR__ . '/includes/elements.php';
require_once __DIR__ . '/includes/assets.php';
require_once __DIR__ . '/includes/shortcodes.php';
require_once __DIR__ . '/includes/blocks.php';
require_once __DIR__ . '/includes/markets.php';
require_once __DIR__ . '/includes/rest.php';
require_once __DIR__ . '/includes/admin.php';
