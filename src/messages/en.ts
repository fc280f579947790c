/**
 * Every word the elements show or speak, in English: the table every other language translates key for key, and
 * the one used where a language has none. A message with parameters is a function of them.
 */
export const en = {
  prices: 'Cryptocurrency prices',
  tape: 'Price tape',
  pause: 'Pause',
  pauseWhat: 'the price tape',
  noCoins: 'No coins to show: set the coins attribute.',
  noCoin: 'No coin to show: set the coin attribute.',
  loading: (coin: string) => `Loading ${coin}`,
  up: 'up',
  down: 'down',
  flat: 'unchanged',
  notCurrent: 'not current',
  live: 'live',
  /** The attribution: "Data: CoinGecko · live from Kraken". */
  data: 'Data:',
  liveFrom: (source: string) => `live from ${source}`,
  /** `age` is `Intl.RelativeTimeFormat`'s, in this table's language: "3 minutes ago". */
  updated: (age: string) => `Last updated ${age}`,
  low: '24 h low',
  high: '24 h high',
  trend: (change: string) => `7-day trend: ${change}`,
  noTrend: 'not available',
  unknownCoin: 'Unknown coin',
  notOn: (source: string) => `Not on ${source}`,
  /** Why prices are old or missing, by `FeedError` kind. */
  'rate-limit': (source: string) => `${source} is rate-limiting`,
  network: (source: string) => `Connection to ${source} lost`,
  timeout: (source: string) => `${source} did not answer in time`,
  server: (source: string) => `${source} has a server error`,
  format: (source: string) => `${source} sent unreadable data`,
  currency: (source: string, currency: string) => `${source} does not quote "${currency}"`,
  request: (source: string) => `${source} refused the request`,
  unlisted: (source: string) => `${source} does not list these coins`,
  feed: (name: string) => `feed "${name}" is not registered`,
  retrying: 'retrying',
  retryIn: (seconds: number) => `retrying in ${seconds} s`,
};

export type Messages = typeof en;
