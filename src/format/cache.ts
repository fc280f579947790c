/** A cached formatter: `f` formats, `z` is the locale's zero digit + decimal separator. */
export interface Entry {
  f: (value: number) => string;
  z: string;
}

/** What one locale + currency pair resolved to, and its formatters by kind. */
interface Slot {
  l: string | undefined;
  /** Style options, `{}` when Intl rejects the currency. */
  o: Intl.NumberFormatOptions;
  /** ' CODE' when Intl rejects the currency, else ''. */
  x: string;
  e: Entry[];
}

// Formatter kinds: 0..20 fixed fraction digits; SMALL + z for prices with z leading fraction zeros.
export const SMALL = 21;
export const COMPACT = 38;
export const PERCENT = 39;

// Nested Maps plus a last-used fast path: no key string is built per call.
const cache = new Map<string | undefined, Map<string, Slot>>();
let last: Slot | undefined;
let lastLocale: string | undefined;
let lastCurrency: string | undefined;

export function entry(locale: string | undefined, currency: string, kind: number): Entry {
  if (!last || locale !== lastLocale || currency !== lastCurrency) {
    let m = cache.get(locale);
    if (!m) cache.set(locale, (m = new Map()));
    let s = m.get(currency);
    if (!s) {
      const c = String(currency).toUpperCase();
      let l = locale;
      let o: Intl.NumberFormatOptions = { style: 'currency', currency: c };
      let x = '';
      // A malformed locale falls back to the runtime default; a currency Intl rejects becomes a plain number + ' CODE'.
      try {
        new Intl.NumberFormat(l);
      } catch {
        l = undefined;
      }
      try {
        new Intl.NumberFormat(l, o);
      } catch {
        o = {};
        x = ' ' + c;
      }
      m.set(currency, (s = { l, o, x, e: [] }));
    }
    last = s;
    lastLocale = locale;
    lastCurrency = currency;
  }
  return (last.e[kind] ??= make(last, kind));
}

function make({ l, o, x }: Slot, kind: number): Entry {
  if (kind === PERCENT) {
    o = { style: 'percent' };
    x = '';
  }
  const n = new Intl.NumberFormat(l, {
    ...o,
    notation: kind === COMPACT ? 'compact' : 'standard',
    minimumFractionDigits: kind < SMALL ? kind : kind === COMPACT ? 0 : 2,
    // Small prices: 4 significant digits after the zeros, within Intl's limit of 20 fraction digits.
    maximumFractionDigits: kind < SMALL ? kind : kind === COMPACT ? 1 : kind === PERCENT ? 2 : Math.min(kind - 17, 20),
    // Never a sign on a value that rounds to zero (no '-0.00%').
    signDisplay: 'negative',
  });
  let z = '';
  for (const p of n.formatToParts(0)) if (p.type === 'integer' || p.type === 'decimal') z += p.value;
  // The bound `format`, fetched once: its getter costs about as much per call as everything else here.
  const f = n.format;
  return { f: x ? (v) => f(v) + x : f, z };
}
