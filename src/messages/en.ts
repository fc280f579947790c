/**
 * Every word the elements show or speak, in English: the table every other language translates key for key, and
 * the one used where a language has none. A message with parameters is a function of them.
 */
export const en = {
  prices: 'Cryptocurrency prices',
  tape: 'Price tape',
  /** Names the group of buttons that switch the prices' currency. */
  currencySwitch: 'Currency',
  /** The tape's pause button shows `pause`; a screen reader hears `pause`, a space, then `pauseWhat`. */
  pause: 'Pause',
  pauseWhat: 'the price tape',
  noCoins: 'No coins to show: set the coins attribute.',
  noCoin: 'No coin to show: set the coin attribute.',
  /** `coin` is the coin's id as the page wrote it ("bitcoin"): its name is not known yet. */
  loading: (coin: string) => `Loading ${coin}`,
  /** Spoken before a change's figure ("up 0.10%"): its arrow and colour are for the eye only. */
  up: 'up',
  down: 'down',
  flat: 'unchanged',
  /** Spoken after a price that is no longer current, in parentheses. */
  notCurrent: 'not current',
  live: 'live',
  /** The attribution: "Data: CoinGecko · live from Kraken". */
  data: 'Data:',
  liveFrom: (source: string) => `live from ${source}`,
  /** `age` is `Intl.RelativeTimeFormat`'s, in this table's language: "3 minutes ago". */
  updated: (age: string) => `Last updated ${age}`,
  low: '24 h low',
  high: '24 h high',
  /** `change` is a direction and figure ("up 5.20%"), or `noTrend`. */
  trend: (change: string) => `7-day trend: ${change}`,
  noTrend: 'not available',
  /** `<coin-table>`'s column headers, by column name; `rank` is spoken, `#` shown. */
  rank: 'Rank',
  coin: 'Coin',
  price: 'Price',
  'change-24h': '24 h %',
  'change-7d': '7 d %',
  'market-cap': 'Market cap',
  volume: 'Volume (24 h)',
  sparkline: 'Last 7 days',
  /** Spoken when a reader sorts the table: `column` is one of the headers above, `order` one of the two below. */
  sorted: (column: string, order: string) => `Sorted by ${column}, ${order}`,
  ascending: 'ascending',
  descending: 'descending',
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
  /** `feeds` lists the page's feeds ("auto, coingecko, kraken"), or is empty when it has none. */
  feed: (name: string, feeds: string) => `feed "${name}" is not a feed${feeds && `; use ${feeds}`}`,
  endpoint: (endpoint: string) => `endpoint "${endpoint}" is not an http(s) or ws(s) address`,
  'api-key': 'api-key has a character no request can carry',
  retrying: 'retrying',
  retryIn: (seconds: number) => `retrying in ${seconds} s`,
};

export type Messages = typeof en;
