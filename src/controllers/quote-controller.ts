import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { FeedError } from '../core/errors.js';
import type { FeedStatus, Quote } from '../core/quote.js';
import { subscribe, type QuoteRequest, type Subscription } from '../core/store.js';
import { CoinStatusEvent, CoinUpdateEvent } from '../elements/events.js';

const frame = (callback: () => void) =>
  typeof requestAnimationFrame == 'function' ? requestAnimationFrame(callback) : queueMicrotask(callback);

/**
 * The bridge from the page's shared store to one element, the way `@lit/task` exposes its state:
 * subscribes while connected, re-subscribes when the request changes, and asks for at most one
 * render per animation frame however fast quotes arrive. Fires `coin-update` and `coin-status` after
 * the render that shows them.
 */
export class QuoteController implements ReactiveController {
  #subscription?: Subscription;
  /** What the subscription was made for: the store's identity, then the ids and interval. */
  #storeKey?: string;
  #wantKey?: string;
  #connected = false;
  #framed = false;
  #changed = false;
  #announced?: FeedError | FeedStatus;

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

  quote(id: string): Quote | undefined {
    return this.#subscription?.store.quotes.get(id);
  }

  isStale(id: string): boolean {
    return !!this.#subscription?.store.isStale(id);
  }

  isUnknown(id: string): boolean {
    return !!this.#subscription?.store.unknown.has(id);
  }

  hostConnected() {
    this.#connected = true;
    this.#sync();
  }

  hostDisconnected() {
    this.#connected = false;
    this.#subscription?.unsubscribe();
    this.#subscription = this.#storeKey = undefined;
  }

  /** Before each render: follow attribute changes to another store, or other coins on the same one. */
  hostUpdate() {
    this.#sync();
  }

  hostUpdated() {
    const store = this.#subscription?.store;
    if (!store) return;
    const announce = store.error ?? store.status;
    if (announce !== this.#announced) {
      this.#announced = announce;
      this.host.dispatchEvent(new CoinStatusEvent(store.status, store.error));
    }
    if (this.#changed) {
      this.#changed = false;
      const quotes = this.request()?.ids.flatMap((id) => store.quotes.get(id) ?? []);
      if (quotes?.length) this.host.dispatchEvent(new CoinUpdateEvent(quotes));
    }
  }

  #sync() {
    // A removed element may still render once (a frame was already asked for): it must not subscribe again.
    if (!this.#connected) return;
    const request = this.request();
    const { ids, interval, ...which } = request ?? { ids: [], interval: 0 };
    const storeKey = request && JSON.stringify(which);
    const wantKey = `${ids}|${interval}`;
    if (storeKey !== this.#storeKey) {
      this.#subscription?.unsubscribe();
      this.#subscription = request && subscribe(request, (changed) => this.#onChange(changed));
      this.#announced = undefined;
      this.#changed = !!this.#subscription?.store.quotes.size;
    } else if (wantKey !== this.#wantKey) {
      this.#subscription?.update(ids, interval);
    }
    this.#storeKey = storeKey;
    this.#wantKey = wantKey;
  }

  #onChange(changed: ReadonlySet<string> | null) {
    if (changed) this.#changed = true;
    if (this.#framed) return;
    this.#framed = true;
    frame(() => {
      this.#framed = false;
      this.host.requestUpdate();
    });
  }
}
