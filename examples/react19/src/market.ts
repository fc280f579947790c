import { configure } from 'coin-ticker';

// Prices from the offline market that `npm start` runs in the coin-ticker repository (http://localhost:8000), or from
// the one named by ?market= (the example tests start their own). Without this, the elements ask the public feeds.
const market = new URL(new URLSearchParams(location.search).get('market') ?? 'http://localhost:8000');
const sockets = market.origin.replace(/^http/, 'ws');
configure({
  endpoints: {
    coingecko: `${market.origin}/api/v3`,
    kraken: `${sockets}/kraken/v2`,
    coinbase: `${sockets}/coinbase`,
    binance: `${sockets}/binance`,
  },
});
