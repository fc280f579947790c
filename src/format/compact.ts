import { COMPACT, entry } from './cache.js';
import { MISSING } from './price.js';

export interface CompactOptions {
  currency?: string;
  locale?: string;
}

/** A large amount in compact notation with at most 1 fraction digit (`$1.2T`); `—` when missing. */
export function formatCompact(value: number | null | undefined, options: CompactOptions = {}): string {
  if (!Number.isFinite(value)) return MISSING;
  return entry(options.locale, options.currency || 'usd', COMPACT).f(value as number);
}
