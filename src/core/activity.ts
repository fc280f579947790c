/**
 * Whether the page wants fresh data now: visible and online. Feeds pause while it does not.
 * This reads the page's lifecycle, not its DOM; Node gets an always-active stand-in.
 */
export interface Activity {
  active(): boolean;
  /** Calls back on every change; returns the unsubscribe function. */
  watch(callback: () => void): () => void;
}

// `pagehide` changes nothing of the above, but is the last word a page gets before it goes: listeners save then.
const events = ['visibilitychange', 'online', 'offline', 'pagehide'];

export const defaultActivity: Activity = {
  active: () => globalThis.document?.visibilityState !== 'hidden' && globalThis.navigator?.onLine !== false,
  watch(callback) {
    // visibilitychange bubbles from document to window, so window hears them all.
    events.forEach((type) => globalThis.addEventListener?.(type, callback));
    return () => events.forEach((type) => globalThis.removeEventListener?.(type, callback));
  },
};
