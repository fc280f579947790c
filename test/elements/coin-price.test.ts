import { expect, fixture as render, html, oneEvent } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../../src/define.js';
import { pricesShown, testSettings } from '../helpers/page.js';
import type { CoinPrice } from '../../src/elements/coin-price.js';
import { FakeClock } from '../helpers/clock.js';
import { ENDPOINT, MarketsServer, marketItems, startWorker } from '../helpers/coingecko.js';

const text = (el: Element, part: string) =>
  el.shadowRoot!.querySelector(`[part~="${part}"]`)?.textContent?.replace(/\s+/g, ' ').trim();

describe('<coin-price>', () => {
  let server: MarketsServer;

  before(startWorker);

  beforeEach(async () => {
    testSettings(new FakeClock());
    server = new MarketsServer(
      await marketItems([
        { id: 'bitcoin', symbol: 'btc', name: 'Bitcoin', current_price: 113422.41, price_change_percentage_24h: 0.1 },
        {
          id: 'shiba-inu',
          symbol: 'shib',
          name: 'Shiba Inu',
          current_price: 0.00001234,
          price_change_percentage_24h: -2.5,
        },
      ]),
    );
  });

  it('shows one price and its change inline, inheriting the sentence font', async () => {
    const p = await render(
      html`<p style="font: 17px serif">Bitcoin is at <coin-price feed="coingecko" coin="bitcoin" endpoint=${ENDPOINT}></coin-price> today.</p>`,
    );
    const el = p.querySelector('coin-price')!;
    await pricesShown(el);
    expect(text(el, 'price')).to.equal('$113,422.41');
    expect(text(el, 'change')).to.equal('▲ up 0.10%');
    expect(el.shadowRoot!.querySelector('[part~="item"]')!.getAttribute('data-coin')).to.equal('bitcoin');
    expect(getComputedStyle(el).display).to.equal('inline');
    expect(getComputedStyle(el.shadowRoot!.querySelector('[part="price"]')!).fontFamily).to.equal('serif');
    expect(server.requests[0].searchParams.get('ids')).to.equal('bitcoin');
    await expect(el).to.be.accessible();
  });

  it('keeps the line height of the sentence it sits in', async () => {
    const wrapper = await render(html`<div style="font: 16px/1.5 sans-serif; inline-size: 40rem">
      <p>A plain line of text.</p>
      <p>A line with <coin-price feed="coingecko" coin="shiba-inu" endpoint=${ENDPOINT}></coin-price> in it.</p>
    </div>`);
    const [plain, withPrice] = wrapper.querySelectorAll('p');
    await pricesShown(withPrice.querySelector('coin-price')!);
    const shown = withPrice
      .querySelector('coin-price')!
      .shadowRoot!.querySelector('[part="price"] [aria-hidden="true"]')!;
    expect(shown.textContent).to.equal('$0.041234');
    expect(shown.querySelector('sub')!.textContent).to.equal('4');
    expect(withPrice.getBoundingClientRect().height).to.equal(plain.getBoundingClientRect().height);
  });

  it('hides the change with no-change, and shows a placeholder before the price arrives', async () => {
    const el = await render<CoinPrice>(
      html`<coin-price feed="coingecko" coin="bitcoin" no-change endpoint=${ENDPOINT}></coin-price>`,
    );
    expect(el.shadowRoot!.querySelector('.skeleton')).to.not.equal(null);
    await oneEvent(el, 'coin-update');
    expect(el.shadowRoot!.querySelector('.skeleton')).to.equal(null);
    expect(el.shadowRoot!.querySelector('[part~="change"]')).to.equal(null);
    expect(text(el, 'item')).to.equal('$113,422.41');
  });

  it('says so for an unknown coin', async () => {
    const el = await render<CoinPrice>(
      html`<coin-price feed="coingecko" coin="bitconi" endpoint=${ENDPOINT}></coin-price>`,
    );
    await new Promise<void>((resolve) => el.addEventListener('coin-status', (e) => e.status === 'live' && resolve()));
    expect(text(el, 'price')).to.equal('Unknown coin');
  });

  it("takes its colours from the page's colour scheme, not the reader's, unless themed", async () => {
    await emulateMedia({ colorScheme: 'dark' });
    try {
      // A light page (it declares no colour scheme) read with the system in dark mode.
      const wrapper = await render(html`<p>
        <coin-price feed="coingecko" coin="bitcoin" endpoint=${ENDPOINT}></coin-price>
        <coin-price feed="coingecko" coin="bitcoin" theme="dark" endpoint=${ENDPOINT}></coin-price>
      </p>`);
      const [auto, dark] = wrapper.querySelectorAll('coin-price');
      for (const el of [auto, dark])
        if (!el.shadowRoot!.querySelector('[part~="change"]')) await oneEvent(el, 'coin-update');
      const color = (el: Element) => getComputedStyle(el.shadowRoot!.querySelector('[part~="change"]')!).color;
      expect(color(auto), 'the light theme green').to.equal('rgb(15, 122, 54)');
      expect(color(dark), 'the dark theme green').to.equal('rgb(76, 195, 138)');
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
  });
});
