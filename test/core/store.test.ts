import { expect } from '@open-wc/testing';
import { configure, registerFeed, type FeedContext, type Quote } from '../../src/index.js';
import { subscribe, type QuoteRequest } from '../../src/core/store.js';
import { FakeClock } from '../helpers/clock.js';
import { testSettings } from '../helpers/page.js';

// The store on its own, with a feed of the test's making (registered as any page registers one): what it asks the
// feed for, whom it tells about what, and what it leaves behind.

let feeds = 0;

/** A feed registered under a name of its own; every one it made, with what the store asked of it and gave it. */
function fakeFeeds() {
  const made: Array<{ context: FeedContext; wanted: string[][]; closed: number }> = [];
  const name = `fake-${++feeds}`;
  registerFeed(name, (context) => {
    const feed = { context, wanted: [] as string[][], closed: 0 };
    made.push(feed);
    return { want: ({ ids }) => feed.wanted.push([...ids]), setActive() {}, close: () => feed.closed++ };
  });
  return { name, made, count: () => made.length, last: () => made.at(-1)! };
}

const quote = (id: string, price: number): Quote => ({
  id,
  symbol: id.slice(0, 3).toUpperCase(),
  name: id,
  price,
  change24h: 1,
  currency: 'usd',
  updatedAt: 0,
  source: 'fake',
});

/** A subscriber that records every call of its listener: the changed ids, or null for a status change. */
function subscriber(feed: string, ids: string[], options: Partial<QuoteRequest> = {}) {
  const calls: Array<string[] | null> = [];
  const subscription = subscribe({ ids, feed, currency: 'usd', interval: 60, ...options }, (changed) =>
    calls.push(changed && [...changed].sort()),
  );
  return { ...subscription, calls };
}

