import { expect, fixture as render, fixtureCleanup, html } from '@open-wc/testing';
import '../../src/define.js';
import { configure, type Quote } from '../../src/index.js';
import type { CoinList } from '../../src/elements/coin-list.js';
import { FakeClock } from '../helpers/clock.js';
import { ElementEvents, PageLog, testSettings } from '../helpers/page.js';
import { Simulator, type SimMarket } from '../helpers/simulator.js';
import { Pulse, SocketSpy, type WatchedSocket } from '../helpers/sockets.js';
import { HttpResponse } from 'msw';
import { ENDPOINT, MarketsServer, fixture, marketItems, startWorker, worker } from '../helpers/coingecko.js';

// The default feed end to end: CoinGecko polling and one exchange socket, both served by the demo's market simulator.

/** The seed's sidebar coins: every one must show, live where an exchange lists it. */
const SEED = [
  'bitcoin',
  'ethereum',
  'neo',
  'waves',
  'monero',
  'nano',
  'ark',
  'pirate-chain',
  'dogecoin',
  'litecoin',
  'cardano',
];
/** What each exchange lists of them in USD, per the feeds' LISTINGS table (Kraken lists most, then Binance, then Coinbase). */
const KRAKEN = ['bitcoin', 'ethereum', 'waves', 'monero', 'nano', 'dogecoin', 'litecoin', 'cardano'];
const BINANCE = ['bitcoin', 'ethereum', 'neo', 'nano', 'dogecoin', 'litecoin', 'cardano'];

type Message = Record<string, unknown>;
const messages = (list: unknown[]) => list.filter((m): m is Message => typeof m === 'object' && m !== null);

const row = (el: Element, coin: string) => el.shadowRoot!.querySelector(`[data-coin="${coin}"]`)!;
const text = (el: Element, name: string, coin: string) =>
  row(el, coin).querySelector(`[part~="${name}"]`)?.textContent?.replace(/\s+/g, ' ').trim();

/** The list's status line, as read: its attribution, or why prices are not current. */
const statusText = (el: Element) =>
  el.shadowRoot!.querySelector('[part=status]')!.textContent!.replace(/\s+/g, ' ').trim();

