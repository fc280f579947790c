import { expect, fixture as render, html, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import { registerFeed, type CoinUpdateEvent, type FeedContext } from '../../src/index.js';
import type { CoinList } from '../../src/elements/coin-list.js';
import type { CoinTable } from '../../src/elements/coin-table.js';
import type { CoinTicker } from '../../src/elements/coin-ticker.js';
import { ENDPOINT, marketItems, marketsSuite, type MarketItem } from '../helpers/coingecko.js';

/** Thirteen coins as CoinGecko lists them, out of market-cap order, so only a ranking request can order them. */
const COINS: Array<[id: string, symbol: string, name: string, price: number, cap: number]> = [
  ['litecoin', 'ltc', 'Litecoin', 104.2, 7.9e9],
  ['bitcoin', 'btc', 'Bitcoin', 113422.41, 2.25e12],
  ['monero', 'xmr', 'Monero', 291.83, 5.4e9],
  ['solana', 'sol', 'Solana', 209.75, 1.13e11],
  ['ethereum', 'eth', 'Ethereum', 4157.53, 5.02e11],
  ['dogecoin', 'doge', 'Dogecoin', 0.2461, 3.7e10],
  ['tether', 'usdt', 'Tether', 1.0, 1.72e11],
  ['cardano', 'ada', 'Cardano', 0.8312, 3.0e10],
  ['ripple', 'xrp', 'XRP', 2.95, 1.76e11],
  ['binancecoin', 'bnb', 'BNB', 872.1, 1.21e11],
  ['tron', 'trx', 'TRON', 0.3401, 3.2e10],
  ['usd-coin', 'usdc', 'USDC', 0.9998, 7.3e10],
  ['chainlink', 'link', 'Chainlink', 23.4, 1.58e10],
];

/** The items, each with the market cap given (or the table's), ranked as CoinGecko ranks them: by market cap. */
async function items(caps: Record<string, number> = {}): Promise<MarketItem[]> {
  const coins = COINS.map(([id, symbol, name, price, cap]) => ({
    id,
    symbol,
    name,
    current_price: price,
    price_change_percentage_24h: 0.5,
    market_cap: caps[id] ?? cap,
  }));
  const order = coins.toSorted((a, b) => b.market_cap - a.market_cap).map((coin) => coin.id);
  return marketItems(coins.map((coin) => ({ ...coin, market_cap_rank: order.indexOf(coin.id) + 1 })));
}

/** The ids CoinGecko's market-cap order puts first. */
const ranked = (list: MarketItem[], n: number) =>
  list
    .toSorted((a, b) => Number(b.market_cap) - Number(a.market_cap))
    .slice(0, n)
    .map((item) => item.id);

const rows = (el: Element) =>
  [...el.shadowRoot!.querySelectorAll('ul:not([aria-hidden]) [part~="item"], tbody [part~="item"]')].map((row) =>
    row.getAttribute('data-coin'),
  );
const updated = (el: HTMLElement) => oneEvent(el, 'coin-update') as unknown as Promise<CoinUpdateEvent>;
const query = (url: URL) => Object.fromEntries(url.searchParams);

describe('top="N"', () => {
  const suite = marketsSuite(items);

  it('asks once a poll for the market-cap order and shows the top N in it, placeholders of that count until then', async () => {
    const el = await render<CoinList>(html`<coin-list feed="coingecko" top="10" endpoint=${ENDPOINT}></coin-list>`);
    expect(el.shadowRoot!.querySelectorAll('[part~="item"] .skeleton[part~="logo"]').length).to.equal(10);
    const update = await updated(el);
    const top = ranked(await items(), 10);
    expect(rows(el)).to.deep.equal(top);
    expect(update.quotes.map((q) => q.id)).to.deep.equal(top);
    expect(update.quotes.map((q) => q.rank)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(suite.server.requests.map(query)).to.deep.equal([
      { vs_currency: 'usd', order: 'market_cap_desc', per_page: '10' },
    ]);
    suite.clock.advance(60_000);
    await suite.server.request(2);
    expect(suite.server.requests.length, 'one request a poll').to.equal(2);
    await expect(el).to.be.accessible();
  });

  it('fills a table with the top N by rank, placeholders first, and sorts them as any rows', async () => {
    const el = await render<CoinTable>(
      html`<coin-table feed="coingecko" top="5" columns="price,market-cap" endpoint=${ENDPOINT}></coin-table>`,
    );
    expect(el.shadowRoot!.querySelectorAll('tbody [part~="row"]').length, 'five placeholder rows').to.equal(5);
    await updated(el);
    const top = ranked(await items(), 5);
    expect(rows(el)).to.deep.equal(top);
    const ranks = [...el.shadowRoot!.querySelectorAll('tbody [part~="rank"]')].map((cell) => cell.textContent!.trim());
    expect(ranks).to.deep.equal(['1', '2', '3', '4', '5']);
    el.sort = 'coin';
    await el.updateComplete;
    expect(rows(el), 'Bitcoin, BNB, Ethereum, Tether, XRP').to.deep.equal([
      'bitcoin',
      'binancecoin',
      'ethereum',
      'tether',
      'ripple',
    ]);
    await expect(el).to.be.accessible();
  });

  it('follows the ranking: a coin that climbs into the top takes its place at the next poll', async () => {
    const el = await render<CoinTicker>(
      html`<coin-ticker feed="coingecko" top="3" endpoint=${ENDPOINT}></coin-ticker>`,
    );
    await updated(el);
    expect(rows(el)).to.deep.equal(['bitcoin', 'ethereum', 'ripple']);
    suite.server.setItems(await items({ dogecoin: 6e11, ripple: 1e9 }));
    const next = updated(el);
    suite.clock.advance(60_000);
    await next;
    expect(rows(el)).to.deep.equal(['bitcoin', 'dogecoin', 'ethereum']);
  });

  it('shows the named coins first, then N more of the top that are not named, for two requests a poll at most', async () => {
    const el = await render<CoinList>(
      html`<coin-list feed="coingecko" coins="monero, ethereum" top="3" endpoint=${ENDPOINT}></coin-list>`,
    );
    expect(el.shadowRoot!.querySelectorAll('[part~="item"]').length, 'placeholders for named + N').to.equal(5);
    await updated(el);
    expect(rows(el)).to.deep.equal(['monero', 'ethereum', 'bitcoin', 'ripple', 'tether']);
    expect(suite.server.requests.map(query)).to.have.deep.members([
      { vs_currency: 'usd', ids: 'monero,ethereum', per_page: '250' },
      { vs_currency: 'usd', order: 'market_cap_desc', per_page: '5' },
    ]);
  });

  it('serves every element from one ranking request for the largest N, and one request for all the named coins', async () => {
    const page = await render(html`
      <div>
        <coin-list feed="coingecko" top="10" endpoint=${ENDPOINT}></coin-list>
        <coin-ticker feed="coingecko" top="12" coins="litecoin" endpoint=${ENDPOINT}></coin-ticker>
        <coin-list feed="coingecko" coins="chainlink" top="2" endpoint=${ENDPOINT}></coin-list>
      </div>
    `);
    const [small, tape, named] = [...page.children] as CoinList[];
    await Promise.all([updated(small), updated(tape), updated(named)]);
    expect(suite.server.requests.map(query)).to.have.deep.members([
      { vs_currency: 'usd', ids: 'litecoin,chainlink', per_page: '250' },
      { vs_currency: 'usd', order: 'market_cap_desc', per_page: '13' },
    ]);
    const all = await items();
    expect(rows(small)).to.deep.equal(ranked(all, 10));
    expect(rows(tape)).to.deep.equal(['litecoin', ...ranked(all, 13).filter((id) => id !== 'litecoin')].slice(0, 13));
    expect(rows(named)).to.deep.equal(['chainlink', 'bitcoin', 'ethereum']);
  });

  it('keeps polling the named coins when the ranking is refused for good, as a relay serving only its allowlist', async () => {
    // The relay's own answer to a top when it runs with --coins (server/relay/http.js).
    suite.server.refuseRanking({ error: 'This relay serves only the coins on its allowlist (--coins): no top lists.' });
    const el = await render<CoinList>(
      html`<coin-list feed="coingecko" coins="monero" top="3" endpoint=${ENDPOINT}></coin-list>`,
    );
    await updated(el);
    expect(rows(el)).to.deep.equal(['monero']);
    expect(el.shadowRoot!.querySelector('[data-coin="monero"] [part~="price"]')?.textContent?.trim()).to.equal(
      '$291.83',
    );
    expect(suite.warnings).to.deep.equal([
      'coin-ticker: CoinGecko refused the request: This relay serves only the coins on its allowlist (--coins): no ' +
        'top lists. The top coins are left out; the named ones are still shown.',
    ]);

    // The next poll asks for the named coins alone, and their news still comes.
    suite.server.setItems(
      (await items()).map((item) => (item.id === 'monero' ? { ...item, current_price: 300 } : item)),
    );
    const next = updated(el);
    suite.clock.advance(60_000);
    await next;
    expect(el.shadowRoot!.querySelector('[data-coin="monero"] [part~="price"]')?.textContent?.trim()).to.equal(
      '$300.00',
    );
    expect(suite.server.requests.slice(2).map(query)).to.deep.equal([
      { vs_currency: 'usd', ids: 'monero', per_page: '250' },
    ]);
  });

  it('names a top that is no number of coins, and caps one past 250', async () => {
    const el = await render<CoinList>(
      html`<coin-list feed="coingecko" coins="bitcoin" top="ten" endpoint=${ENDPOINT}></coin-list>`,
    );
    await updated(el);
    expect(rows(el)).to.deep.equal(['bitcoin']);
    el.top = 900;
    await suite.server.request(3);
    expect(suite.server.requests.slice(1).map(query)).to.have.deep.members([
      { vs_currency: 'usd', ids: 'bitcoin', per_page: '250' },
      { vs_currency: 'usd', order: 'market_cap_desc', per_page: '250' },
    ]);
    expect(suite.warnings).to.deep.equal([
      'coin-ticker: top "ten" is not valid (1 to 250); ignoring it.',
      'coin-ticker: top "900" is not valid (1 to 250); using "250".',
    ]);
  });

  it('on a feed that cannot rank coins, warns once and shows the named coins only', async () => {
    registerFeed('unranked', (context: FeedContext) => ({
      want({ ids }) {
        context.onQuotes(
          ids.map((id) => ({
            id,
            symbol: id.slice(0, 3),
            name: id,
            price: 2,
            change24h: 1,
            currency: context.currency,
            updatedAt: context.clock.now(),
            source: 'unranked',
          })),
        );
        context.onStatus('live');
      },
      setActive() {},
      close() {},
    }));
    const page = await render(html`
      <div>
        <coin-list feed="unranked" coins="bitcoin" top="5"></coin-list>
        <coin-list feed="unranked" coins="ethereum" top="5"></coin-list>
      </div>
    `);
    const lists = [...page.children] as CoinList[];
    await Promise.all(lists.map((el) => el.updateComplete));
    expect(lists.map(rows)).to.deep.equal([['bitcoin'], ['ethereum']]);
    expect(suite.warnings).to.deep.equal([
      'coin-ticker: Feed unranked does not rank coins: top is ignored, and only the coins named are shown.',
    ]);
  });
});
