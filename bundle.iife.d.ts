// `coin-ticker/bundle.iife` is a classic script: it exports nothing, and sets `window.CoinTicker` to the package's API.
declare global {
  var CoinTicker: typeof import('./dist/npm/index.js');
}
export {};
