import { html, nothing, type PropertyDeclarations } from 'lit';
import { parseCoins } from '../core/request.js';
import { CoinElement, numberAttribute, type Words } from './coin-element.js';
import { styles } from './coin-list.styles.js';
import { theme } from './theme.styles.js';
import { changePart, note, notCurrent, priceText } from './parts.js';

type FormatOptions = ReturnType<CoinElement['formatOptions']>;

/**
 * A market list for a sidebar: logo, name and price, then symbol and 24 h change, one row per coin.
 *
 * @tagname coin-list
 * @summary Live coin prices as a sidebar list.
 * @csspart list - The list.
 * @csspart logo - The coin's logo, or its letter badge.
 * @csspart name - The coin's name.
 * @csspart symbol - The ticker symbol.
 * @csspart status - The status line: where the prices come from, or why they are not current.
 * @csspart currency-switch - The reader's currency buttons, with `currencies`.
 * @cssprop --coin-color - Text colour.
 * @cssprop --coin-background - Background (transparent in the light theme).
 * @cssprop --coin-gap - Space between columns, and around the dark theme's content.
 * @cssprop --coin-padding - Space above and below each row.
 * @cssprop --coin-row-gap - Space between rows.
 * @cssprop --coin-column-width - Narrowest column before the list wraps to fewer columns.
 * @cssprop --coin-radius - Corner radius.
 * @cssprop --coin-logo-size - Logo size.
 */
export class CoinList extends CoinElement {
  static override styles = [theme, styles];
  static override properties: PropertyDeclarations = {
    coins: {},
    top: { converter: numberAttribute },
    currencies: {},
    noLogo: { type: Boolean, attribute: 'no-logo', reflect: true },
  };

  /** Coin ids as CoinGecko names them, comma or space separated, shown in this order. */
  coins = '';
  /** Also shows this many of the largest coins by market cap (at most 250), after the named ones. */
  top?: number;
  /** Currencies a reader may switch the prices to (`usd,eur,gbp,btc`), with a switch above the list. */
  currencies?: string;
  /** Hides the logos. */
  noLogo = false;

  protected ids() {
    return parseCoins(this.coins);
  }

  override render() {
    const ids = this.shown();
    const w = this.words();
    if (!ids.length) return note(w.t.noCoins);
    const options = this.formatOptions();
    return html`
      ${this.currencySwitch(this.currencies, w)}
      <ul part="list" role="list" aria-label=${w.t.prices} lang=${w.lang ?? nothing} aria-busy=${this.quotes.status === 'loading'}>
        ${ids.map((id) => this.#row(id, options, w))}
      </ul>
      ${this.statusLine(ids, w)}
    `;
  }

  /** A coin's row; until its quote arrives, a placeholder of the same size so nothing shifts when it does. */
  #row(id: string, options: FormatOptions, w: Words) {
    const { t } = w;
    const { quote, stale, problem, placeholder, title, old } = this.view(id, w);
    return html`
      <li part="item" data-coin=${id} class=${stale ? 'stale' : ''} title=${title}>
        ${this.noLogo ? nothing : this.logo(id)}
        <span class="line">
          <span part="name">${quote?.name ?? (problem ? id : html`${placeholder}<span class="sr-only">${id}</span>`)}</span>
          <span part="price" dir="auto">${priceText(quote?.price, options, problem ?? placeholder)}</span>
        </span>
        <span class="meta">
          <span part="symbol" class="muted">${quote?.symbol ?? placeholder}</span>
          ${quote ? changePart(quote.change24h, options, t, old('change24h')) : nothing}
          ${notCurrent(stale, t)}
          ${
            quote && this.quotes.live && quote.source !== 'coingecko' && !stale
              ? html`<span class="live" title=${t.liveFrom(quote.source)}><span class="sr-only">${t.live}</span></span>`
              : nothing
          }
        </span>
      </li>
    `;
  }
}
