import { expect, fixture as render, html } from '@open-wc/testing';
import '../../src/define.js';
import '../../src/messages/de.js';
import { configure, type CoinList, type CoinStatusEvent } from '../../src/index.js';
import { defaultActivity } from '../../src/core/activity.js';
import { FakeClock } from '../helpers/clock.js';
import { pricesShown, spokenText, testSettings } from '../helpers/page.js';
import { ENDPOINT, MarketsServer, marketItems, startWorker } from '../helpers/coingecko.js';

const status = (el: HTMLElement, wanted: string) =>
  new Promise<CoinStatusEvent>((resolve) =>
    el.addEventListener('coin-status', (e) => e.status === wanted && resolve(e)),
  );

const line = (el: Element) => el.shadowRoot!.querySelector('[part=status]');

/** Storage as a page has it, in memory: what one page view leaves for the next. */
class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.items.set(key, value);
}

describe('the status line', () => {
  let clock: FakeClock;

  before(startWorker);

  beforeEach(async () => {
    clock = new FakeClock();
    testSettings(clock);
    new MarketsServer(
      await marketItems([
        { id: 'bitcoin', symbol: 'btc', name: 'Bitcoin', current_price: 113422.41, price_change_percentage_24h: 0.1 },
      ]),
    );
  });

  it('credits the source of the prices with a link, in a list and in a card', async () => {
    const main = await render<HTMLElement>(html`<div>
      <coin-list feed="coingecko" coins="bitcoin" endpoint=${ENDPOINT}></coin-list>
      <coin-card feed="coingecko" coin="bitcoin" endpoint=${ENDPOINT}></coin-card>
    </div>`);
    const elements = [...main.querySelectorAll<CoinList>('coin-list, coin-card')];
    await Promise.all(elements.map(pricesShown));
    for (const el of elements) {
      await el.updateComplete;
      expect(spokenText(line(el)!)).to.equal('Data: CoinGecko');
      const link = line(el)!.querySelector('a')!;
      expect(link.href).to.equal('https://www.coingecko.com/');
      expect(link.textContent).to.equal('CoinGecko');
      await expect(el).to.be.accessible();
    }
  });

  it('is left out with no-status, for sites that credit the source elsewhere', async () => {
    const el = await render<CoinList>(
      html`<coin-list feed="coingecko" coins="bitcoin" endpoint=${ENDPOINT} no-status></coin-list>`,
    );
    await status(el, 'live');
    await el.updateComplete;
    expect(line(el)).to.equal(null);
    expect(el.shadowRoot!.querySelector('[part=price]')!.textContent).to.equal('$113,422.41');
  });

  it('speaks German on a German page with the German words loaded', async () => {
    const main = await render<HTMLElement>(html`<div lang="de-DE">
      <coin-list feed="coingecko" coins="bitcoin" endpoint=${ENDPOINT}></coin-list>
    </div>`);
    const el = main.querySelector<CoinList>('coin-list')!;
    await pricesShown(el);
    await el.updateComplete;
    expect(spokenText(line(el)!)).to.equal('Daten: CoinGecko');
    expect(el.shadowRoot!.querySelector('ul')!.getAttribute('aria-label')).to.equal('Kryptowährungskurse');
    expect(spokenText(el.shadowRoot!)).to.include('gestiegen');
    expect(el.shadowRoot!.querySelector('[lang]'), 'nothing marked as another language').to.equal(null);
  });

  it('marks its words as English on a page in a language it has no words for', async () => {
    const main = await render<HTMLElement>(html`<div lang="fi">
      <coin-list feed="coingecko" coins="bitcoin" endpoint=${ENDPOINT}></coin-list>
    </div>`);
    const el = main.querySelector<CoinList>('coin-list')!;
    await pricesShown(el);
    await el.updateComplete;
    expect(spokenText(line(el)!)).to.equal('Data: CoinGecko');
    expect(line(el)!.getAttribute('lang')).to.equal('en');
    expect(el.shadowRoot!.querySelector('ul')!.getAttribute('lang')).to.equal('en');
  });

  it('takes the page’s own words from configure({ messages })', async () => {
    configure({ messages: { data: 'Prices by' } });
    const el = await render<CoinList>(
      html`<coin-list feed="coingecko" coins="bitcoin" endpoint=${ENDPOINT}></coin-list>`,
    );
    await status(el, 'live');
    await el.updateComplete;
    expect(spokenText(line(el)!)).to.equal('Prices by CoinGecko');
    configure({ messages: { data: undefined } });
  });
});

describe('the cache', () => {
  before(startWorker);

  it('saves the prices when the reader leaves at once, and the next page view paints them on its first frame', async () => {
    const storage = new MemoryStorage();
    const clock = new FakeClock();
    testSettings(clock, { storage, activity: defaultActivity });
    const server = new MarketsServer(
      await marketItems([
        { id: 'bitcoin', symbol: 'btc', name: 'Bitcoin', current_price: 113422.41, price_change_percentage_24h: 0.1 },
      ]),
    );
    const first = await render<CoinList>(
      html`<coin-list feed="coingecko" coins="bitcoin" endpoint=${ENDPOINT}></coin-list>`,
    );
    await status(first, 'live');
    // No time passes: the page goes the moment its first prices are in.
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    expect([...storage.items.values()].join()).to.include('113422.41');

    // The next page view: new stores under new settings, whose first request is not answered yet.
    server.once(() => new Promise(() => {}));
    testSettings(new FakeClock(), { storage, activity: defaultActivity });
    const next = await render<CoinList>(
      html`<coin-list feed="coingecko" coins="bitcoin" endpoint=${ENDPOINT}></coin-list>`,
    );
    expect(next.shadowRoot!.querySelector('[part=price]')!.textContent).to.equal('$113,422.41');
    expect(next.shadowRoot!.querySelector('[data-coin=bitcoin]')!.classList.contains('stale')).to.equal(true);
  });
});
