// Every built-in feed first, so the elements defined below find theirs when they upgrade.
import './register/auto.js';
import './register/coingecko.js';
import './register/kraken.js';
import './register/coinbase.js';
import './register/binance.js';
import './register/json.js';
import './register/relay.js';
import { CoinCard } from './elements/coin-card.js';
import { CoinList } from './elements/coin-list.js';
import { CoinPrice } from './elements/coin-price.js';
import { CoinTable } from './elements/coin-table.js';
import { CoinTicker } from './elements/coin-ticker.js';

declare global {
  interface HTMLElementTagNameMap {
    'coin-list': CoinList;
    'coin-price': CoinPrice;
    'coin-card': CoinCard;
    'coin-ticker': CoinTicker;
    'coin-table': CoinTable;
  }
}

/**
 * Registers every element; a page that pastes the embed twice runs this twice, so a defined tag is skipped.
 * In Node, where a server rendering the page imports it too, Lit's DOM shim takes the definitions.
 */
const elements = {
  'coin-list': CoinList,
  'coin-price': CoinPrice,
  'coin-card': CoinCard,
  'coin-ticker': CoinTicker,
  'coin-table': CoinTable,
};
for (const [tag, element] of Object.entries(elements)) {
  if (globalThis.customElements?.get(tag) === undefined) globalThis.customElements?.define(tag, element);
}
