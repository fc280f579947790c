import { expect } from '@open-wc/testing';
import { delay, http, HttpResponse } from 'msw';
import { coingecko, type Feed, type FeedError, type FeedStatus, type Quote } from '../../src/index.js';
import { FakeClock } from '../helpers/clock.js';
import {
  ENDPOINT,
  MARKETS,
  MarketsServer,
  fixture,
  marketItems,
  worker,
  startWorker,
  type MarketItem,
} from '../helpers/coingecko.js';

/** A feed wired to recorders, the way the store wires it. */
function harness(
  options: { currency?: string; endpoint?: string; apiKey?: string; interval?: number; fetch?: typeof fetch } = {},
) {
  const clock = new FakeClock();
  const log = {
    quotes: [] as Quote[][],
    unusable: [] as string[][],
    statuses: [] as Array<{ status: FeedStatus; error?: FeedError }>,
    unknown: [] as string[][],
    top: [] as string[][],
    fetches: 0,
  };
  let changed: () => void = () => {};
  const reported = () => new Promise<void>((resolve) => (changed = resolve));
  const feed: Feed = coingecko({
    currency: options.currency ?? 'usd',
    endpoint: options.endpoint ?? ENDPOINT,
    endpoints: {},
    apiKey: options.apiKey,
    interval: () => options.interval ?? 60,
    fetch: (...args) => {
      log.fetches++;
      return (options.fetch ?? fetch)(...args);
    },
    WebSocket,
    clock,
    onQuotes: (quotes, unusable = []) => {
      log.quotes.push([...quotes]);
      log.unusable.push([...unusable]);
    },
    onStatus: (status, error) => {
      log.statuses.push({ status, error });
      changed();
    },
    onUnknown: (ids) => log.unknown.push([...ids]),
    onTop: (ids) => log.top.push([...ids]),
  });
  const last = () => log.statuses.at(-1)!;
  return { clock, log, feed, reported, last };
}

