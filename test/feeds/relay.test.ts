import { expect, fixture as render, fixtureCleanup, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/define.js';
import { configure } from '../../src/index.js';
import { systemClock } from '../../src/core/clock.js';
import type { CoinList } from '../../src/elements/coin-list.js';
import type { Feed, FeedContext } from '../../src/core/feed.js';
import { relay } from '../../src/feeds/relay.js';
import { ElementEvents, PageLog } from '../helpers/page.js';
import { Pulse, SocketSpy } from '../helpers/sockets.js';

// `feed="relay"` against a real coin-ticker-relay (web-test-runner.config.mjs) in front of the market simulator, over
// real sockets and HTTP on 127.0.0.1. No msw in this file: its worker patches WebSocket.

interface RelayUrls {
  url: string;
  /** The same relay behind a front that refuses socket upgrades. */
  blocked: string;
  /** A relay serving only bitcoin and ethereum, and so no top lists. */
  allowlisted: string;
}

const COINS = ['bitcoin', 'ethereum', 'pirate-chain'];
/** Coins no exchange lists: the relay prices them from CoinGecko alone, and no test moves them. */
const STILL = ['pirate-chain', 'ark'];
const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

const price = (el: Element, coin: string) =>
  el.shadowRoot!.querySelector(`[data-coin="${coin}"] [part~="price"]`)?.textContent?.trim();
const status = (el: Element) => el.shadowRoot!.querySelector('[part~="status"]')?.textContent?.replace(/\s+/g, ' ');

/** The relay's own answer for the coins, as its snapshot gives it: what the list must show. */
async function snapshot(base: string, coins: string[]): Promise<Map<string, number>> {
  // Not from the browser's cache: the relay lets any cache keep an answer for 5 s.
  const url = `${base}/api/v3/coins/markets?vs_currency=usd&ids=${coins}`;
  const items = await (await fetch(url, { cache: 'no-store' })).json();
  return new Map(items.map((item: { id: string; current_price: number }) => [item.id, item.current_price]));
}

describe('feed="relay"', () => {
  let urls: RelayUrls;
  let spy: SocketSpy;
  let pulse: Pulse;

  before(async () => {
    urls = await executeServerCommand<RelayUrls, undefined>('relay');
  });

  beforeEach(() => {
    pulse = new Pulse();
    spy = new SocketSpy(pulse);
    configure({ clock: systemClock, storage: null, fetch: undefined, WebSocket: spy.WebSocket, locale: 'en-US' });
  });

  afterEach(() => fixtureCleanup());

  /** A list on the relay, its events watched from before it connects. */
  async function list(endpoint?: string, coins = COINS) {
    const el = document.createElement('coin-list');
    const events = new ElementEvents(el, pulse);
    if (endpoint) el.setAttribute('endpoint', endpoint);
    el.setAttribute('feed', 'relay');
    el.setAttribute('coins', coins.join(','));
    await render<CoinList>(el);
    return { el, events };
  }

  /** The last price the relay sent over the socket for each coin. */
  const sent = () => {
    const prices = new Map<string, number>();
    for (const m of spy.sockets.flatMap((socket) => socket.received) as { quotes?: { id: string; price: number }[] }[])
      for (const quote of m.quotes ?? []) prices.set(quote.id, quote.price);
    return prices;
  };

  /** Waits until every coin shows the price `expected()` gives for it. */
  const shown = (el: CoinList, expected: () => Map<string, number>, what: string, coins = COINS) =>
    pulse.until(() => {
      const prices = expected();
      return coins.every((id) => prices.has(id) && price(el, id) === usd.format(prices.get(id)!));
    }, what);

  it("renders the relay's prices over one socket, and its upstream's ticks as they come", async function () {
    this.timeout(20_000);
    const { el } = await list(urls.url);
    await shown(el, sent, 'the prices the relay sent');
    expect(spy.sockets.length).to.equal(1);
    expect(spy.last.url).to.equal(`${urls.url.replace(/^http/, 'ws')}/stream`);
    expect(spy.last.sent).to.deep.equal([{ type: 'subscribe', currency: 'usd', coins: COINS, sparkline: false }]);
    const types = spy.last.received.map((m) => (m as { type: string }).type);
    expect(types.slice(0, 1)).to.deep.equal(['snapshot']);
    // Kraken ticks live through the relay: the list credits it.
    await pulse.until(() => /live from Kraken/.test(status(el) ?? ''), 'the credit for live ticks');

    const before = sent().get('bitcoin');
    await executeServerCommand('relay-tick', { id: 'bitcoin' });
    await pulse.until(() => sent().get('bitcoin') !== before, 'the tick, through the relay');
    await shown(el, sent, 'the new price');
    await expect(el).to.be.accessible();
  });

  it('survives a relay restart: reconnects, subscribes again, and keeps ticking', async function () {
    this.timeout(20_000);
    const { el } = await list(urls.url);
    await shown(el, sent, 'the prices the relay sent');
    const first = spy.last;
    await executeServerCommand('relay-restart');
    await pulse.until(() => first.ended, 'the old socket to close');
    await pulse.until(
      () => spy.last !== first && spy.last.readyState === WebSocket.OPEN && spy.last.received.length > 0,
      'a new socket, answered',
    );
    expect(spy.last.sent).to.deep.equal([{ type: 'subscribe', currency: 'usd', coins: COINS, sparkline: false }]);
    // Prices stayed on screen throughout.
    expect(COINS.every((id) => price(el, id)?.startsWith('$'))).to.equal(true);
    const before = sent().get('ethereum');
    await executeServerCommand('relay-tick', { id: 'ethereum' });
    await pulse.until(() => sent().get('ethereum') !== before, 'a tick through the new relay');
    await shown(el, sent, 'the new price');
  });

  it('falls back to polling the snapshot when sockets are refused', async function () {
    this.timeout(20_000);
    const { el, events } = await list(urls.blocked, STILL);
    // These coins' prices stand still (no exchange ticks them): what the snapshot says now, the list must show.
    const expected = await snapshot(urls.url, STILL);
    await shown(el, () => expected, 'the snapshot prices', STILL);
    // Every socket tried was refused; the prices came over HTTP.
    expect(spy.sockets.length).to.be.at.least(2);
    expect(spy.sockets.every((socket) => socket.received.length === 0)).to.equal(true);
    const answers = performance
      .getEntriesByType('resource')
      .filter((entry) => entry.name.startsWith(`${urls.blocked}/api/v3/coins/markets`));
    expect(answers.length).to.be.at.least(1);
    expect(events.status).to.equal('live');
    expect(status(el)).to.match(/^ ?Data: CoinGecko/);
  });

  it("names the relay, not CoinGecko, when the relay's snapshot refuses a currency", async function () {
    this.timeout(20_000);
    const log = new PageLog();
    try {
      const el = document.createElement('coin-list');
      const events = new ElementEvents(el, pulse);
      Object.assign(el, { feed: 'relay', endpoint: urls.blocked, coins: 'bitcoin', currency: 'gbp' });
      await render<CoinList>(el);
      await pulse.until(() => events.status === 'error', 'the error');
      // The relay serves usd and eur (web-test-runner.config.mjs); its snapshot answers CoinGecko's 400.
      expect(log.warnings).to.deep.equal(['coin-ticker: The relay does not quote "gbp".']);
      expect(status(el)).to.include('relay does not quote "gbp"');
    } finally {
      log.restore();
    }
  });

  it('leaves out a top a relay serving only its allowlist refuses, and shows the named coins', async function () {
    this.timeout(20_000);
    const log = new PageLog();
    try {
      const named = await render<CoinList>(
        html`<coin-list feed="relay" endpoint=${urls.allowlisted} coins="bitcoin" top="3"></coin-list>`,
      );
      const topOnly = await render<CoinList>(
        html`<coin-list feed="relay" endpoint=${urls.allowlisted} top="3"></coin-list>`,
      );
      const items = (el: CoinList) => [...el.shadowRoot!.querySelectorAll('[part~="item"]')];
      // No placeholders held for a ranking that will never come.
      await pulse.until(
        () => items(named).length === 1 && /^\$[\d,]+\.\d\d$/.test(price(named, 'bitcoin')!),
        'bitcoin alone',
      );
      await pulse.until(() => items(topOnly).length === 0, 'the top-only list without placeholders');
      expect(topOnly.shadowRoot!.textContent!.trim()).to.equal('No coins to show: set the coins attribute.');
      expect(log.warnings).to.deep.equal([
        'coin-ticker: The relay refused a message: This relay serves only the coins on its allowlist (--coins): no ' +
          'top lists.',
      ]);
    } finally {
      log.restore();
    }
  });

  it('says so in its place when it has no endpoint', async () => {
    const { events } = await list(undefined, ['bitcoin']);
    await pulse.until(() => events.status === 'error', 'the error');
    expect(events.statuses.at(-1)?.error?.kind).to.equal('request');
    expect(spy.sockets).to.have.length(0);
  });

  describe('top, through the feed itself', () => {
    /** What the feed reported, in order: its rankings and the ids of each batch of quotes. */
    let log: ['top' | 'quotes', string[]][];
    let feed: Feed;

    /** The relay feed on `endpoint`, reporting into `log`; closed after the test. */
    function open(endpoint: string) {
      log = [];
      const context: FeedContext = {
        currency: 'usd',
        endpoint,
        endpoints: {},
        interval: () => 60,
        fetch: (...args) => fetch(...args),
        WebSocket: spy.WebSocket,
        clock: systemClock,
        onQuotes: (quotes) => (log.push(['quotes', quotes.map((q) => q.id)]), pulse.beat()),
        onStatus: () => pulse.beat(),
        onUnknown: () => pulse.beat(),
        onTop: (ids) => (log.push(['top', [...ids]]), pulse.beat()),
      };
      return (feed = relay(context));
    }

    afterEach(() => feed?.close());

    const tops = () => log.filter(([kind]) => kind === 'top').map(([, ids]) => ids);
    const quoted = () => new Set(log.flatMap(([kind, ids]) => (kind === 'quotes' ? ids : [])));
    /** The relay's own top N, from its snapshot (no socket needed): what the feed must report. */
    const ranking = async (n: number) => {
      const url = `${urls.url}/api/v3/coins/markets?vs_currency=usd&order=market_cap_desc&per_page=${n}`;
      const items = await (await fetch(url, { cache: 'no-store' })).json();
      return items.map((item: { id: string }) => item.id) as string[];
    };

    it('asks for the top, reports the ranking before the ranked coins’ quotes, and follows a change of top', async function () {
      this.timeout(20_000);
      expect(open(urls.url).ranks).to.equal(true);
      feed.want({ ids: ['pirate-chain'], top: 5 });
      const five = await ranking(5);
      await pulse.until(() => tops().length > 0 && five.every((id) => quoted().has(id)), 'the ranking and its quotes');
      expect(tops()[0]).to.deep.equal(five);
      const first = log.findIndex(([kind, ids]) => kind === 'quotes' && ids.some((id) => five.includes(id)));
      expect(log.findIndex(([kind]) => kind === 'top')).to.be.below(first);
      expect(spy.last.sent[0]).to.deep.equal({
        type: 'subscribe',
        currency: 'usd',
        coins: ['pirate-chain'],
        sparkline: false,
        top: 5,
      });

      // A change of top alone is a change: the relay is asked for the new one, and answers with its ranking.
      feed.want({ ids: ['pirate-chain'], top: 3 });
      await pulse.until(() => tops().at(-1)?.length === 3, 'the ranking for 3');
      expect(tops().at(-1)).to.deep.equal(five.slice(0, 3));
      expect(spy.last.sent[1]).to.deep.equal({
        type: 'subscribe',
        currency: 'usd',
        coins: [],
        sparkline: false,
        top: 3,
      });
      feed.want({ ids: ['pirate-chain'] });
      await pulse.until(() => spy.last.sent.length === 3, 'the top let go');
      expect(spy.last.sent[2]).to.deep.equal({ type: 'unsubscribe', currency: 'usd', coins: [], top: true });
    });

    it('subscribes to its top again after a relay restart', async function () {
      this.timeout(20_000);
      open(urls.url).want({ ids: [], top: 4 });
      await pulse.until(() => tops().length === 1, 'the ranking');
      const first = spy.last;
      await executeServerCommand('relay-restart');
      const ranked = () => spy.last.received.some((m) => (m as { type: string }).type === 'top');
      await pulse.until(() => first.ended && spy.last !== first && ranked(), 'the new relay’s ranking');
      expect(spy.last.sent).to.deep.equal([
        { type: 'subscribe', currency: 'usd', coins: [], sparkline: false, top: 4 },
      ]);
      expect(tops().at(-1)).to.deep.equal(await ranking(4));
    });

    it('ranks through the snapshot when sockets are refused', async function () {
      this.timeout(20_000);
      open(urls.blocked).want({ ids: [], top: 4 });
      await pulse.until(() => tops().length === 1, 'the ranking, polled');
      expect(tops()[0]).to.deep.equal(await ranking(4));
      expect(spy.sockets.every((socket) => socket.received.length === 0)).to.equal(true);
      const asked = performance
        .getEntriesByType('resource')
        .filter((entry) => entry.name.startsWith(`${urls.blocked}/api/v3/coins/markets`))
        .map((entry) => new URL(entry.name).searchParams);
      expect(asked.some((params) => params.get('per_page') === '4' && !params.has('ids'))).to.equal(true);
    });
  });
});
