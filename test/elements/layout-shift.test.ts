import { expect, fixtureCleanup, html } from '@open-wc/testing';
import { HttpResponse, http } from 'msw';
import '../../src/define.js';
import type { CoinStatusEvent } from '../../src/index.js';
import { FakeClock } from '../helpers/clock.js';
import { testSettings } from '../helpers/page.js';
import { ENDPOINT, MARKETS, MarketsServer, marketItems, startWorker, worker } from '../helpers/coingecko.js';
import { LayoutShifts, page } from '../helpers/layout.js';

const status = (el: HTMLElement, wanted: string) =>
  new Promise<CoinStatusEvent>((resolve) =>
    el.addEventListener('coin-status', (e) => e.status === wanted && resolve(e)),
  );

/**
 * CLS exactly 0 (design.md): nothing that happens after an element's first render (prices landing, a feed failing,
 * recovering, failing again) may move anything on the page.
 */
const COINS = [
  { id: 'bitcoin', symbol: 'btc', name: 'Bitcoin', current_price: 113422.41, price_change_percentage_24h: 0.1 },
  { id: 'pirate-chain', symbol: 'arrr', name: 'Pirate Chain', current_price: 0.21, price_change_percentage_24h: -0.66 },
];

describe('layout shift', () => {
  let clock: FakeClock;
  let server: MarketsServer;
  let shifts: LayoutShifts;
  let asked: number;

  before(startWorker);

  beforeEach(async () => {
    clock = new FakeClock();
    asked = 0;
    // Counted as the feed asks, not as msw answers: the fake clock must stop at the request, not run past its deadline.
    testSettings(clock, { fetch: (...args) => (asked++, fetch(...args)) });
    server = new MarketsServer(
      await marketItems([
        { id: 'bitcoin', symbol: 'btc', name: 'Bitcoin', current_price: 113422.41, price_change_percentage_24h: 0.1 },
        {
          id: 'pirate-chain',
          symbol: 'arrr',
          name: 'Pirate Chain',
          current_price: 0.21,
          price_change_percentage_24h: -0.66,
        },
      ]),
    );
    shifts = new LayoutShifts();
  });

  /** Answers wait until `answer()`: the test listens for what they bring before it comes. */
  function hold() {
    let answer!: () => void;
    const held = new Promise<void>((resolve) => (answer = resolve));
    // Every request, not only the first: one aborted and made again must not be answered before the test listens.
    worker.use(
      http.get(MARKETS, async () => {
        await held;
        return HttpResponse.json(await marketItems(COINS));
      }),
    );
    return { answer };
  }

  afterEach(() => {
    shifts.stop();
    fixtureCleanup();
  });

  it('is counted: a control that moves the text under a widget', async () => {
    // A list with no coins asks for nothing: no request of this test can reach the next one's server.
    const main = await page(html`<coin-list feed="coingecko" endpoint=${ENDPOINT}></coin-list>`);
    await shifts.reset();
    main.querySelector('p')!.before(Object.assign(document.createElement('div'), { style: 'block-size: 40px' }));
    expect(await shifts.total()).to.be.greaterThan(0);
  });

  it('is 0 when the prices of a list and a card land after their first render', async () => {
    const first = hold();
    const main = await page(html`
      <coin-list feed="coingecko" coins="bitcoin,pirate-chain" endpoint=${ENDPOINT}></coin-list>
      <coin-card feed="coingecko" coin="pirate-chain" endpoint=${ENDPOINT}></coin-card>
    `);
    const [list, card] = main.querySelectorAll<HTMLElement & { updateComplete: Promise<boolean> }>(
      'coin-list, coin-card',
    );
    await shifts.reset();
    const live = Promise.all([status(list, 'live'), status(card, 'live')]);
    first.answer();
    await live;
    await Promise.all([list.updateComplete, card.updateComplete]);
    expect(list.shadowRoot!.querySelector('.skeleton'), 'a placeholder left').to.equal(null);
    expect(await shifts.total()).to.equal(0);
  });

  it('is 0 while a list, a card and a tape fail after showing prices, recover, and fail again', async () => {
    const first = hold();
    const main = await page(html`
      <coin-ticker feed="coingecko" coins="bitcoin,pirate-chain" endpoint=${ENDPOINT}></coin-ticker>
      <coin-list feed="coingecko" coins="bitcoin,pirate-chain" endpoint=${ENDPOINT}></coin-list>
      <coin-card feed="coingecko" coin="bitcoin" endpoint=${ENDPOINT}></coin-card>
    `);
    const elements = [
      ...main.querySelectorAll<HTMLElement & { updateComplete: Promise<boolean> }>('coin-ticker, coin-list, coin-card'),
    ];
    const live = Promise.all(elements.map((el) => status(el, 'live')));
    first.answer();
    await live;
    await shifts.reset();
    for (const fault of [429, 500]) {
      server.once(() => HttpResponse.json({}, { status: fault }));
      const stale = Promise.all(elements.map((el) => status(el, 'stale')));
      clock.advance(60_000);
      await stale;
      await Promise.all(elements.map((el) => el.updateComplete));
      expect(elements[1].shadowRoot!.querySelector('[part=status]')!.textContent).to.match(
        /rate-limiting|server error/,
      );
      expect(await shifts.total(), `after a ${fault}`).to.equal(0);
      const live = Promise.all(elements.map((el) => status(el, 'live')));
      // To the poller's next try, whenever its backoff put it.
      for (const before = asked; asked === before;) clock.advance(clock.nextDue);
      await live;
      await Promise.all(elements.map((el) => el.updateComplete));
      expect(await shifts.total(), `after recovering from a ${fault}`).to.equal(0);
    }
  });
});