describe('coingecko feed', () => {
  let server: MarketsServer;
  let feed: Feed | undefined;

  before(startWorker);

  beforeEach(async () => {
    server = new MarketsServer(
      await marketItems([
        { id: 'bitcoin', symbol: 'btc', name: 'Bitcoin', current_price: 113422.41, price_change_percentage_24h: 0.1 },
        { id: 'ethereum', symbol: 'eth', name: 'Ethereum', current_price: 4157.53, price_change_percentage_24h: -0.33 },
      ]),
    );
  });

  afterEach(() => feed?.close());

  it('asks /coins/markets for every wanted coin in one request and maps the wire format', async () => {
    const h = harness();
    feed = h.feed;
    const done = h.reported();
    feed.want({ ids: ['bitcoin', 'ethereum'] });
    await done;
    expect(server.requests).to.have.length(1);
    const url = server.requests[0];
    expect(url.pathname).to.equal('/api/v3/coins/markets');
    expect(url.searchParams.get('vs_currency')).to.equal('usd');
    expect(url.searchParams.get('ids')).to.equal('bitcoin,ethereum');
    expect(h.last().status).to.equal('live');
    const [btc] = h.log.quotes[0];
    expect(btc).to.include({
      id: 'bitcoin',
      symbol: 'BTC',
      name: 'Bitcoin',
      price: 113422.41,
      change24h: 0.1,
      currency: 'usd',
      source: 'coingecko',
    });
    expect(btc.image).to.match(/^https:\/\/coin-images\.coingecko\.com\//);
    expect(btc.high24h).to.equal(69088);
  });

  it('reads the recorded docs example as it is', async () => {
    server.setItems(await fixture<MarketItem[]>('coingecko/coins_markets.docs_example.json'));
    const h = harness();
    feed = h.feed;
    const done = h.reported();
    feed.want({ ids: ['bitcoin'] });
    await done;
    expect(h.last().status).to.equal('live');
    expect(h.log.quotes[0][0]).to.include({ id: 'bitcoin', symbol: 'BTC', name: 'Bitcoin' });
    expect(h.log.quotes[0][0].price).to.be.a('number').and.above(0);
  });

  it('polls again every interval, and never faster than 10 s', async () => {
    const h = harness({ interval: 3 });
    feed = h.feed;
    const done = h.reported();
    feed.want({ ids: ['bitcoin'] });
    await done;
    h.clock.advance(9_999);
    expect(h.log.fetches).to.equal(1);
    h.clock.advance(1);
    expect(h.log.fetches).to.equal(2);
    await server.request(2);
  });

  it('sends a demo key as x-cg-demo-api-key, and the pro header on the pro host', async () => {
    const headers: Array<[string | null, string | null]> = [];
    worker.use(
      http.get('*/coins/markets', ({ request }) => {
        headers.push([request.headers.get('x-cg-demo-api-key'), request.headers.get('x-cg-pro-api-key')]);
        return HttpResponse.json([]);
      }),
    );
    const demo = harness({ apiKey: 'CG-demo' });
    let done = demo.reported();
    demo.feed.want({ ids: ['bitcoin'] });
    await done;
    demo.feed.close();
    const pro = harness({ apiKey: 'CG-pro', endpoint: 'https://pro-api.coingecko.com/api/v3' });
    done = pro.reported();
    pro.feed.want({ ids: ['bitcoin'] });
    await done;
    pro.feed.close();
    expect(headers).to.deep.equal([
      ['CG-demo', null],
      [null, 'CG-pro'],
    ]);
  });

  it('splits the union only past 250 ids', async () => {
    const ids = Array.from({ length: 251 }, (_, i) => `coin-${i}`);
    const h = harness();
    feed = h.feed;
    const done = h.reported();
    feed.want({ ids: ids });
    await done;
    expect(server.requests.map((url) => url.searchParams.get('ids')!.split(',').length)).to.deep.equal([250, 1]);
  });

  describe('on a 429', () => {
    it('waits the Retry-After seconds before asking again', async () => {
      const body = await fixture<object>('coingecko/error_429_rate_limited.json');
      server.once(() => HttpResponse.json(body, { status: 429, headers: { 'Retry-After': '119' } }));
      const h = harness();
      feed = h.feed;
      const done = h.reported();
      feed.want({ ids: ['bitcoin'] });
      await done;
      expect(h.last().status).to.equal('stale');
      expect(h.last().error?.kind).to.equal('rate-limit');
      h.clock.advance(118_999);
      expect(h.log.fetches).to.equal(1);
      h.clock.advance(1);
      expect(h.log.fetches).to.equal(2);
      await server.request(2);
    });

    it('reads Retry-After as an HTTP date too', async () => {
      const h = harness();
      feed = h.feed;
      const at = new Date(h.clock.now() + 300_000).toUTCString();
      server.once(() => HttpResponse.json({}, { status: 429, headers: { 'Retry-After': at } }));
      const done = h.reported();
      feed.want({ ids: ['bitcoin'] });
      await done;
      h.clock.advance(299_000);
      expect(h.log.fetches).to.equal(1);
      h.clock.advance(1_000);
      expect(h.log.fetches).to.equal(2);
    });

    it('waits at most a day, however far off Retry-After is', async () => {
      // 35 days: past what a timer can hold (2^31 ms), which a timer treats as no delay at all.
      server.once(() => HttpResponse.json({}, { status: 429, headers: { 'Retry-After': '3000000' } }));
      const h = harness();
      feed = h.feed;
      const done = h.reported();
      feed.want({ ids: ['bitcoin'] });
      await done;
      expect(h.last().error?.retryAt).to.equal(h.clock.now() + 86_400_000);
      h.clock.advance(86_399_999);
      expect(h.log.fetches).to.equal(1);
      h.clock.advance(1);
      expect(h.log.fetches).to.equal(2);
    });

    it('backs off exponentially with jitter without Retry-After, capped at 10 minutes', async () => {
      worker.use(http.get(MARKETS, () => HttpResponse.json({}, { status: 429 })));
      const h = harness();
      feed = h.feed;
      const waits: number[] = [];
      for (let i = 0; i < 7; i++) {
        const done = h.reported();
        if (i === 0) feed.want({ ids: ['bitcoin'] });
        else h.clock.advance(h.clock.nextDue);
        await done;
        waits.push(h.clock.nextDue);
      }
      expect(h.log.fetches).to.equal(7);
      // 60 s doubling per failure, each drawn between half and all of its step, never past 600 s.
      const steps = [60, 120, 240, 480, 600, 600, 600].map((s) => s * 1000);
      waits.forEach((wait, i) => expect(wait).to.be.within(steps[i] / 2, steps[i]));
    });
  });

  it('backs off the same way when fetch itself fails (a CORS-less 429 in a browser)', async () => {
    server.once(() => HttpResponse.error());
    const h = harness();
    feed = h.feed;
    const done = h.reported();
    feed.want({ ids: ['bitcoin'] });
    await done;
    expect(h.last()).to.deep.include({ status: 'stale' });
    expect(h.last().error?.kind).to.equal('rate-limit');
    expect(h.clock.nextDue).to.be.within(30_000, 60_000);
  });

  for (const [name, answer, kind] of [
    ['a 5xx', () => new HttpResponse('Bad gateway', { status: 502 }), 'server'],
    ['a body that is not JSON', () => new HttpResponse('<html>Just a moment...</html>', { status: 200 }), 'format'],
    ['JSON of the wrong shape', () => HttpResponse.json({ bitcoin: { usd: 1 } }), 'format'],
  ] as const) {
    it(`reports ${name} as stale, then recovers by itself`, async () => {
      const h = harness();
      feed = h.feed;
      let done = h.reported();
      feed.want({ ids: ['bitcoin'] });
      await done;
      server.once(answer);
      done = h.reported();
      h.clock.advance(60_000);
      await done;
      expect(h.last().status).to.equal('stale');
      expect(h.last().error?.kind).to.equal(kind);
      expect(h.log.quotes).to.have.length(1);
      done = h.reported();
      h.clock.advance(h.clock.nextDue);
      await done;
      expect(h.last()).to.deep.equal({ status: 'live', error: undefined });
      expect(h.log.quotes).to.have.length(2);
    });
  }

  it('aborts a request that takes over 10 s', async () => {
    server.once(async () => {
      await delay('infinite');
      return HttpResponse.json([]);
    });
    const h = harness();
    feed = h.feed;
    const done = h.reported();
    feed.want({ ids: ['bitcoin'] });
    await server.request(1);
    h.clock.advance(9_999);
    expect(h.log.statuses).to.have.length(0);
    h.clock.advance(1);
    await done;
    expect(h.last().status).to.equal('stale');
    expect(h.last().error?.kind).to.equal('timeout');
  });

  it('counts a body still arriving after 10 s as a timeout, not as unreadable data', async () => {
    // msw hands the page a whole body, so this fetch does what a browser's does with a body that stalls midway: the
    // headers arrive, and aborting the request errors the body being read.
    let responded!: () => void;
    const headersIn = new Promise<void>((resolve) => (responded = resolve));
    const stalling: typeof fetch = async (_url, init) => {
      const body = new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('[{"id":"bitcoin",'));
          init!.signal!.addEventListener('abort', () => controller.error(init!.signal!.reason));
        },
      });
      responded();
      return new Response(body, { headers: { 'Content-Type': 'application/json' } });
    };
    const h = harness({ fetch: stalling });
    feed = h.feed;
    const done = h.reported();
    feed.want({ ids: ['bitcoin'] });
    await headersIn;
    h.clock.advance(10_000);
    await done;
    expect(h.last().status).to.equal('stale');
    expect(h.last().error?.kind).to.equal('timeout');
  });

  it('reports a null price as unusable and a null change as unknown, inventing no value', async () => {
    server.setItems(
      await marketItems([
        { id: 'bitcoin', current_price: null, price_change_percentage_24h: 0.1 },
        { id: 'ethereum', current_price: 4157.53, price_change_percentage_24h: null },
        { id: 'monero', current_price: 291.83, price_change_percentage_24h: 1.5 },
      ]),
    );
    const h = harness();
    feed = h.feed;
    const done = h.reported();
    feed.want({ ids: ['bitcoin', 'ethereum', 'monero'] });
    await done;
    expect(h.log.quotes[0].map((q) => [q.id, q.change24h])).to.deep.equal([
      ['ethereum', null],
      ['monero', 1.5],
    ]);
    expect(h.log.unusable[0]).to.deep.equal(['bitcoin']);
    expect(h.log.unknown).to.deep.equal([]);
  });

  it('reports ids CoinGecko does not know', async () => {
    const h = harness();
    feed = h.feed;
    const done = h.reported();
    feed.want({ ids: ['bitcoin', 'not-a-coin'] });
    await done;
    expect(h.log.unknown).to.deep.equal([['not-a-coin']]);
  });

  it('keeps the last quote of a coin missing from a later answer, as unusable rather than unknown, warning once a coin', async () => {
    const [cardano, dogecoin] = await marketItems([
      { id: 'cardano', symbol: 'ada', name: 'Cardano', current_price: 0.8, price_change_percentage_24h: 0.5 },
      { id: 'dogecoin', symbol: 'doge', name: 'Dogecoin', current_price: 0.21, price_change_percentage_24h: 3.1 },
    ]);
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (message: unknown) => warnings.push(message);
    try {
      server.setItems([cardano, dogecoin]);
      const h = harness();
      feed = h.feed;
      let done = h.reported();
      feed.want({ ids: ['cardano', 'dogecoin'] });
      await done;
      // Cardano missing; then Dogecoin unusable and Cardano missing again; then Dogecoin alone.
      for (const items of [
        [dogecoin],
        [{ ...dogecoin, current_price: null }],
        [{ ...dogecoin, current_price: null }],
      ]) {
        server.setItems(items);
        done = h.reported();
        h.clock.advance(60_000);
        await done;
      }
      expect(h.log.unusable).to.deep.equal([[], ['cardano'], ['dogecoin', 'cardano'], ['dogecoin', 'cardano']]);
      expect(h.log.unknown).to.deep.equal([]);
      expect(warnings).to.deep.equal([
        'coin-ticker: CoinGecko sent no usable price for cardano; keeping the last good one.',
        'coin-ticker: CoinGecko sent no usable price for dogecoin; keeping the last good one.',
      ]);
    } finally {
      console.warn = warn;
    }
  });

  it('reads an answer of any length, however many items it has', async () => {
    const [bitcoin] = await marketItems([
      { id: 'bitcoin', symbol: 'btc', name: 'Bitcoin', current_price: 113422.41, price_change_percentage_24h: 0.1 },
    ]);
    // More items than a call's arguments may number: spread into one call, they would overflow the stack.
    const body = JSON.stringify([...Array.from({ length: 200_000 }, (_, i) => ({ id: `coin-${i}` })), bitcoin]);
    const h = harness({ fetch: async () => new Response(body) });
    feed = h.feed;
    const done = h.reported();
    feed.want({ ids: ['bitcoin'] });
    await done;
    expect(h.last().status).to.equal('live');
    expect(h.log.quotes[0].map((q) => q.price)).to.deep.equal([113422.41]);
  });

  // Requests that can never succeed stop polling, with CoinGecko's reason. The recorded key errors nest their message
  // in `status`, unlike the `{error}` of a bad currency.
  for (const [file, status, options, kind, message] of [
    [
      'error_400_invalid_vs_currency.json',
      400,
      { currency: 'usdt' },
      'currency',
      /^CoinGecko does not quote "usdt"\.$/,
    ],
    [
      'error_401_10002_api_key_missing.truncated.json',
      401,
      { apiKey: 'CG-demo' },
      'request',
      /^CoinGecko refused the request: API Key Missing\. /,
    ],
    [
      'error_400_10011_demo_key_on_pro_host.json',
      400,
      { apiKey: 'CG-demo' },
      'request',
      /^CoinGecko refused the request: If you are using Demo API key, please change your root URL /,
    ],
  ] as const) {
    it(`stops on the recorded ${file.replace(/^error_|\..*$/g, '')}: retrying cannot help`, async () => {
      const body = await fixture<object>(`coingecko/${file}`);
      worker.use(http.get(MARKETS, () => HttpResponse.json(body, { status })));
      const h = harness(options);
      feed = h.feed;
      const done = h.reported();
      feed.want({ ids: ['bitcoin'] });
      await done;
      expect(h.last().status).to.equal('error');
      expect(h.last().error?.kind).to.equal(kind);
      expect(h.last().error?.message).to.match(message);
      expect(h.clock.pending).to.equal(0);
    });
  }

  it("backs off on a 429 whose body is a CDN's HTML page, not JSON", async () => {
    server.once(
      () =>
        new HttpResponse('<!DOCTYPE html><title>429 Too Many Requests</title>', {
          status: 429,
          headers: { 'Retry-After': '30', 'Content-Type': 'text/html' },
        }),
    );
    const h = harness();
    feed = h.feed;
    const done = h.reported();
    feed.want({ ids: ['bitcoin'] });
    await done;
    expect(h.last().status).to.equal('stale');
    expect(h.last().error?.kind).to.equal('rate-limit');
    expect(h.clock.nextDue).to.equal(30_000);
  });

  it('drops a late answer to an older request', async () => {
    let release: () => void = () => {};
    server.once(async () => {
      await new Promise<void>((resolve) => (release = resolve));
      return HttpResponse.json(
        await marketItems([{ id: 'bitcoin', current_price: 1, price_change_percentage_24h: 0 }]),
      );
    });
    const h = harness();
    feed = h.feed;
    feed.want({ ids: ['bitcoin'] });
    await server.request(1);
    const done = h.reported();
    feed.want({ ids: ['bitcoin', 'ethereum'] });
    await done;
    release();
    await server.request(2);
    expect(h.log.quotes).to.have.length(1);
    expect(h.log.quotes[0].find((q) => q.id === 'bitcoin')?.price).to.equal(113422.41);
  });

  it('pauses while inactive and catches up at once when data is older than the interval', async () => {
    const h = harness();
    feed = h.feed;
    const done = h.reported();
    feed.want({ ids: ['bitcoin'] });
    await done;
    feed.setActive(false);
    h.clock.advance(600_000);
    expect(h.log.fetches).to.equal(1);
    expect(h.clock.pending).to.equal(0);
    feed.setActive(true);
    h.clock.advance(0);
    expect(h.log.fetches).to.equal(2);
  });

  it('waits out the rest of the interval when it comes back early', async () => {
    const h = harness();
    feed = h.feed;
    const done = h.reported();
    feed.want({ ids: ['bitcoin'] });
    await done;
    feed.setActive(false);
    h.clock.advance(20_000);
    feed.setActive(true);
    h.clock.advance(39_999);
    expect(h.log.fetches).to.equal(1);
    h.clock.advance(1);
    expect(h.log.fetches).to.equal(2);
  });

  it('times the next poll on the monotonic clock: setting the wall clock while hidden brings nothing forward', async () => {
    const h = harness();
    feed = h.feed;
    const done = h.reported();
    feed.want({ ids: ['bitcoin'] });
    await done;
    feed.setActive(false);
    h.clock.advance(20_000);
    h.clock.jump(3_600_000);
    feed.setActive(true);
    h.clock.advance(39_999);
    expect(h.log.fetches).to.equal(1);
    h.clock.advance(1);
    expect(h.log.fetches).to.equal(2);
  });

  it('stops every timer and request when nothing is wanted or it is closed', async () => {
    const h = harness();
    feed = h.feed;
    const done = h.reported();
    feed.want({ ids: ['bitcoin'] });
    await done;
    feed.want({ ids: [] });
    expect(h.clock.pending).to.equal(0);
    feed.want({ ids: ['bitcoin'] });
    feed.close();
    feed.close();
    await Promise.resolve();
    expect(h.clock.pending).to.equal(0);
    expect(h.log.fetches).to.equal(1);
  });
});
