import { html, LitElement, type PropertyDeclarations, type PropertyValues } from 'lit';
import { config } from '../core/config.js';
import { toRequest } from '../core/request.js';
import type { QuoteRequest } from '../core/store.js';
import { QuoteController } from '../controllers/quote-controller.js';
import { formatPrice } from '../format/index.js';

/** Read once: a tick's flash is decoration, and under reduced motion there is none. */
const reducedMotion = globalThis.matchMedia?.('(prefers-reduced-motion: reduce)');
/** How long a moved price shows its direction's colour, in ms. */
const FLASH = 400;

/**
 * The attributes every coin-ticker element shares and the controller that turns them into quotes.
 * Subclasses say which coins they show (`ids()`) and how.
 */
export abstract class CoinElement extends LitElement {
  static override properties: PropertyDeclarations = {
    currency: {},
    feed: {},
    endpoint: {},
    apiKey: { attribute: 'api-key' },
    interval: { type: Number },
    locale: {},
    decimals: { type: Number },
    theme: { reflect: true },
    density: { reflect: true },
    // attribute: false is implied by state; said for custom-elements.json's analyzer.
    brokenLogos: { state: true, attribute: false },
  };

  /** Quote currency: an ISO 4217 code or one the feed supports. Defaults to `configure({ currency })`, then `usd`. */
  declare currency?: string;
  /** Feed name: `coingecko`, or a name given to `registerFeed()`. */
  declare feed?: string;
  /** Base URL of the feed: a proxy, a paid plan's host, a relay, a test server. */
  declare endpoint?: string;
  /** CoinGecko API key, sent as a header. */
  declare apiKey?: string;
  /** Polling period in seconds for REST feeds, never below 10. */
  declare interval?: number;
  /** BCP 47 tag for number formatting; defaults to the nearest `lang`, then the browser's. */
  declare locale?: string;
  /** Fixed number of fraction digits for prices; automatic when unset. */
  declare decimals?: number;
  /** `light`, `dark`, or `auto` to follow the reader's colour scheme. */
  theme: 'light' | 'dark' | 'auto' = 'auto';
  /** `comfortable`, or `compact` for tight headers and sidebars. */
  density: 'comfortable' | 'compact' = 'comfortable';

  protected readonly quotes = new QuoteController(this, () => this.request());

  /** Coins whose logo failed to load: they get a letter badge instead. */
  private brokenLogos = new Set<string>();

  /** Prices as last rendered, to flash the ones that moved. */
  #shown = new Map<string, { price: number; text: string }>();
  /** Prices tinted now, with when each tint ends; one timer ends them. */
  #flashing = new Map<Element, number>();
  #unflash: unknown;

  /** The coin ids to show, in order. */
  protected abstract ids(): string[];

  /** What to ask the store for, from the attributes; undefined when there are no coins. */
  protected request(): QuoteRequest | undefined {
    const ids = this.ids();
    return ids.length ? toRequest(ids, this) : undefined;
  }

  /**
   * After a render, a brief up or down tint on each price whose shown text moved: only rows that changed are
   * touched, a tick that changes no digit on screen does not flash, and a new flash replaces a running one.
   * The tint is the change's own `up`/`down` colour, on for FLASH ms and then off: two style changes per flash.
   * An animated fade (of the colour, or of an overlay's opacity on the compositor) redraws or re-layers every
   * flashing price in every frame, which at a few hundred flashes a second cost the page more than everything else.
   */
  override updated(_changed?: PropertyValues) {
    const options = this.formatOptions();
    const { clock } = config;
    for (const id of this.ids()) {
      const price = this.quotes.quote(id)?.price;
      if (price === undefined) continue;
      const text = formatPrice(price, options);
      const before = this.#shown.get(id);
      if (text === before?.text) continue;
      this.#shown.set(id, { price, text });
      if (!before || reducedMotion?.matches) continue;
      // Every copy of the row: <coin-ticker> shows two.
      for (const el of this.renderRoot.querySelectorAll(`[data-coin="${id}"] [part=price]`)) {
        el.className = price > before.price ? 'up' : 'down';
        this.#flashing.set(el, clock.now() + FLASH);
      }
    }
    if (this.#flashing.size) this.#unflash ??= clock.setTimeout(() => this.#fade(), FLASH);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#fade(Infinity);
  }

  /** Ends the tints due by `now`, and waits for the next one to end. */
  #fade(now = config.clock.now()) {
    const { clock } = config;
    clock.clearTimeout(this.#unflash);
    this.#unflash = undefined;
    let next = Infinity;
    for (const [el, end] of this.#flashing) {
      if (end > now) next = Math.min(next, end);
      else {
        el.removeAttribute('class');
        this.#flashing.delete(el);
      }
    }
    if (next < Infinity) this.#unflash = clock.setTimeout(() => this.#fade(), next - now);
  }

  /**
   * A coin's logo: a placeholder until its quote arrives, a letter badge when it has none or it fails to load, or
   * when no quote will come (an unknown coin, or one the feed only ever sent unusable data for).
   */
  protected logo(id: string) {
    const quote = this.quotes.quote(id);
    if (!quote && !this.quotes.problem(id)) return html`<span part="logo" class="skeleton"></span>`;
    if (!quote?.image || this.brokenLogos.has(id)) {
      return html`<span part="logo" class="badge" aria-hidden="true">${(quote?.symbol || quote?.name || id)[0].toUpperCase()}</span>`;
    }
    return html`<img
      part="logo"
      src=${quote.image}
      alt=""
      width="32"
      height="32"
      decoding="async"
      referrerpolicy="no-referrer"
      @error=${() => (this.brokenLogos = new Set(this.brokenLogos).add(id))}
    />`;
  }

  /** Options for the format functions, from the attributes, the page's `lang` and `configure()`. */
  protected formatOptions() {
    return {
      currency: toRequest([], this).currency,
      locale: this.locale || this.closest('[lang]')?.getAttribute('lang') || config.locale,
      decimals: this.decimals,
    };
  }
}
