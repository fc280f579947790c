import { html, LitElement, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { config } from '../core/config.js';
import { toRequest, written } from '../core/request.js';
import { warnOnce } from '../core/warn.js';
import type { QuoteRequest } from '../core/store.js';
import { flashController } from '../controllers/flash-controller.js';
import { QuoteController } from '../controllers/quote-controller.js';
import { fixedDigits } from '../format/index.js';
import { staleTitle } from './age.js';

/** The values `theme` and `density` take, the default first: styles select on them, and ignore any other. */
const CHOICES = { theme: ['auto', 'light', 'dark'], density: ['comfortable', 'compact'] } as const;

/** A number attribute left empty (`decimals=""`, as a CMS writes an unset field) is unset, not 0. */
export const numberAttribute = { fromAttribute: (value: string | null) => (value?.trim() ? Number(value) : null) };

const skeleton = html`<span class="skeleton"></span>`;

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
    interval: { converter: numberAttribute },
    locale: {},
    decimals: { converter: numberAttribute },
    theme: { reflect: true },
    density: { reflect: true },
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
  /** A brief tint on each price that moved. */
  protected readonly flash = flashController(this, this.quotes, () => [this.ids(), this.formatOptions()]);

  /** Coins whose logo failed to load: they get a letter badge instead. */
  readonly #brokenLogos = new Set<string>();

  /** The coin ids to show, in order. */
  protected abstract ids(): string[];

  /**
   * What every element shows of a coin first: its quote, whether that is current (with its age as a tooltip), why it
   * will never come, and what stands in until it does (nothing once there is a problem to show instead).
   */
  protected view(id: string) {
    const quote = this.quotes.quote(id);
    const stale = this.quotes.isStale(id);
    const problem = this.quotes.problem(id);
    return { quote, stale, problem, placeholder: problem ? nothing : skeleton, title: staleTitle(quote, stale) };
  }

  /** What to ask the store for, from the attributes; undefined when there are no coins. */
  protected request(): QuoteRequest | undefined {
    const ids = this.ids();
    return ids.length ? toRequest(ids, this) : undefined;
  }

  /**
   * A coin's logo: a placeholder until its quote arrives, a letter badge when it has none or it fails to load, or
   * when no quote will come (an unknown coin, or one the feed only ever sent unusable data for).
   */
  protected logo(id: string) {
    const quote = this.quotes.quote(id);
    if (!quote && !this.quotes.problem(id)) return html`<span part="logo" class="skeleton"></span>`;
    if (!quote?.image || this.#brokenLogos.has(id)) {
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
      @error=${() => {
        this.#brokenLogos.add(id);
        this.requestUpdate();
      }}
    />`;
  }

  /** Names a bad value once it is set; the styles and formatting use their defaults in its place. */
  protected override updated(changed: PropertyValues) {
    const { decimals } = this;
    if (changed.has('decimals') && decimals != null && !fixedDigits(decimals)) {
      warnOnce(`decimals "${written(this, 'decimals', decimals)}" is not valid (0 to 20); using automatic digits.`);
    }
    for (const [name, allowed] of Object.entries(CHOICES)) {
      const value = this[name as keyof typeof CHOICES];
      if (changed.has(name) && value != null && !(allowed as readonly string[]).includes(value)) {
        warnOnce(`${name} "${value}" is not valid; using "${allowed[0]}".`);
      }
    }
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
