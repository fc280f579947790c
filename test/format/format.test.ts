import { expect } from '@open-wc/testing';
import {
  changeDirection,
  formatChange,
  formatCompact,
  formatPrice,
  priceParts,
  subscript,
} from '../../src/format/index.js';

const en = { locale: 'en-US' };
const de = { locale: 'de-DE', currency: 'eur' };

/** Intl's own output for a fresh formatter: the locale decides spacing, symbols and separators. */
const intl = (locale: string, options: Intl.NumberFormatOptions, v: number) =>
  new Intl.NumberFormat(locale, options).format(v);

const toSubscript = (n: number) => [...String(n)].map((d) => String.fromCharCode(0x2080 + Number(d))).join('');

/** The design's price rules, written the obvious way: fresh formatters, significant digits, regexes. */
function reference(v: number, locale: string, currency: string): string {
  const base = { style: 'currency', currency } as const;
  if (Math.abs(v) >= 0.1) return intl(locale, { ...base, minimumFractionDigits: 2, maximumFractionDigits: 2 }, v);
  return intl(locale, { ...base, maximumSignificantDigits: 4 }, v)
    .replace(/([.,]\d)(?!\d)/, '$10')
    .replace(/([.,])(0{4,})/, (_, sep: string, zeros: string) => sep + '0' + toSubscript(zeros.length));
}

