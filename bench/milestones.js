// The script-tag bundle as it stood at the roadmap's earlier milestones, rebuilt from today's code with the same
// plugins and minifier: <coin-list> with CoinGecko (issue 2's budget: 10 KB gzip), then with the live feeds and
// `auto` (issue 3's: 13 KB). The feeds a milestone did not have yet are left out of the registry; code that later
// milestones added to shared modules (the price flash, the live marker, density) stays in, so these are upper bounds.
import { gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import configs from '../rollup.config.mjs';

const src = new URL('../src/', import.meta.url).pathname;
const MILESTONES = [
  { name: '<coin-list> + coingecko', feeds: ['coingecko'] },
  { name: '<coin-list> + coingecko, kraken, coinbase, binance, auto', feeds: ['coingecko', 'kraken', 'coinbase', 'binance', 'auto'] },
];
const LATER = ['auto', 'kraken', 'coinbase', 'binance', 'json'];

/** The package's exports at that milestone, with `<coin-list>` registered. */
const entry = (feeds) => `
export { configure, registerFeed } from '${src}core/config.ts';
export { ${feeds} } from 'milestone-feeds';
export { formatPrice, formatChange, formatCompact, changeDirection, priceParts } from '${src}format/index.ts';
export { QuoteController } from '${src}controllers/quote-controller.ts';
export { CoinUpdateEvent, CoinStatusEvent } from '${src}elements/events.ts';
export { FeedError } from '${src}core/errors.ts';
import { CoinList } from '${src}elements/coin-list.ts';
export { CoinList };
if (!customElements.get('coin-list')) customElements.define('coin-list', CoinList);`;

export async function run() {
  const [es] = configs;
  console.log('bundle at earlier milestones (ES, gzip -9)');
  for (const { name, feeds } of MILESTONES) {
    const milestone = {
      name: 'milestone',
      resolveId(id, importer) {
        if (id === 'entry' || id === 'milestone-feeds') return id;
        const feed = /\/feeds\/(\w+)\.js$/.exec(id)?.[1];
        if (LATER.includes(feed) && !feeds.includes(feed) && importer !== 'milestone-feeds') return `absent:${feed}`;
      },
      load(id) {
        if (id === 'entry') return entry(feeds.join(', '));
        if (id === 'milestone-feeds') return feeds.map((f) => `export { ${f} } from '${src}feeds/${f}.ts';`).join('\n');
        if (id.startsWith('absent:')) return `export const ${id.slice(7)} = undefined;`;
      },
    };
    const bundle = await rollup({ input: 'entry', plugins: [milestone, ...es.plugins], onwarn() {} });
    const { output } = await bundle.generate(es.output);
    console.log(`  ${name.padEnd(58)} ${gzipSync(output[0].code, { level: 9 }).length.toLocaleString('en')} B`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
