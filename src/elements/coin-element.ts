import { html, LitElement, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { chooseCurrency, config } from '../core/config.js';
import { parseCurrencies, toRequest, written } from '../core/request.js';
import { warnOnce } from '../core/warn.js';
import type { QuoteRequest } from '../core/store.js';
import type { Quote } from '../core/quote.js';
import { flashController } from '../controllers/flash-controller.js';
import { QuoteController } from '../controllers/quote-controller.js';
import { fixedDigits, formatPrice } from '../format/index.js';
import type { Messages } from '../messages/en.js';
import { reasonText, updated } from './age.js';
import { words } from './words.js';

/** The values `theme` and `density` take, the default first: styles select on them, and ignore any other. */
const CHOICES = { theme: ['auto', 'light', 'dark'], density: ['comfortable', 'compact'] } as const;

/** A number attribute left empty (`decimals=""`, as a CMS writes an unset field) is unset, not 0. */
export const numberAttribute = { fromAttribute: (value: string | null) => (value?.trim() ? Number(value) : null) };

const skeleton = html`<span class="skeleton"></span>`;

/** The sources the attribution names and links: CoinGecko asks for "Data provided by CoinGecko", linked, near the data. */
const SOURCES: Record<string, [name: string, site: string]> = {
  coingecko: ['CoinGecko', 'https://www.coingecko.com/'],
  kraken: ['Kraken', 'https://www.kraken.com/'],
  coinbase: ['Coinbase', 'https://www.coinbase.com/'],
  binance: ['Binance', 'https://www.binance.com/'],
};

/** A source's name, linked to its site where it has one; with `label` ("Data:"), the tape's credit part. */
export const credit = (source: string, label?: string) => {
  const [name, site] = SOURCES[source] ?? [source];
  return site
    ? html`<a part=${label ? 'status' : nothing} href=${site} target="_blank" rel="noopener" title=${label ? `${label} ${name}` : nothing}
        >${name}</a
      >`
    : name;
};

/** What an element says in its own words, and the language those are in when it is not the page's (else undefined). */
export interface Words {
  t: Messages;
  lang?: string;
}

/**
 * The attributes every coin-ticker element shares and the controller that turns them into quotes.
 * Subclasses say which coins they show (`ids()`) and how.
 *
 * What every element has, written once here: custom-elements.json gives each element these, and its own below.
 * @fires {CoinUpdateEvent} coin-update - New quotes were rendered; `event.quotes` holds them, in the element's order.
 * @fires {CoinStatusEvent} coin-status - The feed's status changed: `event.status`, `event.error`, `event.live`.
 * @csspart item - One coin, with `data-coin` set to its id.
 * @csspart price - The price.
 * @csspart change - The 24 h change, with `up`, `down` or `flat`.
 * @csspart up - A change above zero.
 * @csspart down - A change below zero.
 * @csspart flat - A change of zero, or unknown.
 * @cssprop --coin-muted-color - Secondary text: symbols, stale prices, notes.
 * @cssprop --coin-up-color - Rising change.
 * @cssprop --coin-down-color - Falling change.
 * @cssprop --coin-skeleton-color - Placeholders and letter badges.
 * @cssprop --coin-font-family - Font family (the page's by default).
 * @cssprop --coin-font-size - Font size (the page's by default).
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
    noStatus: { type: Boolean, attribute: 'no-status' },
  };

  /**
   * Quote currency: an ISO 4217 code or one the feed supports. Defaults to `configure({ currency })`, then `usd`.
   * @default 'usd'
   */
  declare currency?: string;
  /**
   * Feed name: `auto` (CoinGecko plus an exchange's live ticks), `coingecko`, `kraken`, `coinbase`, `binance`, `json`,
   * or a name given to `registerFeed()`. Defaults to `configure({ feed })`, then `auto`.
   * @default 'auto'
   */
  declare feed?: string;
  /** Base URL of the feed: a proxy, a paid plan's host, a relay, a test server. */
  declare endpoint?: string;
  /** CoinGecko API key, sent as a header. */
  declare apiKey?: string;
  /**
   * Polling period in seconds for REST feeds, never below 10.
   * @default 60
   */
  declare interval?: number;
  /** BCP 47 tag for number formatting; defaults to the nearest `lang`, then the browser's. */
  declare locale?: string;
  /** Fixed number of fraction digits for prices; automatic when unset. */
  declare decimals?: number;
  /** `light`, `dark`, or `auto` to follow the reader's colour scheme. */
  theme: 'light' | 'dark' | 'auto' = 'auto';
  /** `comfortable`, or `compact` for tight headers and sidebars. */
  density: 'comfortable' | 'compact' = 'comfortable';
  /** `<coin-list>`, `<coin-card>`, `<coin-table>`: no status line, for sites that credit the source elsewhere. */
  noStatus = false;

  protected readonly quotes = new QuoteController(this, () => this.request());
  /** A brief tint on each price that moved. */
  protected readonly flash = flashController(this, this.quotes, () => [this.quotes.coins(), this.formatOptions()]);

  /** Coins whose logo failed to load: they get a letter badge instead. */
  readonly #brokenLogos = new Set<string>();

  /** The coin ids to show, in order. */
  protected abstract ids(): string[];

  /**
   * What every element shows of a coin first: its quote, whether that is current (with its age as a tooltip), why it
   * will never come, and what stands in until it does (nothing once there is a problem to show instead).
   */
  protected view(id: string, { t, lang }: Words) {
    const quote = this.quotes.quote(id);
    const stale = this.quotes.isStale(id);
    const unlisted = this.quotes.problem(id);
    const problem = unlisted === '' ? t.unknownCoin : unlisted && unlisted !== '—' ? t.notOn(unlisted) : unlisted;
    return {
      quote,
      stale,
      problem,
      placeholder: problem ? nothing : skeleton,
      /** Whether a field shows an older value, kept because the feed's latest was unusable. */
      old: (field: keyof Quote) => this.quotes.isStaleField(id, field),
      title: quote && stale ? updated(quote.updatedAt, t, lang ?? this.#lang()) : nothing,
    };
  }

  /** The element's words, from its locale's registered table, else English (then marked as such). */
  protected words(): Words {
    const language = this.#lang();
    const { t, lang } = words(language);
    return { t, lang: lang === language ? undefined : lang };
  }

  #lang() {
    return (this.formatOptions().locale || globalThis.navigator?.language || 'en').split('-')[0].toLowerCase();
  }

  /**
   * The line that ends a list or card, one line high from the first render so nothing that happens later moves the
   * page: normally where the prices come from, linked; while some of `ids` are not current, why, and how old they are.
   */
  protected statusLine(ids: string[], w: Words) {
    if (this.noStatus) return nothing;
    const feed = this.request()?.feed ?? 'auto';
    const { t } = w;
    let content: unknown;
    let text: string;
    /** What screen readers are told when it changes: the reason, without the countdown and age that tick. */
    let spoken = '';
    const failing = ids.find((id) => this.quotes.reason(id));
    const unlisted = new Set(ids.map((id) => this.quotes.problem(id)));
    const [only] = unlisted;
    if (unlisted.size === 1 && only && only !== '—') {
      // Every coin is one the exchange does not list, whether it refused them or the listing table leaves them out.
      content = text = spoken = t.unlisted(only);
    } else if (failing) {
      const stale = ids
        .map((id) => this.quotes.isStale(id) && this.quotes.quote(id)?.updatedAt)
        .filter(Number.isFinite);
      const error = this.quotes.reason(failing)!;
      const source = SOURCES[feed]?.[0] ?? feed;
      const reason = reasonText(error, t, source);
      spoken = reasonText(error, t, source, false);
      content = text = stale.length
        ? `${reason} · ${updated(Math.min(...(stale as number[])), t, w.lang ?? this.#lang())}`
        : reason;
    } else {
      const shown = ids.map((id) => this.quotes.quote(id)).filter((q) => !!q);
      const live = this.quotes.live ? [...new Set(shown.map((q) => q.source).filter((s) => s !== 'coingecko'))] : [];
      const base = [...new Set(shown.map((q) => q.source).filter((s) => !live.includes(s)))];
      // `auto` names and pictures every coin from CoinGecko, ticking or not; before any quote, the feed is the source.
      if ((feed === 'auto' || !shown.length) && !base.includes('coingecko'))
        base.unshift(feed === 'auto' ? 'coingecko' : feed);
      const name = (s: string) => SOURCES[s]?.[0] ?? s;
      const liveText = live.length ? t.liveFrom(live.map(name).join(', ')) : '';
      text = [t.data, [...base.map(name), liveText].filter(Boolean).join(' · ')].join(' ');
      // The links go where the words put the source's name, in whatever order the language has.
      const [before, after] = t.liveFrom('\0').split('\0');
      content = html`${t.data} ${base.map((s, i) => html`${i ? ' · ' : ''}${credit(s)}`)}${
        live.length
          ? html`${base.length ? ' · ' : ''}${before}${live.map((s, i) => html`${i ? ', ' : ''}${credit(s)}`)}${after}`
          : nothing
      }`;
    }
    // The line itself is no live region: its countdown and age change every second. Beside it, out of the flow.
    return html`<p part="status" class="status muted" title=${text} lang=${w.lang ?? nothing}>${content}</p>
      <span class="sr-only" role="status" lang=${w.lang ?? nothing}>${spoken}</span>`;
  }

  protected override scheduleUpdate(): void | Promise<unknown> {
    return this.hasUpdated ? super.scheduleUpdate() : this.#firstUpdate();
  }

  /**
   * The first update waits one microtask, so the request for the coins of the elements connected in this task,
   * queued as they connected, goes out before any of them renders. After it, the number format its prices need is
   * built while the answer travels: a page's first costs tens of ms (the locale's data loads), which the first answer
   * would otherwise wait for.
   */
  async #firstUpdate() {
    await null;
    super.scheduleUpdate();
    if (this.request()) this.quotes.prepare(() => formatPrice(0, this.formatOptions()));
  }

  /**
   * The reader's currency switch, when the element offers `currencies`: one toggle button per currency, the one
   * shown pressed. A choice switches every element of the page that offers it, and is remembered.
   */
  protected currencySwitch(currencies: string | undefined, { t, lang }: Words) {
    const offered = parseCurrencies(currencies);
    if (!offered.length) return nothing;
    const shown = this.formatOptions().currency;
    return html`<div part="currency-switch" role="group" aria-label=${t.currencySwitch} lang=${lang ?? nothing}>
      ${offered.map(
        (code) =>
          html`<button type="button" aria-pressed=${code === shown} @click=${() => chooseCurrency(code)}>${code.toUpperCase()}</button>`,
      )}
    </div>`;
  }

  /** What to ask the store for, from the attributes; undefined when there are no coins. */
  protected request(): QuoteRequest | undefined {
    const request = toRequest(this.ids(), this);
    return request.ids.length || request.top ? request : undefined;
  }

  /**
   * The coins to show, in order: the named ones, then the top ones. Until the first answer, an empty id holds each
   * ranked place not known yet, so the placeholders take the room the rows will (CLS 0).
   */
  protected shown(): string[] {
    const coins = this.quotes.coins();
    const request = this.request();
    const missing = request && this.quotes.status === 'loading' ? request.ids.length + request.top! - coins.length : 0;
    return missing > 0 ? [...coins, ...Array<string>(missing).fill('')] : coins;
  }

  /**
   * A coin's logo: a placeholder until its quote arrives, a letter badge when it has none or it fails to load, or
   * when no quote will come (an unknown coin, or one the feed only ever sent unusable data for). Lazily by default:
   * the logos are asked for after the layout that shows the first prices, so their answers do not hold up that frame,
   * and the rows of a long table or a widget below the fold fetch none until they near the view. `loading` is bound
   * before `src`: set after it, Chromium has at times already started the load.
   */
  protected logo(id: string, loading: 'lazy' | 'eager' = 'lazy') {
    const quote = this.quotes.quote(id);
    if (!quote && this.quotes.problem(id) === undefined) return html`<span part="logo" class="skeleton"></span>`;
    if (!quote?.image || this.#brokenLogos.has(id)) {
      return html`<span part="logo" class="badge" aria-hidden="true">${(quote?.symbol || quote?.name || id)[0].toUpperCase()}</span>`;
    }
    return html`<img
      part="logo"
      loading=${loading}
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
