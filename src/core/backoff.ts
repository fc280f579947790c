/**
 * Jittered exponential backoff, capped: the wait before retry `n` (from 1) is `base` doubled n − 1 times, at most
 * `cap`, then taken at 50–100 % so that many tabs that failed together do not retry in lockstep.
 */
export const backoff = (n: number, base: number, cap: number): number =>
  Math.min(cap, base * 2 ** (n - 1)) * (0.5 + Math.random() / 2);
