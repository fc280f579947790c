import { expect, fixture as render, html, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import type { CoinCard } from '../../src/elements/coin-card.js';
import type { CoinList } from '../../src/elements/coin-list.js';
import type { CoinTable } from '../../src/elements/coin-table.js';
import type { CoinStatusEvent } from '../../src/index.js';
import { FakeClock } from '../helpers/clock.js';
import { ENDPOINT, MarketsServer, marketItems, startWorker, type MarketItem } from '../helpers/coingecko.js';
import { PageLog, spokenText, testSettings } from '../helpers/page.js';

// What a hostile or broken source sends, and what the page does with it (issue 18): each case here once got through.

const part = (el: Element, name: string, coin?: string) =>
  el.shadowRoot!.querySelector(`${coin ? `[data-coin="${coin}"] ` : ''}[part~="${name}"]`);
const text = (el: Element, name: string, coin?: string) =>
  part(el, name, coin)?.textContent?.replace(/\s+/g, ' ').trim();
const range = (el: Element) => [...part(el, 'range')!.querySelectorAll('dd')].map((dd) => dd.textContent);

const bitcoin = (fields: Partial<MarketItem> = {}) =>
  marketItems([{ id: 'bitcoin', current_price: 113422.41, price_change_percentage_24h: 0.1, ...fields }]);

describe('hostile feed data', () => {
  let clock: FakeClock;
  let server: MarketsServer;
  let log: PageLog;

  before(startWorker);

  beforeEach(async () => {
    clock = new FakeClock();
    testSettings(clock);
    log = new PageLog();
    server = new MarketsServer(await bitcoin({ high_24h: 114000, low_24h: 112000 }));
  });

  afterEach(() => log.restore());

  /** The next poll's answer, once the element has rendered it. */
  async function poll(el: Element, items: MarketItem[]) {
    server.setItems(items);
    const updated = oneEvent(el, 'coin-update');
    clock.advance(60_000);
    await updated;
  }

  it('never shows a negative 24 h range: a dash until a good one, then the last good one, marked', async () => {
    server.setItems(await bitcoin({ high_24h: -113422.41, low_24h: -114000 }));
    const el = await render<CoinCard>(
      html`<coin-card feed="coingecko" coin="bitcoin" endpoint=${ENDPOINT}></coin-card>`,
    );
    await oneEvent(el, 'coin-update');
    expect(text(el, 'price')).to.equal('$113,422.41');
    expect(range(el)).to.deep.equal(['—', '—']);
    expect(part(el, 'range')!.classList.contains('old')).to.equal(false);

    await poll(el, await bitcoin({ current_price: 113500, high_24h: 114000, low_24h: 112000 }));
    expect(range(el)).to.deep.equal(['$112,000.00', '$114,000.00']);

    // A high below the low, then a negative low: either way one of them is wrong, and the last good pair stays.
    await poll(el, await bitcoin({ current_price: 113600, high_24h: 100, low_24h: 112000 }));
    expect(range(el)).to.deep.equal(['$112,000.00', '$114,000.00']);
    expect(part(el, 'range')!.classList.contains('old')).to.equal(true);
    expect(spokenText(part(el, 'item')!), 'the range said to be old').to.match(/\$114,000\.00 \(not current\)/);
    // A negative low alone: the high is news, the low the last good one.
    await poll(el, await bitcoin({ current_price: 113700, high_24h: 115000, low_24h: -1 }));
    expect(range(el)).to.deep.equal(['$112,000.00', '$115,000.00']);
    expect(part(el, 'range')!.classList.contains('old')).to.equal(true);
    expect(text(el, 'price')).to.equal('$113,700.00');
    expect(part(el, 'item')!.classList.contains('stale'), 'the price is current').to.equal(false);

    await poll(el, await bitcoin({ current_price: 113800, high_24h: 115000, low_24h: 112500 }));
    expect(range(el)).to.deep.equal(['$112,500.00', '$115,000.00']);
    expect(part(el, 'range')!.classList.contains('old')).to.equal(false);
    expect(spokenText(part(el, 'item')!)).not.to.include('not current');
    expect(el.shadowRoot!.textContent).not.to.match(/-\$|NaN|undefined|Infinity/);
    // Each field named once, however often it came bad.
    expect(log.warnings).to.deep.equal([
      'coin-ticker: Feed coingecko sent an unusable high24h; keeping the last good value.',
      'coin-ticker: Feed coingecko sent an unusable low24h; keeping the last good value.',
    ]);
  });

  it('says a value kept from an older answer is not current, to the eye and to screen readers', async () => {
    server.setItems(
      await bitcoin({
        price_change_percentage_7d_in_currency: 4.25,
        total_volume: 3.2e10,
        sparkline_in_7d: { price: [110000, 112000, 113422.41] },
      }),
    );
    const el = await render<CoinTable>(
      html`<coin-table feed="coingecko" coins="bitcoin" columns="price,change-7d,volume,sparkline" endpoint=${ENDPOINT}></coin-table>`,
    );
    await oneEvent(el, 'coin-update');
    const row = part(el, 'item')!;
    const chart = () => part(el, 'sparkline')!.getAttribute('aria-label');
    expect(spokenText(row)).not.to.include('not current');
    expect(chart()).to.equal('7-day trend: up 3.11%');

    // A 7-day change that is no number, a negative volume, a negative point in the chart: each keeps its last good value.
    await poll(
      el,
      await bitcoin({
        current_price: 113500,
        price_change_percentage_7d_in_currency: 'up',
        total_volume: -5,
        sparkline_in_7d: { price: [110000, -1, 113500] },
      }),
    );
    expect(text(el, 'price')).to.equal('$113,500.00');
    expect(spokenText(row)).to.match(/up 4\.25% \(not current\) ?\$32B \(not current\)$/);
    expect(row.querySelectorAll('.old').length, 'change, volume and chart marked on screen').to.equal(3);
    expect(chart()).to.equal('7-day trend: up 3.11% (not current)');

    await poll(
      el,
      await bitcoin({
        current_price: 113600,
        price_change_percentage_7d_in_currency: 4.5,
        total_volume: 3.3e10,
        sparkline_in_7d: { price: [110000, 113600] },
      }),
    );
    expect(spokenText(row)).not.to.include('not current');
    expect(row.querySelectorAll('.old').length).to.equal(0);
  });

  it('cuts a megabyte name to 64 clean characters, and its row to the height of any 64-character name', async () => {
    const longest = 'Bitcoin'.repeat(10).slice(0, 64);
    const flood = `\u202e${'Bitcoin\u0000\u200b'.repeat(120_000)}`;
    server.setItems(
      await marketItems([
        {
          id: 'bitcoin',
          name: flood,
          symbol: `\u2066btc${'x'.repeat(1000)}`,
          current_price: 1,
          price_change_percentage_24h: 0,
        },
        // The longest name a source may give, cleanly: the flood may cost no more room than this.
        { id: 'ethereum', name: longest, symbol: 'eth', current_price: 2, price_change_percentage_24h: 0 },
      ]),
    );
    const el = await render<CoinList>(
      html`<coin-list feed="coingecko" coins="bitcoin,ethereum" endpoint=${ENDPOINT} style="width: 20em"></coin-list>`,
    );
    await oneEvent(el, 'coin-update');
    const name = text(el, 'name', 'bitcoin')!;
    // Its length first: a failure should not print a megabyte.
    expect(name.length).to.equal(64);
    expect(name).to.equal(longest);
    expect(text(el, 'symbol', 'bitcoin')).to.equal(`BTC${'X'.repeat(13)}`);
    const [btc, eth] = ['bitcoin', 'ethereum'].map(
      (id) => el.shadowRoot!.querySelector(`[data-coin="${id}"]`)!.getBoundingClientRect().height,
    );
    expect(btc).to.equal(eth);
    expect(el.getBoundingClientRect().height).to.be.below(400);
  });

  describe('settings that can never work', () => {
    /** A list with these attributes, once it has said what is wrong. */
    async function list(attributes: Record<string, string>) {
      const el = document.createElement('coin-list') as CoinList;
      el.setAttribute('coins', 'bitcoin');
      for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
      const failed = oneEvent(el, 'coin-status');
      document.body.append(el);
      expect(((await failed) as unknown as CoinStatusEvent).status).to.equal('error');
      await el.updateComplete;
      return el;
    }

    /** Ten minutes on, still nothing asked and the same words: nothing was retried. */
    async function expectNoRetry(el: CoinList, words: string) {
      expect(text(el, 'status')).to.equal(words);
      clock.advance(600_000);
      await el.updateComplete;
      expect(text(el, 'status')).to.equal(words);
      expect(server.requests).to.have.length(0);
      expect(log.warnings).to.have.length(1);
      expect(text(el, 'price', 'bitcoin')).to.equal('—');
      el.remove();
    }

    it('an endpoint no request can reach', async () => {
      const el = await list({ feed: 'coingecko', endpoint: 'javascript:alert(1)' });
      await expectNoRetry(el, 'endpoint "javascript:alert(1)" is not an http(s) or ws(s) address');
      expect(log.warnings[0]).to.equal(
        'coin-ticker: Endpoint "javascript:alert(1)" is not an http(s) or ws(s) URL; nothing is requested until it is fixed.',
      );
    });

    it('a feed name that names no feed, even one every object has', async () => {
      const el = await list({ feed: '__proto__' });
      await expectNoRetry(
        el,
        'feed "__proto__" is not a feed; use auto, coingecko, kraken, coinbase, binance, json, relay',
      );
      expect(log.warnings[0]).to.equal(
        'coin-ticker: Feed "__proto__" is not a feed: call registerFeed("__proto__", factory), or use a registered one.',
      );
    });

    it('an API key no request header can carry', async () => {
      const el = await list({ feed: 'coingecko', endpoint: ENDPOINT, 'api-key': 'CG-abc\ndef' });
      await expectNoRetry(el, 'api-key has a character no request can carry');
      expect(log.warnings[0]).to.match(/API key has a character no request header can carry/);
      expect(spokenText(el.shadowRoot!)).to.contain('api-key has a character no request can carry');
    });

    it('but takes a relative endpoint as the page would resolve it', async () => {
      const el = await render<CoinList>(
        html`<coin-list
          feed="json"
          coins="bitcoin"
          endpoint="/test/fixtures/feeds/coingecko/simple_price.docs_example.json"
        ></coin-list>`,
      );
      await oneEvent(el, 'coin-update');
      expect(text(el, 'price', 'bitcoin')).to.match(/^\$[\d,]+\.\d\d$/);
      expect(log.warnings).to.deep.equal([]);
    });
  });
});
