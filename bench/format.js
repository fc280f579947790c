// formatPrice vs @coingecko/cryptoformat 0.8.2 on log-uniform prices in [1e-9, 1e6] (design.md, Performance targets).
// Needs the compiled module: `npx tsc -p tsconfig.build.json`, then `node bench/format.js`.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { formatCurrency } from '@coingecko/cryptoformat';

const COUNT = 10_000;
const WARMUP = 5;
const ROUNDS = 25;
const OPTIONS = { currency: 'usd', locale: 'en-US' };

/** mulberry32: the same prices on every run and machine. */
function prng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function prices(count = COUNT, seed = 20250101) {
  const random = prng(seed);
  return Array.from({ length: count }, () => 10 ** (-9 + 15 * random()));
}

/** The design's rules written the obvious way (fresh formatters, significant digits, regexes): the output to match. */
function reference(v) {
  const base = { style: 'currency', currency: 'USD' };
  if (Math.abs(v) >= 0.1) {
    return new Intl.NumberFormat('en-US', { ...base, minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v);
  }
  return new Intl.NumberFormat('en-US', { ...base, maximumSignificantDigits: 4 })
    .format(v)
    .replace(/(\.\d)(?!\d)/, '$10')
    .replace(
      /\.(0{4,})/,
      (_, zeros) => '.0' + [...String(zeros.length)].map((d) => String.fromCharCode(0x2080 + Number(d))).join(''),
    );
}

function time(format, values) {
  let sink = 0;
  const start = performance.now();
  for (let i = 0; i < values.length; i++) sink += format(values[i]).length;
  const ns = ((performance.now() - start) * 1e6) / values.length;
  if (sink === 0) throw new Error('unreachable: keeps the calls alive');
  return ns;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export async function run({ count = COUNT, rounds = ROUNDS, log = console.log } = {}) {
  let formatPrice;
  try {
    ({ formatPrice } = await import('../dist/npm/format/index.js'));
  } catch (error) {
    throw new Error(`build first (npx tsc -p tsconfig.build.json): ${error.message}`);
  }
  const values = prices(count);

  const mismatches = [];
  for (const v of values) {
    for (const value of [v, -v]) {
      const got = formatPrice(value, OPTIONS);
      const want = reference(value);
      if (got !== want) mismatches.push(`${value}: ${got} != ${want}`);
    }
  }
  if (mismatches.length) {
    throw new Error(
      `formatPrice differs from the rules on ${mismatches.length} values:\n${mismatches.slice(0, 20).join('\n')}`,
    );
  }

  const impls = {
    'coin-ticker formatPrice': (v) => formatPrice(v, OPTIONS),
    'cryptoformat 0.8.2': (v) => formatCurrency(v, 'USD', 'en'),
  };
  const samples = Object.fromEntries(Object.keys(impls).map((name) => [name, []]));
  for (let r = 0; r < WARMUP + rounds; r++) {
    // Alternate the order so neither always runs first after a GC.
    const names = r % 2 ? Object.keys(impls).reverse() : Object.keys(impls);
    for (const name of names) {
      const ns = time(impls[name], values);
      if (r >= WARMUP) samples[name].push(ns);
    }
  }

  const results = Object.fromEntries(
    Object.entries(samples).map(([name, ns]) => {
      const nsPerOp = median(ns);
      return [name, { nsPerOp, opsPerSec: 1e9 / nsPerOp }];
    }),
  );
  const [ours, theirs] = Object.values(results);
  const ratio = theirs.nsPerOp / ours.nsPerOp;

  log(
    `${count} log-uniform prices in [1e-9, 1e6], all matching the rules; median of ${rounds} rounds after ${WARMUP} warm-up`,
  );
  log(`${'implementation'.padEnd(26)}${'ns/op'.padStart(10)}${'ops/s'.padStart(14)}`);
  for (const [name, { nsPerOp, opsPerSec }] of Object.entries(results)) {
    log(
      `${name.padEnd(26)}${nsPerOp.toFixed(0).padStart(10)}${Math.round(opsPerSec).toLocaleString('en-US').padStart(14)}`,
    );
  }
  log(`speed-up (cryptoformat ns / ours): ${ratio.toFixed(2)}x`);

  return { count, rounds, checked: values.length * 2, results, ratio };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run().catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
