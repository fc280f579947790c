import { fixtureCleanup } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { http, HttpResponse, type HttpResponseResolver } from 'msw';
import { FakeClock } from './clock.js';
import { testSettings } from './page.js';

/** Where the tests' CoinGecko lives; msw answers for it, nothing leaves the machine. */
export const ENDPOINT = 'https://coingecko.test/api/v3';
export const MARKETS = `${ENDPOINT}/coins/markets`;

export const worker = setupWorker();

export async function startWorker() {
  await worker.start({ onUnhandledRequest: 'bypass', quiet: true });
}

/** A recorded fixture from test/fixtures/feeds, served by the test runner. */
export async function fixture<T = unknown>(path: string): Promise<T> {
  const response = await fetch(`/test/fixtures/feeds/${path}`);
  if (!response.ok) throw new Error(`fixture ${path}: ${response.status}`);
  return response.json() as Promise<T>;
}

export type MarketItem = Record<string, unknown> & { id: string };

/**
 * Market items in CoinGecko's recorded wire format: the recorded Bitcoin object with the identity and figures
 * of each coin laid over it.
 */
export async function marketItems(
  coins: Array<
    Partial<MarketItem> & { id: string; current_price: number | null; price_change_percentage_24h: number | null }
  >,
): Promise<MarketItem[]> {
  const [recorded] = await fixture<MarketItem[]>('coingecko/coins_markets.recorded_2026-02-17_sparkline_pct24h.json');
  const { sparkline_in_7d: _, ...base } = recorded;
  return coins.map((coin) => ({
    ...base,
    symbol: coin.id.slice(0, 3),
    name: coin.id[0].toUpperCase() + coin.id.slice(1),
    image: `https://coin-images.coingecko.com/coins/images/1/large/${coin.id}.png?1696501400`,
    ...coin,
  }));
}

/** Every `/coins/markets` request msw saw, with a way to wait for the next one. */
export class MarketsServer {
  readonly requests: URL[] = [];
  private waiters: Array<(url: URL) => boolean> = [];

  constructor(private items: MarketItem[]) {
    worker.resetHandlers(http.get(MARKETS, ({ request }) => this.answer(request, () => this.ok(request))));
  }

  /** Later answers come from these items, filtered by the request's ids as CoinGecko does. */
  setItems(items: MarketItem[]) {
    this.items = items;
  }

  /** The next request gets this answer instead. */
  once(resolver: HttpResponseResolver) {
    worker.use(http.get(MARKETS, (info) => this.answer(info.request, () => resolver(info)), { once: true }));
  }

  /** From now on, requests for a ranking (no ids) get a 400 with this body; requests for named coins are answered. */
  refuseRanking(body: { error: string }) {
    worker.use(
      http.get(MARKETS, ({ request }) =>
        new URL(request.url).searchParams.has('ids')
          ? undefined
          : this.answer(request, () => HttpResponse.json(body, { status: 400 })),
      ),
    );
  }

  /** Resolves with the next request msw receives (or the one already received past `count`). */
  request(count = this.requests.length + 1): Promise<URL> {
    if (this.requests.length >= count) return Promise.resolve(this.requests[count - 1]);
    return new Promise((resolve) =>
      this.waiters.push((url) => {
        if (this.requests.length < count) return false;
        resolve(url);
        return true;
      }),
    );
  }

  private answer<T>(request: Request, respond: () => T): T {
    const url = new URL(request.url);
    this.requests.push(url);
    this.waiters = this.waiters.filter((waiter) => !waiter(url));
    return respond();
  }

  /** As CoinGecko answers: the ids asked for, or without ids the largest `per_page` by market cap, in that order. */
  private ok(request: Request) {
    const params = new URL(request.url).searchParams;
    const ids = params.get('ids')?.split(',');
    if (ids) return HttpResponse.json(this.items.filter((item) => ids.includes(item.id)));
    if (params.get('order') !== 'market_cap_desc') throw new Error(`unexpected query: ${request.url}`);
    const ranked = this.items.toSorted((a, b) => Number(b.market_cap) - Number(a.market_cap));
    return HttpResponse.json(ranked.slice(0, Number(params.get('per_page') ?? 100)));
  }
}

/**
 * Mocha hooks for a suite of elements on the test CoinGecko: msw started once, and before each test a fake clock, the
 * test settings, a CoinGecko serving `items()` and console warnings caught; after it, the fixtures gone and the
 * console as it was. What each test uses is on the object returned.
 */
export function marketsSuite(items: () => Promise<MarketItem[]>) {
  const suite = { clock: new FakeClock(), server: undefined as unknown as MarketsServer, warnings: [] as string[] };
  const warn = console.warn;
  before(startWorker);
  beforeEach(async () => {
    suite.clock = new FakeClock();
    suite.warnings = [];
    console.warn = (message: string) => suite.warnings.push(message);
    testSettings(suite.clock);
    suite.server = new MarketsServer(await items());
  });
  afterEach(() => {
    fixtureCleanup();
    console.warn = warn;
  });
  return suite;
}
