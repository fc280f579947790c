import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { FeedError } from '../core/errors.js';
import type { FeedStatus, Quote } from '../core/quote.js';
import { config, onConfigure } from '../core/config.js';
import { subscribe, type QuoteRequest, type Subscription } from '../core/store.js';
import { CoinStatusEvent, CoinUpdateEvent } from './events.js';

/**
 * Live feeds can tick hundreds of times a second; a price board read by people gains nothing from redrawing more
 * than a few times a second, and layout is what a redraw costs.
 */
const RENDER_GAP = 500;
/** Elements take turns over this many phases of a slot: one frame renders at most a share of a page's elements. */
const PHASES = 2;
let instances = 0;

/**
 * The bridge from the page's shared store to one element, the way `@lit/task` exposes its state:
 * subscribes while connected, re-subscribes when the request changes, renders the first answer at once
 * and after it at most one render per animation frame however fast quotes arrive. Fires `coin-update`
 * and `coin-status` after the render that shows them.
 */
export class QuoteController implements ReactiveController {
  #subscription?: Subscription;
  /** The request the subscription was made for, as JSON. */
  #key?: string;
  /** Stops listening for `configure()`; set only while the host is connected. */
  #unlisten?: () => void;
  /** A render is asked for: news until it runs is in it. */
  #framed = false;
  /** News came while the render asked for at once had already run, before the frame that shows it. */
  #missed = false;
  /** Whether this store's quotes have rendered yet: the first answer renders at once, later ones are paced. */
  #answered = false;
  /** Renders again in a second while the element shows time that passes: an age, a countdown to the next try. */
  #tick: unknown;
  #renderedAt = -Infinity;
  #changed = false;
  /** The status, live flag and reason last announced. */
  #announced?: string;
  readonly #phase = ((instances++ % PHASES) * RENDER_GAP) / PHASES;

  constructor(
    private readonly host: ReactiveControllerHost & EventTarget,
    /** The element's request, derived from its attributes; undefined when there is nothing to ask for. */
    private readonly request: () => QuoteRequest | undefined,
  ) {
    host.addController(this);
  }

  get status(): FeedStatus {
    return this.#subscription?.store.status ?? 'loading';
  }

  get error(): FeedError | undefined {
    return this.#subscription?.store.error;
  }

  /**
   * Runs `work` the first answer will need while that answer travels: in a task of its own, so it delays no paint,
   * and not at all once the answer has rendered (it did the work then).
   */
  prepare(work: () => void): void {
    setTimeout(() => this.#answered || work());
  }

  /** Whether fresh prices tick in over a socket now, rather than being polled. */
  get live(): boolean {
    return !!this.#subscription?.store.live;
  }

  /** The coins to show, in order: those named, then the top ones ranked so far that are not named. */
  coins(): string[] {
    const request = this.request();
    return request ? [...request.ids, ...(this.#subscription?.store.topOf(request) ?? [])] : [];
  }

  quote(id: string): Quote | undefined {
    return this.#subscription?.store.quotes.get(id);
  }

  /** Whether the coin's shown quote is not current; a coin with no quote yet is loading, not stale. */
  isStale(id: string): boolean {
    const store = this.#subscription?.store;
    return !!store?.quotes.has(id) && store.isStale(id);
  }

  /** Whether a field of the coin's quote is an older value, kept because the feed's latest one was unusable. */
  isStaleField(id: string, field: keyof Quote): boolean {
    return !!this.#subscription?.store.staleFields.get(id)?.includes(field);
  }

  /**
   * Why a coin has no quote and never will from this feed, if so: the feed does not know it (`''`), does not list it
   * (the exchange's name), or its answers were only ever unusable, or the feed stopped on an error (`'—'`, said
   * once in the element's status rather than a placeholder that never fills).
   */
  problem(id: string): string | undefined {
    const store = this.#subscription?.store;
    return (
      store?.unknown.get(id) ??
      (!store?.quotes.has(id) && (store?.stale.has(id) || store?.status === 'error') ? '—' : undefined)
    );
  }

  /** Why the coin's shown price is not current, or why it has none, while that is so. */
  reason(id: string): FeedError | undefined {
    const store = this.#subscription?.store;
    if (store && (store.stale.has(id) || store.status === 'stale' || store.status === 'error')) {
      return store.reasons.get(id) ?? store.error;
    }
  }

  hostConnected() {
    // New page-wide settings: a store made under the new ones, and formatting with the new defaults.
    this.#unlisten = onConfigure(() => {
      this.#key = undefined;
      this.#sync();
      this.host.requestUpdate();
    });
    this.#sync();
  }

  hostDisconnected() {
    config.clock.clearTimeout(this.#tick);
    this.#tick = undefined;
    this.#unlisten?.();
    this.#subscription?.unsubscribe();
    this.#subscription = this.#key = this.#unlisten = undefined;
  }

  /** Before each render: follow attribute changes to another store, or other coins on the same one. */
  hostUpdate() {
    this.#missed = false;
    this.#sync();
  }

  hostUpdated() {
    const store = this.#subscription?.store;
    if (!store) return;
    // A change in any of the three is news: `auto` stays live with a reason while CoinGecko fails, and loses it after.
    const announce = `${store.status} ${store.live} ${store.error?.message}`;
    if (announce !== this.#announced) {
      this.#announced = announce;
      this.host.dispatchEvent(new CoinStatusEvent(store.status, store.error, store.live));
    }
    if (this.#changed) {
      this.#changed = false;
      const quotes = this.coins().flatMap((id) => store.quotes.get(id) ?? []);
      if (quotes.length) this.host.dispatchEvent(new CoinUpdateEvent(quotes));
    }
    const { clock } = config;
    if (
      this.#tick === undefined &&
      ((store.error?.retryAt ?? 0) > clock.now() || this.coins().some((id) => this.isStale(id)))
    ) {
      this.#tick = clock.setTimeout(() => {
        this.#tick = undefined;
        this.host.requestUpdate();
      }, 1000);
    }
  }

