/** A cached formatter: `f` formats, `z` is the locale's zero digit + decimal separator. */
export interface Entry {
  f: (value: number) => string;
  z: string;
}

// Formatter kinds: 0..20 fixed fraction digits; SMALL + z for prices with z leading fraction zeros.
export const SMALL = 21;
export const COMPACT = 38;
export const PERCENT = 39;

// Nested Maps plus a last-used fast path: no key string is built per call.
const cache = new Map<string | undefined, Map<string, Entry[]>>();
let last: Entry[] | undefined;
let lastLocale: string | undefined;
let lastCurrency: string | undefined;

export function entry(locale: string | undefined, currency: string, kind: number): Entry {
  if (!last || locale !== lastLocale || currency !== lastCurrency) {
    let byCurrency = cache.get(locale);
    if (!byCurrency) cache.set(locale, (byCurrency = new Map()));
    let entries = byCurrency.get(currency);
    if (!entries) byCurrency.set(currency, (entries = []));
    last = entries;
    lastLocale = locale;
    lastCurrency = currency;
  }
  return (last[kind] ??= make(locale, currency, kind));
}

/** `create(locale)`, or `create()` for the runtime's default locale when `locale` is malformed. */
export function localized<T>(create: (locale?: string) => T, locale: string | undefined): T {
  try {
    return create(locale);
  } catch {
    return create();
  }
}

function make(locale: string | undefined, currency: string, kind: number): Entry {
  const code = String(currency).toUpperCase();
  // Intl takes any three-letter code (an unknown one prints as itself); anything else becomes a plain number + ' CODE'.
  const known = /^[A-Z]{3}$/.test(code);
  const n = localized(
    (l) =>
      // undefined leaves Intl's default: a plain decimal, standard notation.
      new Intl.NumberFormat(l, {
        style: kind === PERCENT ? 'percent' : known ? 'currency' : undefined,
        currency: known ? code : undefined,
        notation: kind === COMPACT ? 'compact' : undefined,
        minimumFractionDigits: kind < SMALL ? kind : kind === COMPACT ? 0 : 2,
        // Small prices: 4 significant digits after the zeros, within Intl's limit of 20 fraction digits.
        maximumFractionDigits:
          kind < SMALL ? kind : kind === COMPACT ? 1 : kind === PERCENT ? 2 : Math.min(kind - 17, 20),
        // Never a sign on a value that rounds to zero (no '-0.00%').
        signDisplay: 'negative',
      }),
    locale,
  );
  let z = '';
  for (const p of n.formatToParts(0)) if (p.type === 'integer' || p.type === 'decimal') z += p.value;
  // The bound `format`, fetched once: its getter costs about as much per call as everything else here.
  const f = n.format;
  return { f: known || kind === PERCENT ? f : (v) => f(v) + ' ' + code, z };
}
