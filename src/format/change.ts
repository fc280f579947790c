import { entry, PERCENT } from './cache.js';
import { MISSING } from './price.js';

export interface ChangeOptions {
  locale?: string;
}

export type ChangeDirection = 'up' | 'down' | 'flat';

/** A percent change (3.6 means 3.6 %) with 2 fraction digits, `-` only when it shows as non-zero; `—` when missing. */
export function formatChange(value: number | null | undefined, options: ChangeOptions = {}): string {
  return Number.isFinite(value) ? entry(options.locale, '%', PERCENT).f((value as number) / 100) : MISSING;
}

/** Direction of a change as `formatChange` shows it: `flat` when it reads 0.00 or is missing. */
export function changeDirection(value: number | null | undefined): ChangeDirection {
  // Same division as formatChange; Intl shows a fraction as 0.01 % or more exactly from the double nearest 5e-5 up.
  const v = Number.isFinite(value) ? (value as number) / 100 : 0;
  return v >= 5e-5 ? 'up' : v <= -5e-5 ? 'down' : 'flat';
}
