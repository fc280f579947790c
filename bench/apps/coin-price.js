// An app that shows <coin-price> alone, priced by CoinGecko, as the README's "one element" example writes it.
import { CoinPrice } from 'coin-ticker/elements/coin-price.js';
import 'coin-ticker/feeds/coingecko.js';

customElements.define('coin-price', CoinPrice);
