import { expect, fixture as render, fixtureCleanup, html } from '@open-wc/testing';
import '../../src/define.js';
import type { CoinStatusEvent } from '../../src/index.js';
import { en } from '../../src/messages/en.js';
import type { CoinList } from '../../src/elements/coin-list.js';
import { FakeClock } from '../helpers/clock.js';
import { ElementEvents, PageLog, testSettings } from '../helpers/page.js';
import { Simulator, recorded, type Exchange, type SimMarket } from '../helpers/simulator.js';
import { Pulse, SocketSpy, type WatchedSocket } from '../helpers/sockets.js';

// The exchange feeds end to end: <coin-list> in a real browser, on real WebSockets, against the demo's market
// simulator (Kraken v2, Coinbase Exchange and Binance in their wire formats) on an OS-picked port. Time is a fake
// clock: liveness timeouts and reconnect backoff pass by hand; the simulator only ticks and beats when told to.

interface Spec {
  feed: Exchange;
  /** As the feed names itself in messages and `source`. */
  name: string;
  /** Where the simulator serves it: the `endpoint` attribute. */
  path: string;
  /** Silence after which the feed must call the connection dead. */
  liveness: number;
  /** Whether it sends heartbeats a browser can see (Binance pings at the frame level only). */
  heartbeats: boolean;
  /** Whether a subscription is answered with the current price at once (Binance waits for the next trade). */
  snapshot: boolean;
  /** How many answers the server owes for what the feed sent on this socket, and how many it gave. */
  owed(socket: WatchedSocket): number;
  answered(socket: WatchedSocket): number;
}

type Message = Record<string, unknown>;
const messages = (list: unknown[]) => list.filter((m): m is Message => typeof m === 'object' && m !== null);

const SPECS: Spec[] = [
  {
    feed: 'kraken',
    name: 'Kraken',
    path: '/kraken/v2',
    liveness: 10_000,
    heartbeats: true,
    snapshot: true,
    // One acknowledgement (or error) per symbol of each subscribe or unsubscribe.
    owed: (s) => messages(s.sent).reduce((n, m) => n + ((m.params as { symbol?: unknown[] })?.symbol?.length ?? 0), 0),
    answered: (s) => messages(s.received).filter((m) => m.method === 'subscribe' || m.method === 'unsubscribe').length,
  },
  {
    feed: 'coinbase',
    name: 'Coinbase',
    path: '/coinbase',
    liveness: 10_000,
    heartbeats: true,
    snapshot: true,
    // One `subscriptions` (or `error`) per request.
    owed: (s) => s.sent.length,
    answered: (s) => messages(s.received).filter((m) => m.type === 'subscriptions' || m.type === 'error').length,
  },
  {
    feed: 'binance',
    name: 'Binance',
    path: '/binance',
    liveness: 30_000,
    heartbeats: false,
    snapshot: false,
    // `{"result":null,"id":…}` (or an error frame) per request.
    owed: (s) => s.sent.length,
    answered: (s) => messages(s.received).filter((m) => 'result' in m || 'code' in m).length,
  },
];

const COINS = ['bitcoin', 'ethereum'];
const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

const part = (el: Element, name: string, coin: string) =>
  el.shadowRoot!.querySelector<HTMLElement>(`[data-coin="${coin}"] [part~="${name}"]`);
const text = (el: Element, name: string, coin: string) =>
  part(el, name, coin)?.textContent?.replace(/\s+/g, ' ').trim();
const row = (el: Element, coin: string) => el.shadowRoot!.querySelector(`[data-coin="${coin}"]`)!;
const note = (el: Element) => el.shadowRoot!.querySelector('[part=status]')?.textContent?.replace(/\s+/g, ' ').trim();

/** Exchanges round prices to their tick (about six significant digits) and the percent to two or three places. */
const samePrice = (a: number, b: number) => Math.abs(a - b) <= Math.abs(b) * 1e-5;
const sameChange = (a: number | null, b: number) => a !== null && Math.abs(a - b) <= 0.011;

