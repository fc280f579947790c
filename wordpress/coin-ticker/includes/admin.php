<?php
/**
 * Settings → Coin Ticker. The CoinGecko key is stored and sent upstream by the site only: the form never shows it.
 */

namespace CoinTicker;

defined( 'ABSPATH' ) || exit;

function register_settings(): void {
	register_setting(
		'coin_ticker',
		OPTION,
		array(
			'type'              => 'object',
			'sanitize_callback' => __NAMESPACE__ . '\sanitize_settings',
			'default'           => defaults(),
			'show_in_rest'      => false,
		)
	);
}
add_action( 'admin_init', __NAMESPACE__ . '\register_settings' );

function add_settings_page(): void {
	add_options_page( __( 'Coin Ticker', 'coin-ticker' ), __( 'Coin Ticker', 'coin-ticker' ), 'manage_options', 'coin-ticker', __NAMESPACE__ . '\settings_page' );
}
add_action( 'admin_menu', __NAMESPACE__ . '\add_settings_page' );

function settings_page(): void {
	if ( ! current_user_can( 'manage_options' ) ) {
		return;
	}
	$s    = settings();
	$name = fn( $field ) => esc_attr( OPTION . '[' . $field . ']' );
	?>
	<div class="wrap">
		<h1><?php esc_html_e( 'Coin Ticker', 'coin-ticker' ); ?></h1>
		<form method="post" action="options.php">
			<?php settings_fields( 'coin_ticker' ); ?>
			<table class="form-table" role="presentation">
				<tr>
					<th scope="row"><label for="coin-ticker-currency"><?php esc_html_e( 'Default currency', 'coin-ticker' ); ?></label></th>
					<td><input id="coin-ticker-currency" name="<?php echo $name( 'currency' ); ?>" value="<?php echo esc_attr( $s['currency'] ); ?>" class="small-text" pattern="[A-Za-z]{3,5}" required></td>
				</tr>
				<tr>
					<th scope="row"><label for="coin-ticker-theme"><?php esc_html_e( 'Theme', 'coin-ticker' ); ?></label></th>
					<td><select id="coin-ticker-theme" name="<?php echo $name( 'theme' ); ?>">
						<?php foreach ( array( 'auto' => __( 'Follow the reader’s colour scheme', 'coin-ticker' ), 'light' => __( 'Light', 'coin-ticker' ), 'dark' => __( 'Dark', 'coin-ticker' ) ) as $value => $label ) : ?>
							<option value="<?php echo esc_attr( $value ); ?>" <?php selected( $s['theme'], $value ); ?>><?php echo esc_html( $label ); ?></option>
						<?php endforeach; ?>
					</select></td>
				</tr>
				<tr>
					<th scope="row"><label for="coin-ticker-feed"><?php esc_html_e( 'Feed', 'coin-ticker' ); ?></label></th>
					<td><select id="coin-ticker-feed" name="<?php echo $name( 'feed' ); ?>">
						<?php foreach ( array( '' => __( 'auto (CoinGecko plus live exchange ticks)', 'coin-ticker' ), 'coingecko' => 'CoinGecko', 'kraken' => 'Kraken', 'coinbase' => 'Coinbase', 'binance' => 'Binance' ) as $value => $label ) : ?>
							<option value="<?php echo esc_attr( $value ); ?>" <?php selected( $s['feed'], $value ); ?>><?php echo esc_html( $label ); ?></option>
						<?php endforeach; ?>
					</select></td>
				</tr>
				<tr>
					<th scope="row"><?php esc_html_e( 'Where prices come from', 'coin-ticker' ); ?></th>
					<td><fieldset>
						<label><input type="radio" name="<?php echo $name( 'source' ); ?>" value="direct" <?php checked( $s['source'], 'direct' ); ?>> <?php esc_html_e( 'Each reader’s browser asks the feed', 'coin-ticker' ); ?></label><br>
						<label><input type="radio" name="<?php echo $name( 'source' ); ?>" value="site" <?php checked( $s['source'], 'site' ); ?>> <?php esc_html_e( 'Serve prices through this site (one cached CoinGecko request per interval for every reader)', 'coin-ticker' ); ?></label><br>
						<label><input type="radio" name="<?php echo $name( 'source' ); ?>" value="relay" <?php checked( $s['source'], 'relay' ); ?>> <?php esc_html_e( 'Use a relay at', 'coin-ticker' ); ?></label>
						<input name="<?php echo $name( 'relay' ); ?>" value="<?php echo esc_attr( $s['relay'] ); ?>" class="regular-text" type="url" placeholder="https://relay.example.com">
					</fieldset></td>
				</tr>
				<tr>
					<th scope="row"><label for="coin-ticker-key"><?php esc_html_e( 'CoinGecko API key', 'coin-ticker' ); ?></label></th>
					<td>
						<input id="coin-ticker-key" name="<?php echo $name( 'api_key' ); ?>" type="password" autocomplete="off" class="regular-text" value=""
							placeholder="<?php echo '' === $s['api_key'] ? '' : esc_attr__( 'A key is saved; type a new one to replace it', 'coin-ticker' ); ?>">
						<?php if ( '' !== $s['api_key'] ) : ?>
							<label><input type="checkbox" name="<?php echo $name( 'forget_key' ); ?>" value="1"> <?php esc_html_e( 'Forget the saved key', 'coin-ticker' ); ?></label>
						<?php endif; ?>
						<p class="description"><?php esc_html_e( 'Used by this site’s price cache only; it is never printed into a page.', 'coin-ticker' ); ?></p>
					</td>
				</tr>
				<tr>
					<th scope="row"><label for="coin-ticker-coins"><?php esc_html_e( 'More coins to serve', 'coin-ticker' ); ?></label></th>
					<td><input id="coin-ticker-coins" name="<?php echo $name( 'coins' ); ?>" value="<?php echo esc_attr( implode( ',', $s['coins'] ) ); ?>" class="large-text">
						<p class="description"><?php esc_html_e( 'CoinGecko ids, comma separated. The coins your blocks and shortcodes show are served without listing them here.', 'coin-ticker' ); ?></p></td>
				</tr>
				<tr>
					<th scope="row"><label for="coin-ticker-interval"><?php esc_html_e( 'Refresh every (seconds)', 'coin-ticker' ); ?></label></th>
					<td><input id="coin-ticker-interval" name="<?php echo $name( 'interval' ); ?>" type="number" min="30" max="3600" value="<?php echo esc_attr( (string) $s['interval'] ); ?>" class="small-text"></td>
				</tr>
			</table>
			<?php submit_button(); ?>
		</form>
	</div>
	<?php
}
