import { html, nothing, type PropertyDeclarations } from 'lit';
import { parseCoins } from '../core/request.js';
import { CoinElement } from './coin-element.js';
import { reasonText } from './age.js';
import { changePart, notCurrent, priceText } from './parts.js';
import { styles } from './coin-price.styles.js';
import { theme } from './theme.styles.js';

/**
 * One coin's price inline in running text: "Bitcoin is at <coin-price coin="bitcoin"></coin-price> today."
 * It inherits the surrounding font and keeps the line's height.
 *
 * @tagname coin-price
 * @summary A live price inside a sentence.
 */
export class CoinPrice extends CoinElement {
  static override styles = [theme, styles];
  static override properties: PropertyDeclarations = {
    coin: {},
    noChange: { type: Boolean, attribute: 'no-change' },
  };

  /** The coin's id as CoinGecko names it: `bitcoin`. */
  coin = '';
  /** Hides the 24 h change. */
  noChange = false;

  protected ids() {
    return parseCoins(this.coin).slice(0, 1);
  }

  override render() {
    const [id] = this.ids();
    if (!id) return '—';
    const options = this.formatOptions();
    const w = this.words();
    const { t } = w;
    const { quote, stale, problem, placeholder, title, old } = this.view(id, w);
    const { error } = this.quotes;
    // Inline, the feed's error is the price's place: there is no room for a status line beside the sentence.
    const fallback =
      (this.quotes.status === 'error' && error && reasonText(error, t, this.request()!.feed)) ||
      problem ||
      html`${placeholder}<span class="sr-only">${t.loading(id)}</span>`;
    // The space before the change is a value, not template text: the bundle's minifier would drop it, and the
    // sentence would read "$113,422.41up 0.10%".
    return html`<span part="item" data-coin=${id} class=${stale ? 'stale' : ''} title=${title} lang=${w.lang ?? nothing}
      ><span part="price" dir="auto">${priceText(quote?.price, options, fallback)}</span>${
        quote && !this.noChange ? [' ', changePart(quote.change24h, options, t, old('change24h'))] : nothing
      }${notCurrent(stale, t)}</span
    >`;
  }
}