/** Seeded PRNG (mulberry32) so a failure reproduces. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function grid(): number[] {
  const values: number[] = [];
  for (let i = 0; i < 300; i++) values.push(10 ** (-9 + (15 * i) / 299));
  const random = prng(42);
  for (let i = 0; i < 200; i++) values.push(10 ** (-9 + 15 * random()));
  // Powers of ten, their float neighbours, and values that round across a power of ten or the 0.1 threshold.
  for (let k = -9; k <= 6; k++) {
    const p = Number(`1e${k}`);
    values.push(p, p * (1 + Number.EPSILON), p * (1 - Number.EPSILON), p * 0.99999, p * 0.999949, p * 1.00005);
  }
  values.push(0.1, 0.09999, 0.099995, 0.0999949, 0.00009999, 0.000099995, 0.0000999949, 0.0012345, 0.00012345);
  return values;
}

describe('formatPrice', () => {
  const table: [number, string][] = [
    [113422.41, '$113,422.41'],
    [1234567.891, '$1,234,567.89'],
    [0.21, '$0.21'],
    [0.1, '$0.10'],
    [0.0512, '$0.0512'],
    [0.05, '$0.05'],
    [0.099999, '$0.10'],
    [0.001234, '$0.001234'],
    [0.001, '$0.001'],
    [0.0012345, '$0.001235'],
    [0.0001234, '$0.0001234'],
    [0.00009999999, '$0.0001'],
    [0.00001234, '$0.0₄1234'],
    [0.00001, '$0.0₄1'],
    [0.000000123456, '$0.0₆1235'],
    [1.234e-13, '$0.0₁₂1234'],
    [0, '$0.00'],
    [-0, '$0.00'],
    [-113422.41, '-$113,422.41'],
    [-0.21, '-$0.21'],
    [-0.00001234, '-$0.0₄1234'],
  ];
  for (const [value, expected] of table) {
    it(`formats ${value} as ${expected}`, () => {
      expect(formatPrice(value, en)).to.equal(expected);
    });
  }

  it('shows an em dash for missing or non-finite values', () => {
    for (const value of [NaN, null, undefined, Infinity, -Infinity, '12' as unknown as number]) {
      expect(formatPrice(value, en)).to.equal('—');
      expect(priceParts(value, en)).to.equal(null);
    }
  });

  it('defaults to usd', () => {
    expect(formatPrice(0.21, en)).to.equal(intl('en-US', { style: 'currency', currency: 'USD' }, 0.21));
    expect(formatPrice(0.21, { locale: 'en-US', currency: 'gbp' })).to.equal('£0.21');
  });

  it('takes currency codes in any case', () => {
    expect(formatPrice(113422.41, { locale: 'en-US', currency: 'EUR' })).to.equal('€113,422.41');
    expect(formatPrice(113422.41, { locale: 'en-US', currency: 'eur' })).to.equal('€113,422.41');
  });

  it('lets the locale decide separators, symbol and spacing (de-DE, eur)', () => {
    const eur = { style: 'currency', currency: 'EUR' } as const;
    expect(formatPrice(113422.41, de)).to.equal(intl('de-DE', eur, 113422.41));
    expect(formatPrice(113422.41, de)).to.match(/^113\.422,41\s€$/);
    expect(formatPrice(0.0512, de)).to.equal(intl('de-DE', { ...eur, maximumFractionDigits: 4 }, 0.0512));
    const text = intl('de-DE', { ...eur, maximumFractionDigits: 8 }, 0.00001234);
    expect(text).to.match(/^0,00001234\s€$/);
    expect(formatPrice(0.00001234, de)).to.equal('0,0₄' + text.slice(text.indexOf('1234')));
  });

  it('uses a fixed number of fraction digits when decimals is given, without collapsing', () => {
    expect(formatPrice(1.5, { ...en, decimals: 4 })).to.equal('$1.5000');
    expect(formatPrice(113422.41, { ...en, decimals: 0 })).to.equal('$113,422');
    expect(formatPrice(0.00001234, { ...en, decimals: 10 })).to.equal('$0.0000123400');
    expect(formatPrice(0.00001234, { ...en, decimals: 2 })).to.equal('$0.00');
    expect(formatPrice(-0.001, { ...en, decimals: 2 })).to.equal('$0.00');
    expect(formatPrice(1e-20, { ...en, decimals: 20 })).to.equal('$0.00000000000000000001');
  });

  it('ignores decimals out of range or not an integer', () => {
    for (const decimals of [-1, 21, 2.5, NaN, Infinity]) {
      expect(formatPrice(0.00001234, { ...en, decimals })).to.equal('$0.0₄1234');
      expect(formatPrice(1.5, { ...en, decimals })).to.equal('$1.50');
    }
  });

  it('falls back to a plain number and the upper-cased code for a currency Intl rejects', () => {
    expect(() => formatPrice(1.5, { locale: 'en-US', currency: 'usdt' })).not.to.throw();
    expect(formatPrice(1.5, { locale: 'en-US', currency: 'usdt' })).to.equal('1.50 USDT');
    expect(formatPrice(0.00001234, { locale: 'en-US', currency: 'usdt' })).to.equal('0.0₄1234 USDT');
    expect(formatPrice(1234.5, { locale: 'de-DE', currency: 'usdt' })).to.equal('1.234,50 USDT');
  });

  it('falls back to the runtime default locale for a malformed one', () => {
    for (const locale of ['not a locale!', '', 'en_US']) {
      expect(() => formatPrice(113422.41, { locale })).not.to.throw();
      expect(formatPrice(113422.41, { locale, currency: 'eur' })).to.equal(
        intl(undefined as unknown as string, { style: 'currency', currency: 'EUR' }, 113422.41),
      );
    }
    expect(formatPrice(0.00001234, { locale: '!!', currency: 'nope!' })).to.match(/0\.0₄1234 NOPE!$|0,0₄1234 NOPE!$/);
  });

  it('matches the straightforward reference on a log-uniform grid from 1e-9 to 1e6', () => {
    const mismatches: string[] = [];
    for (const v of grid()) {
      for (const [locale, currency] of [
        ['en-US', 'USD'],
        ['de-DE', 'EUR'],
        ['ja-JP', 'JPY'],
      ]) {
        for (const value of [v, -v]) {
          const got = formatPrice(value, { locale, currency: currency.toLowerCase() });
          const want = reference(value, locale, currency);
          if (got !== want) mismatches.push(`${value} ${locale}: ${got} != ${want}`);
        }
      }
    }
    expect(mismatches).to.deep.equal([]);
  });
});

describe('priceParts', () => {
  it('splits a collapsed zero run for <sub> markup and keeps the full text', () => {
    expect(priceParts(0.00001234, en)).to.deep.equal({ text: '$0.00001234', head: '$0.0', zeros: 4, tail: '1234' });
    expect(priceParts(1.234e-13, en)).to.deep.equal({
      text: '$0.0000000000001234',
      head: '$0.0',
      zeros: 12,
      tail: '1234',
    });
  });

  it('puts trailing currency text in the tail', () => {
    const parts = priceParts(0.00001234, de)!;
    expect(parts.head).to.equal('0,0');
    expect(parts.zeros).to.equal(4);
    expect(parts.tail).to.equal(parts.text.slice(parts.text.indexOf('1234')));
    expect(parts.tail).to.match(/^1234\s€$/);
  });

  it('returns the whole text as head when nothing collapses', () => {
    expect(priceParts(0.001234, en)).to.deep.equal({ text: '$0.001234', head: '$0.001234', zeros: 0, tail: '' });
    expect(priceParts(0.00001234, { ...en, decimals: 8 })).to.deep.equal({
      text: '$0.00001234',
      head: '$0.00001234',
      zeros: 0,
      tail: '',
    });
  });

  it('agrees with formatPrice on the grid', () => {
    for (const v of grid()) {
      for (const options of [en, de]) {
        const p = priceParts(v, options)!;
        expect(formatPrice(v, options)).to.equal(p.zeros ? p.head + subscript(p.zeros) + p.tail : p.text);
        expect(p.text).not.to.match(/[₀-₉]/);
      }
      // The accessible text is the value itself, to the digits shown.
      const shown = Number(priceParts(v, en)!.text.replace(/[$,]/g, ''));
      expect(shown, String(v)).to.be.closeTo(v, Math.max(0.005, v * 5e-4));
    }
  });

  it('writes subscript digits', () => {
    expect(subscript(4)).to.equal('₄');
    expect(subscript(12)).to.equal('₁₂');
    expect(subscript(10)).to.equal('₁₀');
  });
});

describe('formatChange', () => {
  const table: [number, string][] = [
    [0.1, '0.10%'],
    [-0.33, '-0.33%'],
    [-0.66, '-0.66%'],
    [3.6, '3.60%'],
    [-0.001, '0.00%'],
    [-0.004, '0.00%'],
    [-0.005, '-0.01%'],
    [0, '0.00%'],
    [-0, '0.00%'],
    [1234.5, '1,234.50%'],
  ];
  for (const [value, expected] of table) {
    it(`formats ${value} as ${expected}`, () => {
      expect(formatChange(value, en)).to.equal(expected);
    });
  }

  it('lets the locale decide (de-DE)', () => {
    const percent = { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 } as const;
    expect(formatChange(0.1, { locale: 'de-DE' })).to.equal(intl('de-DE', percent, 0.001));
    expect(formatChange(0.1, { locale: 'de-DE' })).to.match(/^0,10\s%$/);
    expect(formatChange(-0.33, { locale: 'de-DE' })).to.match(/^-0,33\s%$/);
  });

  it('has no arrow and no plus sign', () => {
    for (const value of [0.1, -0.33, 0, 12]) expect(formatChange(value, en)).not.to.match(/[▲▼↑↓+]/);
  });

  it('shows an em dash when missing', () => {
    for (const value of [NaN, null, undefined, Infinity]) expect(formatChange(value, en)).to.equal('—');
  });

  it('does not throw on a malformed locale', () => {
    expect(formatChange(0.1, { locale: 'not a locale!' })).to.equal(
      intl(undefined as unknown as string, { style: 'percent', minimumFractionDigits: 2 }, 0.001),
    );
  });
});

describe('changeDirection', () => {
  const table: [number | null | undefined, string][] = [
    [0.1, 'up'],
    [-0.33, 'down'],
    [0.004, 'flat'],
    [-0.004, 'flat'],
    [0.005, 'up'],
    [-0.005, 'down'],
    [0, 'flat'],
    [null, 'flat'],
    [undefined, 'flat'],
    [NaN, 'flat'],
    [Infinity, 'flat'],
  ];
  for (const [value, expected] of table) {
    it(`is ${expected} for ${value}`, () => {
      expect(changeDirection(value)).to.equal(expected);
    });
  }

  it('agrees with the sign and digits formatChange shows', () => {
    const random = prng(7);
    const values = [0.0049999999999999, 0.00499999999999999, 0.005000000000000001, 0.0049, 0.0051];
    for (let i = 0; i < 500; i++) values.push((random() - 0.5) * 0.02, (random() - 0.5) * 200);
    for (const v of [...values, ...values.map((x) => -x)]) {
      const text = formatChange(v, en);
      const shown = /[1-9]/.test(text) ? (text.startsWith('-') ? 'down' : 'up') : 'flat';
      expect(changeDirection(v), `${v} → ${text}`).to.equal(shown);
    }
  });
});

describe('formatCompact', () => {
  it('abbreviates with at most one fraction digit', () => {
    expect(formatCompact(1.2e12, en)).to.equal('$1.2T');
    expect(formatCompact(1.234e12, en)).to.equal('$1.2T');
    expect(formatCompact(12.1e9, en)).to.equal('$12.1B');
    expect(formatCompact(10.2e6, en)).to.equal('$10.2M');
    expect(formatCompact(3e9, en)).to.equal('$3B');
  });

  it('lets the locale decide (de-DE, eur)', () => {
    const options = { style: 'currency', currency: 'EUR', notation: 'compact', maximumFractionDigits: 1 } as const;
    expect(formatCompact(1.2e12, de)).to.equal(intl('de-DE', { ...options, minimumFractionDigits: 0 }, 1.2e12));
  });

  it('falls back for a rejected currency or locale and shows an em dash when missing', () => {
    expect(formatCompact(1.2e12, { locale: 'en-US', currency: 'usdt' })).to.equal('1.2T USDT');
    expect(() => formatCompact(1.2e12, { locale: '??' })).not.to.throw();
    expect(formatCompact(null, en)).to.equal('—');
    expect(formatCompact(NaN, en)).to.equal('—');
  });
});