describe('exchange feeds against the simulator', () => {
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
    testSettings(clock, { WebSocket: spy.WebSocket });
  });

  afterEach(async () => {
    // Cleanup only (assertions live in each test's end): a failed test must not leave sockets or faults behind.
    fixtureCleanup();
    await sim.untilClosed();
    await sim.fault({ kind: 'ws-none', feed: 'all' });
    log.restore();
  });

  /** A list appended only after its listeners are attached, so no event is missed. */
  async function list(spec: Spec, coins: readonly string[], container?: HTMLElement) {
    container ??= await render(html`<div></div>`);
    const el = document.createElement('coin-list') as CoinList;
    el.setAttribute('feed', spec.feed);
    el.setAttribute('endpoint', sim.ws(spec.path));
    el.setAttribute('coins', coins.join(','));
    const events = new ElementEvents(el, pulse);
    container.append(el);
    return { el, events, container };
  }

  /**
   * Makes a change to the wanted coins and waits until it is on the wire: the feed sends changes made in one task
   * together, at most one every half second (Binance allows 5 messages a second).
   */
  async function change(socket: WatchedSocket, make: () => void) {
    const sent = socket.sent.length;
    make();
    clock.advance(500);
    await pulse.until(() => socket.sent.length > sent, 'the change on the wire');
  }

  /** Until the server has answered everything the feed sent on this socket: then a tick reaches every pair. */
  async function settled(spec: Spec, socket: WatchedSocket) {
    await pulse.until(
      () => socket.sent.length > 0 && spec.answered(socket) >= spec.owed(socket),
      `${spec.name} to answer`,
    );
  }

  /** Ticks the market and waits until the element shows the simulator's new prices, live. */
  async function tickAndSee(el: CoinList, events: ElementEvents, coins: readonly string[]) {
    await sim.tick();
    const market = await sim.markets(coins);
    await pulse.until(() => events.status === 'live' && shows(events, market, coins), 'the new prices, live');
    await el.updateComplete;
    for (const id of coins) {
      const quote = events.updates.at(-1)!.quotes.find((q) => q.id === id)!;
      expect(text(el, 'price', id), id).to.equal(usd.format(quote.price));
      expect(row(el, id).classList.contains('stale'), `${id} row stale`).to.equal(false);
    }
    return market;
  }

  function shows(events: ElementEvents, market: Map<string, SimMarket>, coins: readonly string[]) {
    const quotes = events.updates.at(-1)?.quotes ?? [];
    return coins.every((id) => {
      const quote = quotes.find((q) => q.id === id);
      const want = market.get(id)!;
      return (
        !!quote &&
        samePrice(quote.price, want.current_price) &&
        sameChange(quote.change24h, want.price_change_percentage_24h)
      );
    });
  }

  /** One list of bitcoin and ethereum, ticking live. */
  async function live(spec: Spec) {
    const { el, events } = await list(spec, COINS);
    await pulse.until(() => spy.sockets.length > 0, 'a socket');
    await settled(spec, spy.last);
    await tickAndSee(el, events, COINS);
    return { el, events, socket: spy.last };
  }

  /** After a fault: the rows keep their last prices, marked stale, and say why. */
  async function expectStale(
    el: CoinList,
    events: ElementEvents,
    shown: Record<string, string | undefined>,
    kind: string,
  ) {
    await pulse.until(() => events.status === 'stale', 'stale');
    const { error } = events.statuses.at(-1) as CoinStatusEvent;
    expect(error?.kind).to.equal(kind);
    await el.updateComplete;
    for (const id of COINS) {
      // The last price received may be one that arrived in the render throttle's window just before the drop, so
      // "kept" means a price within a tick of the one shown, never a blank.
      const kept = amount(text(el, 'price', id));
      expect(kept, `${id} keeps its price`).to.be.closeTo(amount(shown[id]), amount(shown[id]) * 1e-4);
      expect(row(el, id).classList.contains('stale'), `${id} marked stale`).to.equal(true);
    }
    // The reader's words for the error, with its age: "Connection to Kraken lost; retrying · Last updated …".
    expect(note(el)).to.match(new RegExp(`^${en[kind as 'network'](error!.source)}; retrying · Last updated `));
  }

  /** Reconnected: once the server has the subscriptions again, fresh prices and `live`. */
  async function expectRecovered(spec: Spec, el: CoinList, events: ElementEvents, socket: WatchedSocket) {
    await settled(spec, socket);
    await tickAndSee(el, events, COINS);
    expect(note(el)).to.equal(`Data: live from ${spec.name}`);
  }

  const amount = (shown: string | undefined) => Number(shown?.replace(/[$,]/g, '') ?? NaN);
  const prices = (el: CoinList) => Object.fromEntries(COINS.map((id) => [id, text(el, 'price', id)]));

  /** The test's end: elements removed, every socket closed on the server, nothing thrown or logged twice. */
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

  for (const spec of SPECS) {
    describe(`feed="${spec.feed}"`, () => {
      it('ticks live: the first prices, then each tick of the simulator', async () => {
        const { el, events } = await list(spec, COINS);
        await pulse.until(() => spy.sockets.length > 0, 'a socket');
        const socket = spy.last;
        expect(socket.url).to.equal(sim.ws(spec.path === '/binance' ? '/binance/stream' : spec.path));
        if (spec.snapshot) {
          // Nothing has ticked yet: the first prices are the market's current ones.
          const market = await sim.markets(COINS);
          await pulse.until(() => events.status === 'live' && shows(events, market, COINS), 'the first prices');
        }
        await settled(spec, socket);
        await tickAndSee(el, events, COINS);
        const first = events.updates.at(-1)!.quotes;
        expect(first.map((q) => [q.id, q.source, q.currency])).to.deep.equal([
          ['bitcoin', spec.feed, 'usd'],
          ['ethereum', spec.feed, 'usd'],
        ]);
        expect(first.map((q) => q.symbol)).to.deep.equal(['BTC', 'ETH']);
        expect(text(el, 'name', 'bitcoin')).to.equal('Bitcoin');
        const count = events.updates.length;
        await tickAndSee(el, events, COINS);
        expect(events.updates.length).to.be.greaterThan(count);
        expect(events.updates.at(-1)!.quotes[0].price).to.not.equal(first[0].price);
        expect(events.status).to.equal('live');
        expect(spy.sockets).to.have.length(1);
        await expectAllClosed();
      });

      it('shares one socket between lists, and subscriptions follow the union as lists come and go', async () => {
        const a = await list(spec, ['bitcoin', 'ethereum']);
        const b = await list(spec, ['ethereum', 'litecoin'], a.container);
        const c = await list(spec, ['bitcoin', 'cardano'], a.container);
        await pulse.until(() => spy.sockets.length > 0, 'a socket');
        const socket = spy.last;
        await settled(spec, socket);
        const before = await sim.state();
        expect(before.ws[spec.feed].connections).to.equal(1);

        /** Messages the server sends for one tick: one update per subscribed pair, on the one socket. */
        const perTick = async () => {
          const start = (await sim.state()).ws[spec.feed].messagesSent;
          await sim.tick();
          return (await sim.state()).ws[spec.feed].messagesSent - start;
        };
        expect(await perTick(), 'pairs subscribed for three lists').to.equal(4);
        const market = await sim.markets(['bitcoin', 'ethereum', 'litecoin', 'cardano']);
        await pulse.until(
          () =>
            shows(a.events, market, ['bitcoin', 'ethereum']) &&
            shows(b.events, market, ['ethereum', 'litecoin']) &&
            shows(c.events, market, ['bitcoin', 'cardano']),
          'all three lists to tick',
        );

        // Cardano goes with the last list that wants it; bitcoin stays, the first list still wants it.
        await change(socket, () => c.el.remove());
        await settled(spec, socket);
        expect(await perTick(), 'after removing bitcoin,cardano').to.equal(3);
        await change(socket, () => a.el.remove());
        await settled(spec, socket);
        expect(await perTick(), 'after removing bitcoin,ethereum').to.equal(2);
        const after = await sim.state();
        expect(after.ws[spec.feed].connections).to.equal(1);
        expect(after.ws[spec.feed].opened - before.ws[spec.feed].opened, 'sockets opened').to.equal(0);
        expect(spy.sockets).to.have.length(1);

        // The last list gone, the socket closes.
        b.el.remove();
        await expectAllClosed();
        expect(socket.ended).to.equal(true);
      });

      it('keeps the last prices, stale, when the server drops the socket, and recovers by itself', async () => {
        const { el, events, socket } = await live(spec);
        const shown = prices(el);
        await sim.fault({ kind: 'ws-drop', feed: spec.feed });
        await expectStale(el, events, shown, 'network');
        expect(socket.ended).to.equal(true);
        await expect(el).to.be.accessible();
        await sim.tick();
        await expectRecovered(spec, el, events, spy.advanceToReconnect(clock));
        expect(spy.sockets).to.have.length(2);
        await expectAllClosed();
      });

      it('calls a silent connection dead after its liveness timeout, and recovers when the server speaks again', async () => {
        const { el, events, socket } = await live(spec);
        const shown = prices(el);
        await sim.fault({ kind: 'ws-silent', feed: spec.feed, seconds: 1 });
        // Prices move, but the silent server tells no one.
        await sim.tick();
        clock.advance(spec.liveness - 1);
        expect(socket.readyState, 'still trusted just before the timeout').to.equal(WebSocket.OPEN);
        clock.advance(1);
        expect(socket.readyState, 'given up at the timeout').to.be.oneOf([WebSocket.CLOSING, WebSocket.CLOSED]);
        await expectStale(el, events, shown, 'timeout');
        // One exchange second ends the silence; the backoff passes by hand.
        await sim.beat();
        await expectRecovered(spec, el, events, spy.advanceToReconnect(clock));
        await expectAllClosed();
      });

      if (spec.heartbeats) {
        it('keeps a quiet connection that sends heartbeats', async () => {
          const { events, socket } = await live(spec);
          const beats = () =>
            messages(socket.received).filter((m) => m.channel === 'heartbeat' || m.type === 'heartbeat').length;
          clock.advance(spec.liveness - 1000);
          // Kraken beats only on a connection idle for a whole second: the second beat is the first heartbeat.
          await sim.beat();
          await sim.beat();
          await pulse.until(() => beats() > 0, 'a heartbeat');
          clock.advance(spec.liveness - 1000);
          expect(socket.readyState).to.equal(WebSocket.OPEN);
          expect(events.statusList).to.not.include('stale');
          await expectAllClosed();
        });
      }

      it('ignores malformed JSON and messages of an unknown shape, warning once, throwing nothing', async () => {
        const { el, events, socket } = await live(spec);
        for (let i = 0; i < 3; i++) await sim.fault({ kind: 'ws-garbage', feed: spec.feed });
        // Frames arrive in order: once the tick after the garbage shows, the garbage has been read.
        await tickAndSee(el, events, COINS);
        const garbage = socket.received.filter((m) => typeof m === 'string');
        const unknown = messages(socket.received).filter(
          (m) => m.channel === 'sim_unknown' || m.type === 'sim_unknown' || m.e === 'simUnknown',
        );
        expect(garbage, 'frames cut short').to.have.length(3);
        expect(unknown, 'frames of an unknown shape').to.have.length(3);
        expect(log.warnings).to.deep.equal([`coin-ticker: ${spec.name} sent unreadable data; ignoring it.`]);
        expect(events.statusList).to.not.include('stale');
        expect(spy.sockets, 'no reconnect').to.have.length(1);
        await expectAllClosed();
      });

      if (spec.feed === 'binance') {
        it('reconnects at once, staying live, on serverShutdown', async () => {
          const { el, events, socket } = await live(spec);
          await sim.fault({ kind: 'ws-shutdown', feed: 'binance' });
          await pulse.until(() => socket.ended, 'the announced close');
          expect(messages(socket.received).at(-1)).to.deep.include({ stream: '!serverShutdown' });
          const time = clock.now();
          const next = spy.advanceToReconnect(clock);
          expect(clock.now(), 'no backoff').to.equal(time);
          await expectRecovered(spec, el, events, next);
          expect(events.statusList).to.not.include('stale');
          await expectAllClosed();
        });
      } else {
        it('keeps the last prices through a clean close by the server, and recovers by itself', async () => {
          const { el, events } = await live(spec);
          const shown = prices(el);
          await sim.fault({ kind: 'ws-shutdown', feed: spec.feed });
          await expectStale(el, events, shown, 'network');
          await expectRecovered(spec, el, events, spy.advanceToReconnect(clock));
          await expectAllClosed();
        });
      }

      it('stays stale while reconnections are refused, then recovers', async () => {
        const { el, events } = await live(spec);
        const shown = prices(el);
        const refusedBefore = (await sim.state()).ws[spec.feed].refused;
        await sim.fault({ kind: 'ws-refuse', feed: spec.feed, count: 2 });
        await sim.fault({ kind: 'ws-drop', feed: spec.feed });
        await expectStale(el, events, shown, 'network');
        await sim.tick();
        for (let i = 0; i < 2; i++) {
          const refused = spy.advanceToReconnect(clock);
          await pulse.until(() => refused.ended, 'the refusal');
        }
        expect((await sim.state()).ws[spec.feed].refused - refusedBefore).to.equal(2);
        expect(
          events.statusList.filter((s) => s === 'stale'),
          'one stale announced',
        ).to.have.length(1);
        for (const id of COINS)
          expect(amount(text(el, 'price', id))).to.be.closeTo(amount(shown[id]), amount(shown[id]) * 1e-4);
        await expectRecovered(spec, el, events, spy.advanceToReconnect(clock));
        expect(spy.sockets).to.have.length(4);
        await expectAllClosed();
      });
    });
  }

  // The simulator lists every pair the feeds' LISTINGS table claims (checked by test/server/listings.test.js), so an
  // exchange's refusal is played here: the subscription for ethereum never reaches the server, and the recorded
  // error frame is delivered on the real socket in its place. The Node adapter tests replay the same frames.
  describe('a pair the exchange refuses', () => {
    const kraken = SPECS[0];
    const coinbase = SPECS[1];

    it('says "Kraken does not list these coins" alike when Kraken refuses them and when the listing leaves them out', async () => {
      const frame = JSON.parse(
        await recorded('kraken/v2_subscribe_error.unsupported_pair.recorded_2026-09-25.json'),
      ) as Message;
      spy.intercept = (data, socket) => {
        const message = JSON.parse(data) as { method: string; params: { symbol: string[] } };
        if (message.method !== 'subscribe') return data;
        queueMicrotask(() => {
          for (const symbol of message.params.symbol)
            socket.inject({ ...frame, error: `Currency pair not supported ${symbol}`, symbol });
        });
        return JSON.stringify({ ...message, params: { ...message.params, symbol: [] } });
      };
      // Coins of their own: the page warns once per coin, and the next tests count warnings.
      const refused = await list(kraken, ['litecoin', 'dogecoin']);
      const unlisted = await list(kraken, ['pirate-chain', 'ark'], refused.container);
      await pulse.until(
        () => refused.events.status === 'error' && unlisted.events.status === 'error',
        'every pair refused, said by both lists',
      );
      // The lists say so as soon as the refusals are in (the first news renders at once); the socket closes after.
      await pulse.until(() => spy.last.ended, 'the socket closed');
      await Promise.all([refused.el.updateComplete, unlisted.el.updateComplete]);
      for (const { el } of [refused, unlisted]) {
        expect(note(el)).to.equal('Kraken does not list these coins');
      }
      expect(text(refused.el, 'price', 'litecoin')).to.equal('Not on Kraken');
      expect(text(unlisted.el, 'price', 'ark')).to.equal('Not on Kraken');
      await expectAllClosed();
    });

    it('Kraken: the refused coin says "Not on Kraken", the others tick live, one warning', async () => {
      const frame = JSON.parse(
        await recorded('kraken/v2_subscribe_error.unsupported_pair.recorded_2026-09-25.json'),
      ) as Message;
      spy.intercept = (data, socket) => {
        const message = JSON.parse(data) as { method: string; params: { symbol: string[] } };
        if (message.method !== 'subscribe' || !message.params.symbol.includes('ETH/USD')) return data;
        queueMicrotask(() => {
          // As recorded (a pair this feed never asks for: ignored), then the same refusal for the pair it asked for.
          socket.inject(frame);
          socket.inject({ ...frame, error: 'Currency pair not supported ETH/USD', symbol: 'ETH/USD' });
        });
        const symbol = message.params.symbol.filter((s) => s !== 'ETH/USD');
        return JSON.stringify({ ...message, params: { ...message.params, symbol } });
      };
      const { el, events } = await list(kraken, COINS);
      await pulse.until(() => spy.sockets.length > 0, 'a socket');
      await settled(kraken, spy.last);
      await tickAndSee(el, events, ['bitcoin']);
      await el.updateComplete;
      expect(text(el, 'price', 'ethereum')).to.equal('Not on Kraken');
      expect(text(el, 'name', 'ethereum')).to.equal('ethereum');
      expect(events.updates.at(-1)!.quotes.map((q) => q.id)).to.deep.equal(['bitcoin']);
      expect(log.warnings).to.have.length(1);
      expect(log.warnings[0]).to.include('Not on Kraken').and.include('"ethereum"');
      await expect(el).to.be.accessible();
      await expectAllClosed();
    });

    it('Coinbase: the refused coin says "Not on Coinbase", the others tick live, one warning', async () => {
      const frame = await recorded('coinbase/exchange_ws_error_invalid_product.recorded_sandbox_2022.json');
      expect(JSON.parse(frame)).to.deep.include({ reason: 'ETH-USD is not a valid product' });
      spy.intercept = (data, socket) => {
        const message = JSON.parse(data) as { type: string; product_ids: string[] };
        if (message.type !== 'subscribe' || !message.product_ids.includes('ETH-USD')) return data;
        queueMicrotask(() => socket.inject(frame));
        return undefined;
      };
      const { el, events } = await list(coinbase, COINS);
      await pulse.until(() => spy.sockets.length > 0, 'a socket');
      await settled(coinbase, spy.last);
      await tickAndSee(el, events, ['bitcoin']);
      await el.updateComplete;
      expect(text(el, 'price', 'ethereum')).to.equal('Not on Coinbase');
      expect(events.updates.at(-1)!.quotes.map((q) => q.id)).to.deep.equal(['bitcoin']);
      expect(log.warnings).to.have.length(1);
      expect(log.warnings[0]).to.include('Not on Coinbase').and.include('"ethereum"');
      await expectAllClosed();
    });

    // A pair refused after its price was shown (delisted while the socket was down, refused on resubscription).
    it('Coinbase: a pair refused on resubscription after a reconnect is no longer shown as current', async () => {
      const { el, events } = await live(coinbase);
      const delisted = JSON.parse(await recorded('coinbase/exchange_ws_error_delisted_product.json')) as Message;
      spy.intercept = (data, socket) => {
        const message = JSON.parse(data) as { type: string; product_ids: string[] };
        if (message.type !== 'subscribe' || !message.product_ids.includes('ETH-USD')) return data;
        queueMicrotask(() => socket.inject({ ...delisted, reason: 'ETH-USD is delisted' }));
        return undefined;
      };
      await sim.fault({ kind: 'ws-drop', feed: 'coinbase' });
      await pulse.until(() => events.status === 'stale', 'stale');
      await settled(coinbase, spy.advanceToReconnect(clock));
      await tickAndSee(el, events, ['bitcoin']);
      await el.updateComplete;
      const ethereum = row(el, 'ethereum');
      expect(ethereum.classList.contains('stale') || text(el, 'price', 'ethereum') === 'Not on Coinbase').to.equal(
        true,
      );
      expect(ethereum.querySelector('.live'), 'no live marker').to.equal(null);
      await expectAllClosed();
    });
  });
});