describe('feed="auto" (the default) against the simulator', () => {
  let sim: Simulator;
  let clock: FakeClock;
  let pulse: Pulse;
  let spy: SocketSpy;
  let log: PageLog;

  before(async () => {
    sim = await Simulator.start();
  });

  beforeEach(() => {
    clock = new FakeClock();
    pulse = new Pulse();
    spy = new SocketSpy(pulse);
    log = new PageLog();
    testSettings(clock, {
      endpoints: {
        coingecko: `${sim.base}/api/v3`,
        kraken: sim.ws('/kraken/v2'),
        coinbase: sim.ws('/coinbase'),
        binance: sim.ws('/binance'),
      },
      WebSocket: spy.WebSocket,
    });
  });

  afterEach(async () => {
    fixtureCleanup();
    await sim.untilClosed();
    await sim.fault({ kind: 'ws-none', feed: 'all' });
    await sim.fault({ kind: 'none' });
    log.restore();
  });

  /** The seed list with no feed attribute, appended after its listeners are attached. */
  async function seedList() {
    const container = await render(html`<div></div>`);
    const el = document.createElement('coin-list') as CoinList;
    el.setAttribute('coins', SEED.join(','));
    const events = new ElementEvents(el, pulse);
    container.append(el);
    return { el, events };
  }

  /**
   * Once Kraken ticks every coin it lists, drops its socket, and waits until the rows that lost their ticks have
   * re-rendered (a coin-update); the backoff has not run, so no socket is up.
   */
  async function dropKraken(events: ElementEvents) {
    await pulse.until(() => spy.sockets.length > 0, 'a socket');
    await pulse.until(
      () => messages(spy.last.received).filter((m) => m.method === 'subscribe').length === KRAKEN.length,
      'the acks',
    );
    await untilSources(events, 'kraken', KRAKEN);
    const updates = events.updates.length;
    await sim.fault({ kind: 'ws-drop', feed: 'kraken' });
    await pulse.until(() => spy.last.ended, 'the drop');
    await pulse.until(() => events.updates.length > updates, 'the re-render');
  }

  const latest = (events: ElementEvents) => new Map((events.updates.at(-1)?.quotes ?? []).map((q) => [q.id, q]));

  /** Until every seed coin shows, those in `live` from `exchange`, the rest polled from CoinGecko. */
  async function untilSources(events: ElementEvents, exchange: string, live: readonly string[]) {
    const source = (id: string) => (live.includes(id) ? exchange : 'coingecko');
    await pulse.until(() => {
      const quotes = latest(events);
      return (
        events.status === 'live' && SEED.every((id) => quotes.get(id)?.source === source(id) && quotes.get(id)?.image)
      );
    }, `every coin, live ones from ${exchange}`);
    return latest(events);
  }

  /** CoinGecko's names and logos on every row, and the live marker exactly on the coins that tick live. */
  async function expectRows(
    el: CoinList,
    quotes: Map<string, Quote>,
    market: Map<string, SimMarket>,
    live: readonly string[],
  ) {
    await el.updateComplete;
    for (const id of SEED) {
      const want = market.get(id)!;
      expect(quotes.get(id)!.name, id).to.equal(want.name);
      expect(text(el, 'name', id), id).to.equal(want.name);
      expect(row(el, id).querySelector('img[part~="logo"]')?.getAttribute('src'), `${id} logo`).to.equal(want.image);
      expect(text(el, 'price', id), `${id} price`).to.match(/^\$\d/);
      expect(!!row(el, id).querySelector('.live'), `${id} live marker`).to.equal(live.includes(id));
    }
  }

  /** Waits for each socket the feed opens to be refused, advancing the backoff by hand, until it stops trying. */
  async function refusals(count: number) {
    for (let i = 0; i < count; i++) {
      await pulse.until(() => spy.sockets.length > i, 'another attempt');
      const socket = spy.sockets[i];
      await pulse.until(() => socket.ended, 'the refusal');
      // A second failure hands over to the next exchange at once (its socket is already opening); a first retries
      // after the backoff.
      if (i < count - 1 && spy.sockets.length === i + 1) spy.advanceToReconnect(clock);
    }
  }

  const path = (socket: WatchedSocket) => new URL(socket.url).pathname;

  async function expectAllClosed() {
    fixtureCleanup();
    const state = await sim.untilClosed();
    for (const feed of ['kraken', 'coinbase', 'binance'] as const)
      expect(state.ws[feed].connections, `${feed} connections`).to.equal(0);
    // Each close event pulses: this waits for the page to see every socket close, however the race with the server goes.
    await pulse.until(() => spy.open.length === 0, 'every socket closed in the page');
    expect(log.uncaught).to.deep.equal([]);
    expect(log.errors).to.deep.equal([]);
    expect(log.repeated).to.deep.equal([]);
  }

  it('shows every seed coin: those Kraken lists tick live from it, the rest are polled from CoinGecko', async () => {
    const { el, events } = await seedList();
    await pulse.until(() => spy.sockets.length > 0, 'a socket');
    const socket = spy.last;
    expect(path(socket)).to.equal('/kraken/v2');
    await pulse.until(
      () => messages(socket.received).filter((m) => m.method === 'subscribe').length === KRAKEN.length,
      'the acks',
    );
    const polled = await sim.markets(SEED);
    await sim.tick();
    const ticked = await sim.markets(SEED);
    await untilSources(events, 'kraken', KRAKEN);
    const want = (id: string) => (KRAKEN.includes(id) ? ticked : polled).get(id)!.current_price;
    // The tick may land in the render throttle's window after the snapshot did: wait for the render that shows it.
    await pulse.until(
      () => SEED.every((id) => Math.abs((latest(events).get(id)?.price ?? NaN) - want(id)) <= want(id) * 1e-5),
      'the ticked prices',
    );
    const quotes = latest(events);
    for (const id of SEED)
      expect(Math.abs(quotes.get(id)!.price - want(id)), `${id} price`).to.be.at.most(want(id) * 1e-5);
    await expectRows(el, quotes, ticked, KRAKEN);
    const state = await sim.state();
    expect([state.ws.kraken.connections, state.ws.binance.connections, state.ws.coinbase.connections]).to.deep.equal([
      1, 0, 0,
    ]);
    await expect(el).to.be.accessible();
    await expectAllClosed();
  });

  it('shows the top coins by market cap, those the exchange listing most of them lists ticking live from it', async () => {
    const answer = await fetch(`${sim.base}/api/v3/coins/markets?vs_currency=usd&order=market_cap_desc&per_page=5`);
    const top = ((await answer.json()) as Array<{ id: string }>).map((item) => item.id);
    const container = await render(html`<div></div>`);
    const el = document.createElement('coin-list') as CoinList;
    el.setAttribute('top', '5');
    const events = new ElementEvents(el, pulse);
    container.append(el);
    // The ranking decides the exchange: Binance lists four of the simulator's top five, Kraken two.
    await pulse.until(
      () => messages(spy.sockets.at(-1)?.sent ?? []).some((m) => m.method === 'SUBSCRIBE'),
      'a subscription',
    );
    expect(spy.last.url).to.match(/\/binance\//);
    const pairs = messages(spy.last.sent).find((m) => m.method === 'SUBSCRIBE')!.params as string[];
    expect(pairs).to.have.length(4);
    const ticking = () => [...latest(events).values()].filter((q) => q.source === 'binance').map((q) => q.id);
    await pulse.until(() => messages(spy.last.received).some((m) => m.id === 1), 'the ack');
    await sim.tick();
    await pulse.until(() => ticking().length === pairs.length, 'every listed top coin ticking');
    await el.updateComplete;
    const rows = [...el.shadowRoot!.querySelectorAll('[part~="item"]')].map((item) => item.getAttribute('data-coin'));
    expect(rows).to.deep.equal(top);
    const live = ticking();
    for (const id of top) expect(!!row(el, id).querySelector('.live'), `${id} live marker`).to.equal(live.includes(id));
  });

  it('picks the exchange for every coin on the page, not for the first element to upgrade', async () => {
    const container = await render(html`<div></div>`);
    // Every exchange lists bitcoin; only Binance lists NEO and BNB. Both elements connect in one task.
    const price = document.createElement('coin-price');
    price.setAttribute('coin', 'bitcoin');
    const list = document.createElement('coin-list') as CoinList;
    list.setAttribute('coins', 'neo,binancecoin,bitcoin');
    const events = new ElementEvents(list, pulse);
    container.append(price, list);
    await pulse.until(() => spy.sockets.length > 0, 'a socket');
    expect(spy.sockets.map(path)).to.deep.equal(['/binance/stream']);
    await pulse.until(() => messages(spy.last.received).some((m) => 'result' in m), 'the ack');
    await sim.tick();
    await pulse.until(
      () => events.status === 'live' && latest(events).get('neo')?.source === 'binance',
      'NEO live from Binance',
    );
    await list.updateComplete;
    expect(!!row(list, 'neo').querySelector('.live')).to.equal(true);
    await expectAllClosed();
  });

  it('falls back to the next exchange when Kraken refuses connections', async () => {
    await sim.fault({ kind: 'ws-refuse', feed: 'kraken', count: 1000 });
    const { el, events } = await seedList();
    await refusals(2);
    await pulse.until(() => spy.sockets.length === 3, 'the next exchange');
    // Binance lists more of these coins than Coinbase.
    expect(spy.sockets.map(path)).to.deep.equal(['/kraken/v2', '/kraken/v2', '/binance/stream']);
    await pulse.until(() => messages(spy.last.received).some((m) => 'result' in m), 'the ack');
    // Kraken's reason went with it, before Binance's first tick: Kraken's coins are polled meanwhile.
    await pulse.until(
      () => events.status === 'live' && !events.statuses.at(-1)?.error,
      'live from CoinGecko, with no reason',
    );
    await el.updateComplete;
    expect(statusText(el)).to.equal('Data: CoinGecko');
    await sim.tick();
    const quotes = await untilSources(events, 'binance', BINANCE);
    await expectRows(el, quotes, await sim.markets(SEED), BINANCE);
    await expectAllClosed();
  });

  it('falls back to polling alone when every exchange refuses, with every price still shown', async () => {
    await sim.fault({ kind: 'ws-refuse', feed: 'all', count: 1000 });
    const { el, events } = await seedList();
    await refusals(6);
    expect(spy.sockets.map(path)).to.deep.equal([
      '/kraken/v2',
      '/kraken/v2',
      '/binance/stream',
      '/binance/stream',
      '/coinbase',
      '/coinbase',
    ]);
    const quotes = await untilSources(events, 'none', []);
    await expectRows(el, quotes, await sim.markets(SEED), []);
    // It stopped trying: no retry is pending, even past the longest backoff (and short of the next poll).
    clock.advance(30_000);
    expect(spy.sockets).to.have.length(6);
    expect(events.status).to.equal('live');
    expect(events.statuses.map((event) => event.live)).to.not.include(true);
    // Polling alone from here: no socket to wait for, so no reason left in the note.
    await pulse.until(() => !events.statuses.at(-1)?.error, 'no reason once polling alone');
    await el.updateComplete;
    expect(statusText(el)).to.equal('Data: CoinGecko');
    await expectAllClosed();
  });

  it('ticks live again after the exchange drops its socket', async () => {
    const { events } = await seedList();
    await pulse.until(() => spy.sockets.length > 0, 'a socket');
    await pulse.until(
      () => messages(spy.last.received).filter((m) => m.method === 'subscribe').length === KRAKEN.length,
      'the acks',
    );
    await untilSources(events, 'kraken', KRAKEN);
    // coin-status tells ticking from polled: live over the socket, then polled while it is down, then live again.
    expect(events.statuses.at(-1)?.live, 'live from Kraken').to.equal(true);
    await sim.fault({ kind: 'ws-drop', feed: 'kraken' });
    await pulse.until(() => spy.last.ended, 'the drop');
    await pulse.until(() => events.statuses.at(-1)?.live === false, 'polled while the socket is down');
    expect(events.statuses.at(-1)?.error?.message).to.equal('Connection to Kraken lost; reconnecting.');
    await sim.tick();
    const next = spy.advanceToReconnect(clock);
    expect(path(next)).to.equal('/kraken/v2');
    await pulse.until(
      () => messages(next.received).filter((m) => m.method === 'subscribe').length === KRAKEN.length,
      'the acks',
    );
    await sim.tick();
    const market = await sim.markets(KRAKEN);
    await pulse.until(() => {
      const quotes = latest(events);
      return KRAKEN.every(
        (id) =>
          quotes.get(id)?.source === 'kraken' &&
          Math.abs(quotes.get(id)!.price - market.get(id)!.current_price) <= market.get(id)!.current_price * 1e-5,
      );
    }, 'fresh live prices');
    expect(events.status).to.equal('live');
    await pulse.until(() => events.statuses.at(-1)?.live === true, 'live from Kraken again');
    expect(events.statuses.at(-1)?.error).to.equal(undefined);
    await expectAllClosed();
  });

  it('marks the exchange prices stale, without the live marker, while its socket is down', async () => {
    const { el, events } = await seedList();
    await dropKraken(events);
    await el.updateComplete;
    expect(spy.open).to.have.length(0);
    const quotes = latest(events);
    for (const id of KRAKEN) {
      expect(row(el, id).querySelector('.live'), `${id} live marker`).to.equal(null);
      expect(
        row(el, id).classList.contains('stale') || quotes.get(id)?.source === 'coingecko',
        `${id} stale or polled`,
      ).to.equal(true);
    }
    // With the reason, as a list on the exchange's own feed gives it.
    expect(statusText(el)).to.match(/^Connection to Kraken lost; retrying · Last updated /);
    await expectAllClosed();
  });

  it('gives a reason only for the coins it affects: a card of a coin Kraken never priced stays current', async () => {
    const { el, events } = await seedList();
    const card = document.createElement('coin-card');
    card.setAttribute('coin', 'pirate-chain');
    el.after(card);
    await dropKraken(events);
    await Promise.all([el.updateComplete, card.updateComplete]);
    expect(statusText(el)).to.match(/^Connection to Kraken lost; retrying/);
    // Pirate Chain is CoinGecko's alone, and CoinGecko answers: nothing is wrong with its price.
    expect(card.shadowRoot!.querySelector('[data-coin]')!.classList.contains('stale')).to.equal(false);
    expect(statusText(card)).to.equal('Data: CoinGecko');
    await expectAllClosed();
  });

  it('says why while CoinGecko fails and the exchange ticks: the coins only CoinGecko prices are not current', async () => {
    await sim.fault({ kind: '500', count: 1000 });
    const { el, events } = await seedList();
    await pulse.until(() => spy.sockets.length > 0, 'a socket');
    await pulse.until(
      () => messages(spy.last.received).filter((m) => m.method === 'subscribe').length === KRAKEN.length,
      'the acks',
    );
    await sim.tick();
    await pulse.until(
      () => events.statuses.at(-1)?.live === true && !!events.statuses.at(-1)?.error,
      'live, with the reason',
    );
    expect(events.status).to.equal('live');
    await pulse.until(() => KRAKEN.every((id) => latest(events).get(id)?.source === 'kraken'), 'the ticks');
    await el.updateComplete;
    expect(statusText(el)).to.match(/^CoinGecko has a server error; retrying in \d+ s/);
    for (const id of SEED) {
      const live = KRAKEN.includes(id);
      expect(row(el, id).querySelector('.skeleton'), `${id} placeholder`).to.equal(null);
      expect(!!row(el, id).querySelector('.live'), `${id} live marker`).to.equal(live);
      // Never priced: a dash, not a placeholder that waits for ever with nothing said.
      if (!live) expect(text(el, 'price', id), `${id} price`).to.equal('—');
    }
    await expect(el).to.be.accessible();
    await expectAllClosed();
  });

  it('keeps a coin the socket ticks current when a CoinGecko answer leaves it out', async () => {
    // CoinGecko from msw, so one answer can leave Bitcoin out; Kraken from the simulator.
    await startWorker();
    const [bitcoin, ark] = await marketItems([
      { id: 'bitcoin', symbol: 'btc', name: 'Bitcoin', current_price: 113422.41, price_change_percentage_24h: 0.1 },
      { id: 'ark', symbol: 'ark', name: 'ARK', current_price: 0.42, price_change_percentage_24h: -0.36 },
    ]);
    const server = new MarketsServer([bitcoin, ark]);
    configure({ endpoints: { coingecko: ENDPOINT } });
    const container = await render(html`<div></div>`);
    const el = document.createElement('coin-list') as CoinList;
    Object.assign(el, { coins: 'bitcoin,ark', interval: 10 });
    const events = new ElementEvents(el, pulse);
    container.append(el);
    await pulse.until(() => spy.sockets.length > 0, 'a socket');
    await pulse.until(() => messages(spy.last.received).some((m) => m.method === 'subscribe'), 'the ack');
    await sim.tick();
    await pulse.until(
      () => latest(events).get('bitcoin')?.source === 'kraken' && latest(events).has('ark'),
      'Bitcoin live from Kraken, ARK polled',
    );
    // The next answer has ARK alone, at a new price. Kraken is kept talking so its socket outlives the wait.
    server.setItems([{ ...ark, current_price: 0.43 }]);
    clock.advance(9_999);
    await sim.beat();
    await sim.beat();
    clock.advance(1);
    await server.request(2);
    await pulse.until(() => latest(events).get('ark')?.price === 0.43, 'the answer without Bitcoin');
    await el.updateComplete;
    expect(row(el, 'bitcoin').classList.contains('stale'), 'Bitcoin stale').to.equal(false);
    expect(row(el, 'bitcoin').querySelector('.live'), 'live marker').to.not.equal(null);
    worker.stop();
    await expectAllClosed();
  });

  it('warns of a currency CoinGecko refuses even when an exchange already ticks in it', async () => {
    // USDT: Binance quotes it, CoinGecko does not. CoinGecko from msw, held until Binance's first tick is on screen.
    await startWorker();
    const server = new MarketsServer([]);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const refusal = await fixture<object>('coingecko/error_400_invalid_vs_currency.json');
    server.once(async () => {
      await held;
      return HttpResponse.json(refusal, { status: 400 });
    });
    configure({ endpoints: { coingecko: ENDPOINT } });
    const container = await render(html`<div></div>`);
    const el = document.createElement('coin-list') as CoinList;
    Object.assign(el, { coins: 'bitcoin', currency: 'usdt' });
    const events = new ElementEvents(el, pulse);
    container.append(el);
    await pulse.until(
      () => spy.sockets.length > 0 && messages(spy.last.received).some((m) => 'result' in m),
      'the Binance subscription',
    );
    expect(path(spy.last)).to.equal('/binance/stream');
    await sim.tick();
    await pulse.until(
      () => events.status === 'live' && latest(events).get('bitcoin')?.source === 'binance',
      'Bitcoin live from Binance',
    );
    release();
    await pulse.until(() => !!events.statuses.at(-1)?.error, 'the refusal');
    await el.updateComplete;
    expect(events.status).to.equal('live');
    // Every coin of this list ticks live: the refusal is the page's to fix (warned below), not the reader's news.
    expect(statusText(el)).to.equal('Data: CoinGecko · live from Binance');
    expect(log.warnings).to.deep.equal(['coin-ticker: CoinGecko does not quote "usdt".']);
    worker.stop();
    await expectAllClosed();
  });

  it('follows configure() called after the element is on the page, never reaching the default servers', async () => {
    configure({ endpoints: { coingecko: undefined, kraken: undefined, coinbase: undefined, binance: undefined } });
    const container = await render(html`<div></div>`);
    const el = document.createElement('coin-list') as CoinList;
    el.setAttribute('coins', SEED.join(','));
    const events = new ElementEvents(el, pulse);
    container.append(el);
    // The same task as the upgrade, as in a page that imports the bundle and then configures it.
    configure({
      endpoints: {
        coingecko: `${sim.base}/api/v3`,
        kraken: sim.ws('/kraken/v2'),
        coinbase: sim.ws('/coinbase'),
        binance: sim.ws('/binance'),
      },
    });
    await pulse.until(
      () => events.status === 'live' && latest(events).size === SEED.length,
      'prices from the simulator',
    );
    expect(spy.sockets.map((socket) => new URL(socket.url).host)).to.deep.equal([new URL(sim.base).host]);
    // Kraken may or may not have ticked by now; either way no reason is shown.
    expect(statusText(el)).to.match(/^Data: CoinGecko( · live from Kraken)?$/);
  });
});
