// Data only, and no imports: the market simulator reads it from the build to list the same pairs.

/**
 * The top coins by market cap, with the exchanges that list them: `k` Kraken (USD, EUR), `c` Coinbase (USD, EUR),
 * `b` Binance (USDT), and the name when it is not the id capitalised. A coin not here is reported as not listed,
 * never guessed from its symbol.
 */
export const LISTINGS: Record<string, [symbol: string, exchanges: string, name?: string]> = {
  bitcoin: ['BTC', 'kcb'],
  ethereum: ['ETH', 'kcb'],
  ripple: ['XRP', 'kcb', 'XRP'],
  binancecoin: ['BNB', 'b', 'BNB'],
  solana: ['SOL', 'kcb'],
  dogecoin: ['DOGE', 'kcb'],
  cardano: ['ADA', 'kcb'],
  tron: ['TRX', 'kb', 'TRON'],
  chainlink: ['LINK', 'kcb'],
  'avalanche-2': ['AVAX', 'kcb', 'Avalanche'],
  'shiba-inu': ['SHIB', 'kcb', 'Shiba Inu'],
  polkadot: ['DOT', 'kcb'],
  litecoin: ['LTC', 'kcb'],
  pepe: ['PEPE', 'kb'],
  monero: ['XMR', 'k'],
  neo: ['NEO', 'b', 'NEO'],
  nano: ['XNO', 'kb'],
  waves: ['WAVES', 'k'],
};
