import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { parseCoins } from '../core/request.js';
import { CoinElement, credit, numberAttribute, type Words } from './coin-element.js';
import { reasonText } from './age.js';
import { changePart, note, notCurrent, priceText } from './parts.js';
import { styles } from './coin-ticker.styles.js';
import { theme } from './theme.styles.js';

/**
 * A scrolling tape of coins for a header: logo, symbol, price and change, looping without a seam.
 * It pauses on hover, on keyboard focus and with its pause button; under `prefers-reduced-motion` it stands still
 * as a strip that scrolls by hand. The copy that makes the loop seamless is hidden from assistive technology,
 * so a screen reader reads each coin once.
 *
 * @tagname coin-ticker
 * @summary Live coin prices as a seamless scrolling tape.
 * @csspart list - The moving strip.
 * @csspart logo - The coin's logo, or its letter badge.
 * @csspart symbol - The ticker symbol.
 * @csspart pause - The pause button.
 * @csspart status - The link crediting the prices' source, beside the pause button.
 * @cssprop --coin-color - Text colour.
 * @cssprop --coin-background - Background (transparent in the light theme).
 * @cssprop --coin-gap - Half the space between coins.
 * @cssprop --coin-padding - Space above and below the coins.
 * @cssprop --coin-radius - Corner radius.
 * @cssprop --coin-logo-size - Logo size.
 */
export class CoinTicker extends CoinElement {
  static override styles = [theme, styles];
  static override properties: PropertyDeclarations = {
    coins: {},
    top: { converter: numberAttribute },
    speed: { converter: numberAttribute },
    paused: { type: Boolean, reflect: true },
  };

  /** Coin ids as CoinGecko names them, comma or space separated, shown in this order. */
  coins = '';
  /** Also shows this many of the largest coins by market cap (at most 250), after the named ones. */
  top?: number;
  /** How fast the tape moves, in CSS pixels per second. */
  speed = 40;
  /** Stops the tape; the pause button toggles it. */
  paused = false;

  /**
   * Watches one copy's width for as long as the element lives, moves in the page included: it only ever observes
   * the element's own shadow tree, so it holds nothing alive that the element does not.
   */
  #resize?: ResizeObserver;
  #observed?: HTMLElement;

  protected ids() {
    return parseCoins(this.coins);
  }

  override render() {
    const ids = this.shown();
    const w = this.words();
    const { t } = w;
    if (!ids.length) return note(t.noCoins);
    const feed = this.request()!.feed;
    const failing = ids.map((id) => this.quotes.reason(id)).find(Boolean);
    const reason = failing && reasonText(failing, t, feed === 'auto' ? 'CoinGecko' : feed, false);
    const items = ids.map((id) => this.#item(id, w, reason));
    const source = feed === 'auto' ? 'coingecko' : feed;
    return html`
      <!-- Focusable: focus pauses the tape, and under reduced motion it scrolls by keyboard. -->
      <div class="viewport ${this.paused ? 'paused' : ''}" tabindex="0" role="region" aria-label=${t.tape} lang=${w.lang ?? nothing}>
        <div class="track" part="list">
          <ul role="list" aria-label=${t.prices}>
            ${items}
          </ul>
          <ul aria-hidden="true" inert>
            ${items}
          </ul>
        </div>
      </div>
      <!-- The reason is spoken once per change; on screen it is in the stale prices' tooltips, so the tape keeps its height. -->
      <span class="sr-only" role="status">${reason}</span>
      <button part="pause" aria-pressed=${this.paused} @click=${() => (this.paused = !this.paused)} lang=${w.lang ?? nothing}>
        ${t.pause}<span class="sr-only">${' ' + t.pauseWhat}</span>
      </button>
      ${credit(source, t.data)}
    `;
  }

  override updated(changed: PropertyValues) {
    super.updated(changed);
    this.#resize ??= new ResizeObserver(() => this.#pace());
    const copy = this.renderRoot.querySelector<HTMLElement>('ul');
    if (copy && copy !== this.#observed) {
      this.#resize.disconnect();
      this.#resize.observe(copy);
      this.#observed = copy;
    }
    if (changed.has('speed')) this.#pace();
  }

  /** One copy's width over the speed is the period: the tape then moves `speed` pixels a second at any width. */
  #pace() {
    const width = this.#observed?.offsetWidth ?? 0;
    this.renderRoot
      .querySelector<HTMLElement>('.track')
      ?.style.setProperty('--_duration', `${width / (this.speed > 0 ? this.speed : 40)}s`);
  }

  #item(id: string, w: Words, reason: string | undefined) {
    const options = this.formatOptions();
    const { t } = w;
    const { quote, stale, problem, placeholder, title, old } = this.view(id, w);
    // Eager: the tape carries every logo into view in turn, and a lazy one would load as it entered, visibly.
    return html`
      <li part="item" data-coin=${id} class=${stale ? 'stale' : ''} title=${stale && reason ? `${reason} · ${title as string}` : title}>
        ${this.logo(id, 'eager')}
        <span part="symbol">${quote?.symbol ?? (id || placeholder)}</span>
        <span part="price" dir="auto">${priceText(quote?.price, options, problem ?? placeholder)}</span>
        ${quote ? changePart(quote.change24h, options, t, old('change24h')) : nothing} ${notCurrent(stale, t)}
      </li>
    `;
  }
}
