import { expect, fixture as render, html, oneEvent } from '@open-wc/testing';
import { HttpResponse } from 'msw';
import '../../src/define.js';
import type { CoinStatusEvent } from '../../src/index.js';
import { FakeClock } from '../helpers/clock.js';
import { pricesShown, spokenText, testSettings } from '../helpers/page.js';
import { ENDPOINT, MarketsServer, fixture, marketItems, startWorker } from '../helpers/coingecko.js';

/** Each element, showing Bitcoin (and Ethereum where it shows several) from the test CoinGecko. */
const ELEMENTS = {
  'coin-list': (currency: string) =>
    html`<coin-list feed="coingecko" coins="bitcoin,ethereum" currency=${currency} endpoint=${ENDPOINT}></coin-list>`,
  'coin-ticker': (currency: string) =>
    html`<coin-ticker feed="coingecko" coins="bitcoin,ethereum" currency=${currency} endpoint=${ENDPOINT}></coin-ticker>`,
  'coin-price': (currency: string) =>
    html`<coin-price feed="coingecko" coin="bitcoin" currency=${currency} endpoint=${ENDPOINT}></coin-price>`,
  'coin-card': (currency: string) =>
    html`<coin-card feed="coingecko" coin="bitcoin" currency=${currency} endpoint=${ENDPOINT}></coin-card>`,
};

/** Any of the four: a Lit element. */
type Shown = HTMLElement & { updateComplete: Promise<boolean> };

const status = (el: HTMLElement, wanted: string) =>
  new Promise<CoinStatusEvent>((resolve) =>
    el.addEventListener('coin-status', (e) => e.status === wanted && resolve(e)),
  );

const read = (el: Element) => spokenText(el.shadowRoot!);

describe('every element says what state its prices are in', () => {
  let clock: FakeClock;
  let server: MarketsServer;
  const warn = console.warn;

  before(startWorker);

  beforeEach(async () => {
    clock = new FakeClock();
    testSettings(clock);
    console.warn = () => {};
    server = new MarketsServer(
      await marketItems([
        { id: 'bitcoin', symbol: 'btc', name: 'Bitcoin', current_price: 113422.41, price_change_percentage_24h: 0.1 },
        { id: 'ethereum', symbol: 'eth', name: 'Ethereum', current_price: 4157.53, price_change_percentage_24h: -0.33 },
      ]),
    );
  });

  afterEach(() => {
    console.warn = warn;
  });

  for (const [tag, template] of Object.entries(ELEMENTS)) {
    it(`<${tag}> shows the feed's error in place of placeholders that would never fill`, async () => {
      const body = await fixture<object>('coingecko/error_400_invalid_vs_currency.json');
      server.once(() => HttpResponse.json(body, { status: 400 }));
      const el = await render<Shown>(template('usdt'));
      await status(el, 'error');
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('.skeleton'), 'a placeholder').to.equal(null);
      expect(read(el)).to.include('CoinGecko does not quote "usdt"');
      await expect(el).to.be.accessible();
    });

    it(`<${tag}> tells screen readers which prices are not current, and gives their age on hover`, async () => {
      const el = await render<Shown>(template('usd'));
      await oneEvent(el, 'coin-update');
      expect(read(el)).to.not.include('(not current)');
      const body = await fixture<object>('coingecko/error_429_rate_limited.json');
      server.once(() => HttpResponse.json(body, { status: 429 }));
      const stale = status(el, 'stale');
      clock.advance(60_000);
      await stale;
      await el.updateComplete;
      // The list puts the symbol between the price and the change.
      expect(read(el)).to.match(/\$113,422\.41 (BTC )?up 0\.10% \(not current\)/);
      expect(el.shadowRoot!.querySelector('[data-coin="bitcoin"]')!.getAttribute('title')).to.match(
        /Last updated \d+ minutes ago$/,
      );
      await expect(el).to.be.accessible();
    });
  }

  it('<coin-ticker> speaks its reason and keeps its size on a phone', async () => {
    const wrapper = await render(html`<div style="inline-size: 320px">${ELEMENTS['coin-ticker']('usd')}</div>`);
    const el = wrapper.firstElementChild as Shown;
    await pricesShown(el);
    const tape = el.shadowRoot!.querySelector('.viewport')!;
    const { width, height } = el.getBoundingClientRect();
    server.once(() => HttpResponse.json({}, { status: 500 }));
    const stale = status(el, 'stale');
    clock.advance(60_000);
    await stale;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role=status]')!.textContent).to.equal('CoinGecko has a server error');
    expect(tape.querySelector('[data-coin=bitcoin]')!.getAttribute('title')).to.match(
      /^CoinGecko has a server error · Last updated/,
    );
    expect(el.getBoundingClientRect().width).to.equal(width);
    expect(el.getBoundingClientRect().height).to.equal(height);
  });

  it('dates a stale price in English throughout, on a page in another language', async () => {
    const wrapper = await render(html`<div lang="de">${ELEMENTS['coin-list']('usd')}</div>`);
    const el = wrapper.firstElementChild as Shown;
    await pricesShown(el);
    server.once(() => HttpResponse.json({}, { status: 500 }));
    const stale = status(el, 'stale');
    clock.advance(60_000);
    await stale;
    await el.updateComplete;
    // "Last updated 4 minutes ago", never "Last updated vor 4 Minuten".
    expect(el.shadowRoot!.querySelector('[data-coin="bitcoin"]')!.getAttribute('title')).to.match(
      /^Last updated \d+ minutes ago$/,
    );
  });
});
