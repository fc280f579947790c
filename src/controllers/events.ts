import type { FeedError } from '../core/errors.js';
import type { FeedStatus, Quote } from '../core/quote.js';

/**
 * Bubbling and composed, as GitHub's and Shoelace's events are: a listener on `document` hears an element inside
 * another component's shadow root.
 */
const init = { bubbles: true, composed: true };

/** Fired after an element renders new quotes; `quotes` are the element's coins that have one, in its order. */
export class CoinUpdateEvent extends Event {
  constructor(readonly quotes: readonly Quote[]) {
    super('coin-update', init);
  }
}

/**
 * Fired when an element's feed status changes: `loading`, `live`, `stale` (old prices kept) or `error`; `live` tells
 * prices ticking in over an exchange socket from polled ones.
 */
export class CoinStatusEvent extends Event {
  constructor(
    readonly status: FeedStatus,
    readonly error?: FeedError,
    readonly live = false,
  ) {
    super('coin-status', init);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'coin-update': CoinUpdateEvent;
    'coin-status': CoinStatusEvent;
  }
}
