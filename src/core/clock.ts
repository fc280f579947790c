/** Time as feeds and the store see it: injectable so tests run on fake time and nothing sleeps. */
export interface Clock {
  /** Wall time in ms since the epoch: what a quote's `updatedAt` says. It jumps when the system clock is set. */
  now(): number;
  /**
   * Ms on a clock that only runs forward, at a steady rate: how long a connection has been silent or up, when the
   * next request is due. Setting the system clock must neither drop a live connection nor keep a dead one.
   */
  monotonic(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: Date.now,
  monotonic: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
