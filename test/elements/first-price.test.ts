import { expect, fixture as render, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import { registerFeed, type Feed, type Quote } from '../../src/index.js';
import type { CoinList } from '../../src/elements/coin-list.js';
import type { CoinTicker } from '../../src/elements/coin-ticker.js';
import { FakeClock } from '../helpers/clock.js';
import { pricesShown, testSettings } from '../helpers/page.js';
import { http, HttpResponse } from 'msw';
import { ENDPOINT, MarketsServer, marketItems, startWorker, worker } from '../helpers/coingecko.js';

const price = (el: Element, coin: string) =>
  el.shadowRoot!.querySelector(`[data-coin="${coin}"] [part~="price"]`)?.textContent?.trim();
const frame = () => new Promise(requestAnimationFrame);

// The first price is the number a reader waits for (issue 19): the request goes out before the elements render
// their placeholders, and the first answer renders in the task it arrives in; only later news is paced.
describe('the first price', () => {
  let clock: FakeClock;

  before(startWorker);

  beforeEach(() => {
    clock = new FakeClock();
  });

  afterEach(() => fixtureCleanup());

  it('is asked for before the first render, in one request for every list connected in the same task', async () => {
    const lists: CoinList[] = [];
    /** For each request, whether each list had rendered when it went out. */
    const renderedWhenAsked: boolean[][] = [];
    testSettings(clock, {
      fetch: (input, init) => {
        renderedWhenAsked.push(lists.map((list) => list.hasUpdated));
        return fetch(input, init);
      },
    });
    const server = new MarketsServer(
      await marketItems([
        { id: 'bitcoin', current_price: 113422.41, price_change_percentage_24h: 0.1 },
        { id: 'ethereum', current_price: 4157.53, price_change_percentage_24h: -0.33 },
        { id: 'monero', current_price: 291.83, price_change_percentage_24h: 0 },
      ]),
    );
    const container = await render<HTMLElement>(html`<div></div>`);
    for (const coins of ['bitcoin,ethereum', 'ethereum,monero']) {
      const list = Object.assign(document.createElement('coin-list') as CoinList, { coins, feed: 'coingecko' });
      list.endpoint = ENDPOINT;
      lists.push(list);
    }
    container.append(...lists);
    await Promise.all(lists.map(pricesShown));
    expect(renderedWhenAsked).to.deep.equal([[false, false]]);
    expect(server.requests[0].searchParams.get('ids')).to.equal('bitcoin,ethereum,monero');
    expect(lists.map((list) => price(list, 'ethereum'))).to.deep.equal(['$4,157.53', '$4,157.53']);
  });

  it('renders the first answer without waiting for an animation frame; later news at most once a frame, and paced', async () => {
    testSettings(clock);
    let push = (_price: number) => {};
    registerFeed('first-pushed', (context): Feed => {
      push = (value) => {
        const quote: Quote = {
          id: 'bitcoin',
          symbol: 'BTC',
          name: 'Bitcoin',
          price: value,
          change24h: 1,
          currency: 'usd',
          updatedAt: context.clock.now(),
          source: 'first-pushed',
        };
        context.onQuotes([quote]);
        context.onStatus('live');
      };
      return { want() {}, setActive() {}, close() {} };
    });
    const el = await render<CoinList>(html`<coin-list feed="first-pushed" coins="bitcoin"></coin-list>`);
    expect(el.shadowRoot!.querySelector('[data-coin="bitcoin"] .skeleton')).to.not.equal(null);
    let framed = false;
    requestAnimationFrame(() => (framed = true));

    // The answer, then only the microtasks of the task it came in.
    push(100);
    await el.updateComplete;
    expect(price(el, 'bitcoin')).to.equal('$100.00');
    expect(framed, 'an animation frame came first').to.equal(false);

    // Later news: a new price in each of eight frames in a row. Renders are counted by the frame they are in.
    const renders = new Map<number | null, number>();
    el.addEventListener('coin-update', () => {
      const at = document.timeline.currentTime as number | null;
      renders.set(at, (renders.get(at) ?? 0) + 1);
    });
    for (let i = 1; i <= 8; i++) {
      push(100 + i);
      await el.updateComplete;
      expect(price(el, 'bitcoin'), `news ${i} rendered in the task it came in`).to.not.equal(`$${100 + i}.00`);
      await frame();
    }
    while (price(el, 'bitcoin') !== '$108.00') await oneEvent(el, 'coin-update');
    const counts = [...renders.values()];
    expect(Math.max(...counts), 'renders in one frame').to.equal(1);
    // Without the pacing, each frame's news would render in a frame of its own: eight renders.
    expect(
      counts.reduce((a, b) => a + b, 0),
      'renders of eight frames of news',
    ).to.be.below(8);
  });

  it('leaves the logos of a list below the fold until it nears the view; a tape asks for every one at once', async () => {
    testSettings(clock);
    const coins = ['bitcoin', 'ethereum', 'monero', 'litecoin', 'cardano', 'solana', 'dogecoin', 'tron'];
    new MarketsServer(
      await marketItems(coins.map((id, i) => ({ id, current_price: 100 + i, price_change_percentage_24h: i }))),
    );
    /** The logos asked for, by coin; each answered with a 404 (a letter badge then stands in). */
    const asked: string[] = [];
    let onAsked = () => {};
    worker.use(
      http.get('https://coin-images.coingecko.com/*', ({ request }) => {
        asked.push(new URL(request.url).pathname.split('/').pop()!.replace('.png', ''));
        onAsked();
        return new HttpResponse(null, { status: 404 });
      }),
    );
    const logosAsked = (ids: string[]) =>
      new Promise<void>((resolve) => {
        onAsked = () => ids.every((id) => asked.includes(id)) && resolve();
        onAsked();
      });
    // A tape 200 px wide (most of its items clipped), then a list further down than Chromium ever loads ahead
    // (1,250 to 8,000 px, by the connection's type).
    const page = await render<HTMLElement>(html`<div>
      <div style="width: 200px">
        <coin-ticker feed="coingecko" endpoint=${ENDPOINT} coins=${coins.slice(2).join(',')}></coin-ticker>
      </div>
      <div style="height: 20000px"></div>
      <coin-list feed="coingecko" endpoint=${ENDPOINT} coins="bitcoin,ethereum"></coin-list>
    </div>`);
    const tape = page.querySelector<CoinTicker>('coin-ticker')!;
    const list = page.querySelector<CoinList>('coin-list')!;
    await Promise.all([pricesShown(tape), pricesShown(list)]);
    await logosAsked(coins.slice(2));
    // Lazy images are weighed against the view after each frame's layout: two frames, and still none of the list's.
    await frame();
    await frame();
    expect(
      asked.filter((id) => id === 'bitcoin' || id === 'ethereum'),
      "the list's logos, asked for 20,000 px from the view",
    ).to.deep.equal([]);

    list.scrollIntoView();
    await logosAsked(['bitcoin', 'ethereum']);
  });
});