  #sync() {
    // A removed element may still render once (a frame was already asked for): it must not subscribe again.
    if (!this.#unlisten) return;
    const request = this.request();
    const key = JSON.stringify(request);
    if (key === this.#key) return;
    this.#key = key;
    // Subscribe before leaving: on the same store, other coins or another interval keep it and its quotes alive.
    const old = this.#subscription;
    this.#subscription = request && subscribe(request, (changed) => this.#onChange(changed));
    old?.unsubscribe();
    // Another store: announce its status, and show and announce its quotes if it already holds some for these coins
    // (it says nothing until they change). Before a render this is that render; on reconnection it asks for one.
    if (this.#subscription?.store !== old?.store) {
      this.#announced = undefined;
      this.#answered = false;
      this.#changed = true;
      this.host.requestUpdate();
    }
  }

  #onChange(changed: ReadonlySet<string> | null) {
    if (changed) this.#changed = true;
    if (this.#framed) {
      this.#missed = true;
      return;
    }
    this.#framed = true;
    if (changed && !this.#answered) this.#renderNow();
    else this.#pace();
  }

  /**
   * The first answer is what a reader waits for: it renders in this task, not a frame later. The next frame shows
   * it, so news that comes before that frame waits for the frame after: no frame shows two renders of one element.
   * The pacing starts there, as it did before this render.
   */
  #renderNow() {
    this.#answered = true;
    this.host.requestUpdate();
    requestAnimationFrame(() => {
      this.#framed = false;
      if (this.#missed && this.#unlisten) this.#onChange(null);
    });
  }

  /**
   * Later news renders in the next frame; a busy feed then renders once per RENDER_GAP slot of the page's clock, at
   * the start of its phase, so a page's elements render together in PHASES frames per slot: style, layout and paint
   * once for each share rather than once per element, and no frame long enough to be a long task.
   */
  #pace() {
    const now = performance.now();
    const wait = now - this.#renderedAt < RENDER_GAP ? RENDER_GAP - ((now - this.#phase + RENDER_GAP) % RENDER_GAP) : 0;
    const render = () =>
      requestAnimationFrame(() => {
        this.#framed = false;
        this.#renderedAt = performance.now();
        this.host.requestUpdate();
      });
    if (wait > 0) setTimeout(render, wait);
    else render();
  }
}
