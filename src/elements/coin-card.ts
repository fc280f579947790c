import { html, nothing, type PropertyDeclarations } from 'lit';
import { parseCoins, toRequest } from '../core/request.js';
import { CoinElement } from './coin-element.js';
import { changePart, note, notCurrent, priceText } from './parts.js';
import { sparkline } from './sparkline.js';
import { styles } from './coin-card.styles.js';
import { theme } from './theme.styles.js';

/**
 * One coin in a card: logo, name and symbol, price and 24 h change, the 24 h range, and a 7-day sparkline drawn
 * from CoinGecko's hourly prices (fetched only while a card is on the page).
 *
 * @tagname coin-card
 * @summary A coin with its price, 24 h range and 7-day sparkline.
 * @csspart logo - The logo, or its letter badge.
 * @csspart name - The coin's name.
 * @csspart symbol - The ticker symbol.
 * @csspart range - The 24 h low and high.
 * @csspart sparkline - The 7-day chart, with `up`, `down` or `flat` for its direction.
 * @csspart status - The status line: where the prices come from, or why they are not current.
 * @csspart currency-switch - The reader's currency buttons, with `currencies`.
 * @cssprop --coin-color - Text colour.
 * @cssprop --coin-background - Card background.
 * @cssprop --coin-border-color - Card border.
 * @cssprop --coin-gap - Space inside the card's edges.
 * @cssprop --coin-padding - Half the space above and below the card's content.
 * @cssprop --coin-radius - Corner radius.
 * @cssprop --coin-logo-size - Logo size.
 */
export class CoinCard extends CoinElement {
  static override styles = [theme, styles];
  static override properties: PropertyDeclarations = {
    coin: {},
    currencies: {},
  };

  /** The coin's id as CoinGecko names it: `bitcoin`. */
  coin = '';
  /** Currencies a reader may switch the price to (`usd,eur,gbp,btc`), with a switch on the card. */
  currencies?: string;

  protected ids() {
    return parseCoins(this.coin).slice(0, 1);
  }

  /** The card is why the feed fetches 7-day history at all. */
  protected override request() {
    const ids = this.ids();
    return ids.length ? { ...toRequest(ids, this), sparkline: true } : undefined;
  }

  override render() {
    const [id] = this.ids();
    const w = this.words();
    const { t } = w;
    if (!id) return note(t.noCoin);
    const options = this.formatOptions();
    const { quote, stale, problem, placeholder, title, old } = this.view(id, w);
    return html`
      <article part="item" data-coin=${id} class=${stale ? 'stale' : ''} title=${title} lang=${w.lang ?? nothing}>
        ${this.currencySwitch(this.currencies, w)} ${this.logo(id)}
        <span part="name">${quote?.name ?? (problem ? id : placeholder)}</span>
        <span part="symbol" class="muted">${quote?.symbol}</span>
        <div class="quote">
          <span part="price" dir="auto">${priceText(quote?.price, options, problem ?? placeholder)}</span>
          ${quote ? changePart(quote.change24h, options, t, old('change24h')) : nothing} ${notCurrent(stale, t)}
        </div>
        <!-- Isolated, the labels keep "24 h" first in a right-to-left page, where a leading number would move. -->
        <dl part="range" class="muted ${old('low24h') || old('high24h') ? 'old' : ''}">
          <div><dt><bdi>${t.low}</bdi></dt><dd>${priceText(quote?.low24h, options)}</dd></div>
          <div><dt><bdi>${t.high}</bdi></dt><dd>${priceText(quote?.high24h, options)}</dd></div>
        </dl>
        ${notCurrent(old('low24h') || old('high24h'), t)} ${sparkline(quote, id, options, t, old('sparkline'))}
        ${this.statusLine([id], w)}
      </article>
    `;
  }
}
