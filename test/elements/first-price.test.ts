import { expect, fixture as render, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import { registerFeed, type Feed, type Quote } from '../../src/index.js';
import type { CoinList } from '../../src/elements/coin-list.js';
import { FakeClock } from '../helpers/clock.js';
import { testSettings } from '../helpers/page.js';

const price = (el: Element, coin: string) =>
  el.shadowRoot!.querySelector(`[data-coin="${coin}"] [part~="price"]`)?.textContent?.trim();
const frame = () => new Promise(requestAnimationFrame);

// The first price is the number a reader waits for (issue 19): the request goes out before the elements render
// their placeholders, and the first answer renders in the task it arrives in; only later news is paced.
describe('the first price', () => {
  let clock: FakeClock;

  beforeEach(() => {
    clock = new FakeClock();
  });

  afterEach(() => fixtureCleanup());

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
});
