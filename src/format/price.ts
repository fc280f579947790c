import { entry, SMALL } from './cache.js';

export interface PriceOptions {
  /** ISO 4217 code in any case; default `usd`. */
  currency?: string;
  /** BCP 47 tag; default the runtime's. */
  locale?: string;
  /** Fixed fraction digits, 0..20; anything else means automatic. */
  decimals?: number;
}

/** Whether `decimals` fixes the fraction digits (Intl allows 0 to 20); anything else means automatic. */
export const fixedDigits = (decimals: unknown): decimals is number =>
  Number.isInteger(decimals) && (decimals as number) >= 0 && (decimals as number) <= 20;

/** A price split around its collapsed zero run: render `head<sub>zeros</sub>tail`; `text` is the full value. */
export interface PriceParts {
  text: string;
  /** The whole text when `zeros` is 0. */
  head: string;
  zeros: number;
  tail: string;
}

export const MISSING = '—';

/** `n` in Unicode subscript digits: 12 → `₁₂`. */
export const subscript = (n: number): string =>
  (n > 9 ? subscript((n / 10) | 0) : '') + String.fromCharCode(0x2080 + (n % 10));

/** The parts of `formatPrice` for markup with a real `<sub>`; null when missing or not finite. */
export function priceParts(value: number | null | undefined, options: PriceOptions = {}): PriceParts | null {
  if (!Number.isFinite(value)) return null;
  const v = value as number;
  const d = options.decimals;
  const a = v < 0 ? -v : v;
  let kind = 2;
  let z = 0;
  if (fixedDigits(d)) kind = d;
  else if (a < 0.1 && a > 0) {
    z = -Math.floor(Math.log10(a)) - 1;
    // From 16 zeros on, 4 significant digits already reach Intl's 20 fraction digits.
    kind = SMALL + (z < 16 ? z : 16);
  }
  const e = entry(options.locale, options.currency || 'usd', kind);
  const text = e.f(v);
  // Rounding can only shorten the zero run (0.0000999999 → 0.0001), so fewer than 3 zeros before it never collapse.
  if (z > 2) {
    const i = text.indexOf(e.z) + e.z.length;
    const zero = e.z.charCodeAt(0);
    let j = i;
    while (text.charCodeAt(j) === zero) j++;
    if (j - i > 3) return { text, head: text.slice(0, i + 1), zeros: j - i, tail: text.slice(j) };
  }
  return { text, head: text, zeros: 0, tail: '' };
}

/** A price as text, zero runs of 4 or more collapsed to subscript digits (`$0.0₄1234`); `—` when missing or not finite. */
export function formatPrice(value: number | null | undefined, options?: PriceOptions): string {
  const p = priceParts(value, options);
  return p ? (p.zeros ? p.head + subscript(p.zeros) + p.tail : p.text) : MISSING;
}
