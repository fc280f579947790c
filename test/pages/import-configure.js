// What the README promises: a module that imports the bundle and configures it in its body is obeyed by the
// elements the bundle has already upgraded. `?sim=` is the test's market simulator.
import { configure, registerFeed } from '/dist/coin-ticker.min.js';

const sim = new URLSearchParams(location.search).get('sim');
const ws = sim.replace(/^http/, 'ws');
configure({
  endpoints: {
    coingecko: `${sim}/api/v3`,
    kraken: `${ws}/kraken/v2`,
    coinbase: `${ws}/coinbase`,
    binance: `${ws}/binance`,
  },
  storage: null,
});
registerFeed('site', (context) => ({
  want({ ids }) {
    const quotes = ids.map((id) => ({
      id,
      symbol: 'BTC',
      name: 'Bitcoin',
      price: 2,
      change24h: 0,
      currency: context.currency,
      updatedAt: context.clock.now(),
      source: 'site',
    }));
    queueMicrotask(() => {
      context.onQuotes(quotes);
      context.onStatus('live');
    });
  },
  setActive() {},
  close() {},
}));
