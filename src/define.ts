import { CoinList } from './elements/coin-list.js';

declare global {
  interface HTMLElementTagNameMap {
    'coin-list': CoinList;
  }
}

/** Registers every element; a page that pastes the embed twice runs this twice, so a defined tag is skipped. */
const elements = { 'coin-list': CoinList };
for (const [tag, element] of Object.entries(elements)) {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
