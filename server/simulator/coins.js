// @ts-check
/**
 * The simulated coins: CoinGecko ids and names, starting USD prices and supplies close to the real market of
 * September 2025, so the demo looks like the real sidebar. The first eleven are the sidebar's coins; the first
 * prices listed in the design (Bitcoin $113,422.41, Ethereum $4,157.53, Monero $291.83, Pirate Chain $0.21) are exact.
 *
 * `vol` is the daily volatility of the random walk (0.025 = 2.5 % a day); `volume` the 24 h volume in USD.
 * ATH/ATL figures are approximate and only there so every CoinGecko field has a plausible value.
 */

/**
 * @typedef {object} CoinSpec
 * @property {string} id CoinGecko id.
 * @property {string} symbol Upper-case ticker.
 * @property {string} name
 * @property {number} price Starting price in USD.
 * @property {number} vol Daily volatility (fraction).
 * @property {number} volume 24 h volume in USD.
 * @property {number} circulating
 * @property {number | null} total
 * @property {number | null} max
 * @property {number} ath
 * @property {string} athDate
 * @property {number} atl
 * @property {string} atlDate
 * @property {string} color Logo background.
 * @property {string} [mark] Logo text when not the symbol's first letter.
 */

/** @type {readonly CoinSpec[]} */
export const COINS = Object.freeze([
  { id: 'bitcoin', symbol: 'BTC', name: 'Bitcoin', price: 113422.41, vol: 0.025, volume: 38.2e9,
    circulating: 19_920_000, total: 19_920_000, max: 21_000_000,
    ath: 124128, athDate: '2025-08-14T00:37:02.582Z', atl: 67.81, atlDate: '2013-07-06T00:00:00.000Z', color: '#f7931a' },
  { id: 'ethereum', symbol: 'ETH', name: 'Ethereum', price: 4157.53, vol: 0.035, volume: 27.9e9,
    circulating: 120_700_000, total: 120_700_000, max: null,
    ath: 4946.05, athDate: '2025-08-24T19:21:03.333Z', atl: 0.432979, atlDate: '2015-10-20T00:00:00.000Z',
    color: '#627eea', mark: 'Ξ' },
  { id: 'neo', symbol: 'NEO', name: 'NEO', price: 6.2, vol: 0.05, volume: 24.5e6,
    circulating: 70_540_000, total: 100_000_000, max: 100_000_000,
    ath: 198.38, athDate: '2018-01-15T00:00:00.000Z', atl: 0.078349, atlDate: '2016-10-21T00:00:00.000Z', color: '#58bf00' },
  { id: 'waves', symbol: 'WAVES', name: 'Waves', price: 1.05, vol: 0.05, volume: 18.3e6,
    circulating: 119_600_000, total: 119_600_000, max: null,
    ath: 61.3, athDate: '2022-03-31T13:54:12.181Z', atl: 0.123718, atlDate: '2016-11-12T00:00:00.000Z', color: '#0055ff' },
  { id: 'monero', symbol: 'XMR', name: 'Monero', price: 291.83, vol: 0.035, volume: 91.4e6,
    circulating: 18_450_000, total: 18_450_000, max: null,
    ath: 517.62, athDate: '2018-01-09T00:00:00.000Z', atl: 0.216177, atlDate: '2015-01-14T00:00:00.000Z', color: '#ff6600' },
  { id: 'nano', symbol: 'XNO', name: 'Nano', price: 0.95, vol: 0.05, volume: 1.24e6,
    circulating: 133_248_297, total: 133_248_297, max: 133_248_297,
    ath: 33.69, athDate: '2018-01-02T00:00:00.000Z', atl: 0.02617, atlDate: '2017-07-11T00:00:00.000Z', color: '#209ce9' },
  { id: 'ark', symbol: 'ARK', name: 'ARK', price: 0.42, vol: 0.05, volume: 19.8e6,
    circulating: 188_200_000, total: 188_200_000, max: null,
    ath: 10.22, athDate: '2018-01-09T00:00:00.000Z', atl: 0.035708, atlDate: '2017-03-08T00:00:00.000Z', color: '#c9292c' },
  { id: 'pirate-chain', symbol: 'ARRR', name: 'Pirate Chain', price: 0.21, vol: 0.05, volume: 0.31e6,
    circulating: 196_200_000, total: 196_200_000, max: 200_000_000,
    ath: 16.76, athDate: '2021-05-12T00:00:00.000Z', atl: 0.014153, atlDate: '2019-08-23T00:00:00.000Z', color: '#a07a2c' },
  { id: 'dogecoin', symbol: 'DOGE', name: 'Dogecoin', price: 0.2134, vol: 0.05, volume: 2.1e9,
    circulating: 150_600_000_000, total: 150_600_000_000, max: null,
    ath: 0.731578, athDate: '2021-05-08T05:08:23.458Z', atl: 0.0000869, atlDate: '2015-05-06T00:00:00.000Z', color: '#c2a633' },
  { id: 'litecoin', symbol: 'LTC', name: 'Litecoin', price: 110.23, vol: 0.04, volume: 552e6,
    circulating: 76_270_000, total: 84_000_000, max: 84_000_000,
    ath: 410.26, athDate: '2021-05-10T03:13:07.904Z', atl: 1.15, atlDate: '2015-01-14T00:00:00.000Z', color: '#345d9d' },
  { id: 'cardano', symbol: 'ADA', name: 'Cardano', price: 0.8012, vol: 0.045, volume: 1.1e9,
    circulating: 36_500_000_000, total: 45_000_000_000, max: 45_000_000_000,
    ath: 3.09, athDate: '2021-09-02T06:00:10.474Z', atl: 0.01925275, atlDate: '2020-03-13T02:22:55.044Z', color: '#0033ad' },
  { id: 'tether', symbol: 'USDT', name: 'Tether', price: 1.0001, vol: 0.0005, volume: 85.3e9,
    circulating: 169_500_000_000, total: 169_500_000_000, max: null,
    ath: 1.32, athDate: '2018-07-24T00:00:00.000Z', atl: 0.572521, atlDate: '2015-03-02T00:00:00.000Z', color: '#26a17b' },
  { id: 'ripple', symbol: 'XRP', name: 'XRP', price: 2.98, vol: 0.045, volume: 4.5e9,
    circulating: 59_700_000_000, total: 99_986_000_000, max: 100_000_000_000,
    ath: 3.65, athDate: '2025-07-18T03:40:53.808Z', atl: 0.00268621, atlDate: '2014-05-22T00:00:00.000Z', color: '#23292f' },
  { id: 'binancecoin', symbol: 'BNB', name: 'BNB', price: 872.4, vol: 0.03, volume: 1.8e9,
    circulating: 139_200_000, total: 139_200_000, max: 200_000_000,
    ath: 899.88, athDate: '2025-08-23T06:31:12.016Z', atl: 0.0398177, atlDate: '2017-10-19T00:00:00.000Z', color: '#f3ba2f' },
  { id: 'solana', symbol: 'SOL', name: 'Solana', price: 209.87, vol: 0.045, volume: 6.2e9,
    circulating: 542_000_000, total: 608_000_000, max: null,
    ath: 293.31, athDate: '2025-01-19T11:15:27.957Z', atl: 0.500801, atlDate: '2020-05-11T19:35:23.449Z', color: '#9945ff' },
  { id: 'usd-coin', symbol: 'USDC', name: 'USDC', price: 0.9998, vol: 0.0005, volume: 9.5e9,
    circulating: 72_800_000_000, total: 72_800_000_000, max: null,
    ath: 1.17, athDate: '2019-05-08T00:40:28.300Z', atl: 0.877647, atlDate: '2023-03-11T08:02:13.981Z', color: '#2775ca' },
  { id: 'tron', symbol: 'TRX', name: 'TRON', price: 0.3351, vol: 0.03, volume: 612e6,
    circulating: 94_680_000_000, total: 94_680_000_000, max: null,
    ath: 0.431288, athDate: '2024-12-04T00:00:00.000Z', atl: 0.00180434, atlDate: '2017-11-12T00:00:00.000Z', color: '#ff060a' },
  { id: 'chainlink', symbol: 'LINK', name: 'Chainlink', price: 21.64, vol: 0.045, volume: 903e6,
    circulating: 678_100_000, total: 1_000_000_000, max: 1_000_000_000,
    ath: 52.7, athDate: '2021-05-10T00:13:57.214Z', atl: 0.148183, atlDate: '2017-11-29T00:00:00.000Z', color: '#2a5ada' },
  { id: 'polkadot', symbol: 'DOT', name: 'Polkadot', price: 4.05, vol: 0.045, volume: 301e6,
    circulating: 1_522_000_000, total: 1_522_000_000, max: null,
    ath: 54.98, athDate: '2021-11-04T14:10:09.301Z', atl: 2.7, atlDate: '2020-08-20T00:00:00.000Z', color: '#e6007a' },
  { id: 'avalanche-2', symbol: 'AVAX', name: 'Avalanche', price: 29.81, vol: 0.05, volume: 748e6,
    circulating: 422_300_000, total: 458_000_000, max: 720_000_000,
    ath: 144.96, athDate: '2021-11-21T14:18:56.538Z', atl: 2.8, atlDate: '2020-12-31T13:15:21.540Z', color: '#e84142' },
  { id: 'shiba-inu', symbol: 'SHIB', name: 'Shiba Inu', price: 0.0000123, vol: 0.06, volume: 248e6,
    circulating: 589_250_000_000_000, total: 589_500_000_000_000, max: null,
    ath: 0.00008616, athDate: '2021-10-28T03:54:55.568Z', atl: 5.6366e-11, atlDate: '2020-11-28T11:26:25.838Z', color: '#ffa409' },
  { id: 'pepe', symbol: 'PEPE', name: 'Pepe', price: 0.0000095, vol: 0.06, volume: 601e6,
    circulating: 420_690_000_000_000, total: 420_690_000_000_000, max: 420_690_000_000_000,
    ath: 0.00002803, athDate: '2024-12-09T01:10:37.156Z', atl: 5.5142e-8, atlDate: '2023-04-18T02:14:41.591Z', color: '#4c9540' },
]);

/**
 * USD → fiat rates, fixed: the simulator models coin prices, not FX. CoinGecko quotes any of these as `vs_currency`.
 * @type {Readonly<Record<string, number>>}
 */
export const FIAT_RATES = Object.freeze({
  usd: 1,
  eur: 0.8537,
  gbp: 0.7391,
  jpy: 147.62,
  chf: 0.7958,
  cad: 1.3831,
  aud: 1.5167,
});

/** Crypto quote currencies and the coin whose price defines them (`vs_currency=btc` → prices in bitcoin). */
export const CRYPTO_QUOTES = Object.freeze(/** @type {Record<string, string>} */ ({ btc: 'bitcoin', eth: 'ethereum' }));