describe('the quote store', () => {
  let clock: FakeClock;

  beforeEach(() => {
    clock = new FakeClock();
    testSettings(clock);
  });

  it('hands its one feed the union of wanted ids, in the order first asked, as subscribers come and go', () => {
    const feeds = fakeFeeds();
    const a = subscriber(feeds.name, ['bitcoin', 'ethereum']);
    const b = subscriber(feeds.name, ['solana', 'ethereum', 'bitcoin']);
    const c = subscriber(feeds.name, ['cardano']);
    expect(feeds.count()).to.equal(1);
    expect(b.store).to.equal(a.store);
    expect(feeds.last().wanted).to.deep.equal([
      ['bitcoin', 'ethereum'],
      ['bitcoin', 'ethereum', 'solana'],
      ['bitcoin', 'ethereum', 'solana', 'cardano'],
    ]);
    a.unsubscribe();
    expect(feeds.last().wanted.at(-1)).to.deep.equal(['solana', 'ethereum', 'bitcoin', 'cardano']);
    c.unsubscribe();
    expect(feeds.last().wanted.at(-1)).to.deep.equal(['solana', 'ethereum', 'bitcoin']);
    b.unsubscribe();
  });

  it('polls at the shortest interval any subscriber asks for, with history while any wants it', () => {
    const feeds = fakeFeeds();
    const a = subscriber(feeds.name, ['bitcoin'], { interval: 60 });
    const b = subscriber(feeds.name, ['bitcoin'], { interval: 15, sparkline: true });
    const { context } = feeds.last();
    expect([context.interval(), context.sparkline?.()]).to.deep.equal([15, true]);
    b.unsubscribe();
    expect([context.interval(), context.sparkline?.()]).to.deep.equal([60, false]);
    a.unsubscribe();
  });

  it("gives the feed the page's endpoints, for a feed made of others (auto)", () => {
    configure({ endpoints: { coingecko: 'https://proxy.test/api/v3', kraken: 'wss://relay.test/kraken' } });
    const feeds = fakeFeeds();
    const a = subscriber(feeds.name, ['bitcoin']);
    expect(feeds.last().context.endpoints).to.include({
      coingecko: 'https://proxy.test/api/v3',
      kraken: 'wss://relay.test/kraken',
    });
    a.unsubscribe();
  });

  it('closes the feed with the last subscriber, once; the next subscriber gets a fresh store and feed', () => {
    const feeds = fakeFeeds();
    const a = subscriber(feeds.name, ['bitcoin']);
    const b = subscriber(feeds.name, ['ethereum']);
    feeds.last().context.onQuotes([quote('bitcoin', 100)]);
    feeds.last().context.onStatus('live');
    a.unsubscribe();
    a.unsubscribe();
    expect(feeds.last().closed, 'one subscriber left').to.equal(0);
    b.unsubscribe();
    expect(feeds.last().closed).to.equal(1);
    b.unsubscribe();
    expect(feeds.last().closed, 'unsubscribing twice').to.equal(1);

    const c = subscriber(feeds.name, ['bitcoin']);
    expect(feeds.count()).to.equal(2);
    expect(c.store).to.not.equal(a.store);
    expect(c.store.status).to.equal('loading');
    expect([...c.store.quotes.keys()]).to.deep.equal([]);
    expect(feeds.last().wanted).to.deep.equal([['bitcoin']]);
    c.unsubscribe();
  });

  it('leaves no timer and no page listener behind', () => {
    let watching = 0;
    testSettings(clock, {
      activity: {
        active: () => true,
        watch() {
          watching++;
          return () => watching--;
        },
      },
    });
    const feeds = fakeFeeds();
    const a = subscriber(feeds.name, ['bitcoin']);
    const b = subscriber(feeds.name, ['bitcoin', 'ethereum']);
    expect(watching).to.equal(1);
    // Quotes start the timer that writes them to storage.
    feeds.last().context.onQuotes([quote('bitcoin', 100)]);
    expect(clock.pending).to.be.greaterThan(0);
    a.unsubscribe();
    b.unsubscribe();
    expect(clock.pending).to.equal(0);
    expect(watching).to.equal(0);
  });

  it('tells each subscriber about the coins it asked for, and every one about the status', () => {
    const feeds = fakeFeeds();
    const btc = subscriber(feeds.name, ['bitcoin']);
    const eth = subscriber(feeds.name, ['ethereum']);
    const both = subscriber(feeds.name, ['ethereum', 'bitcoin']);
    const { context } = feeds.last();

    context.onQuotes([quote('bitcoin', 100)]);
    expect([btc.calls, eth.calls, both.calls]).to.deep.equal([[['bitcoin']], [], [['bitcoin']]]);

    // The same price again changes nothing: no one is told.
    context.onQuotes([quote('bitcoin', 100)]);
    expect([btc.calls.length, eth.calls.length, both.calls.length]).to.deep.equal([1, 0, 1]);

    context.onUnknown(['ethereum']);
    expect([btc.calls.length, eth.calls.at(-1), both.calls.at(-1)]).to.deep.equal([1, ['ethereum'], ['ethereum']]);

    // A price that stopped being current is a change too.
    context.onQuotes([], ['bitcoin']);
    expect(btc.calls.at(-1)).to.deep.equal(['bitcoin']);
    expect(btc.store.isStale('bitcoin')).to.equal(true);
    expect(eth.calls).to.have.length(1);

    context.onStatus('live');
    expect([btc.calls.at(-1), eth.calls.at(-1), both.calls.at(-1)]).to.deep.equal([null, null, null]);
    // A status it already has is no news.
    const before = [btc.calls.length, eth.calls.length, both.calls.length];
    context.onStatus('live');
    expect([btc.calls.length, eth.calls.length, both.calls.length]).to.deep.equal(before);

    for (const s of [btc, eth, both]) s.unsubscribe();
  });

  it('tells of a quote whose name, symbol or logo changed at the same price: a good answer heals a bad one', () => {
    const feeds = fakeFeeds();
    const btc = subscriber(feeds.name, ['bitcoin']);
    const { context } = feeds.last();
    context.onQuotes([quote('bitcoin', 100)]);
    for (const change of [{ name: 'Bitcoin' }, { symbol: 'XBT' }, { image: 'https://example.com/btc.png' }]) {
      const told = btc.calls.length;
      context.onQuotes([{ ...btc.store.quotes.get('bitcoin')!, ...change }]);
      expect(btc.calls.slice(told), Object.keys(change)[0]).to.deep.equal([['bitcoin']]);
    }
    btc.unsubscribe();
  });
});
