import { expect, fixture as render, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { HttpResponse } from 'msw';
import '../../src/define.js';
import type { CoinCard } from '../../src/elements/coin-card.js';
import type { CoinList } from '../../src/elements/coin-list.js';
import type { CoinTable } from '../../src/elements/coin-table.js';
import { FakeClock } from '../helpers/clock.js';
import { pricesShown, testSettings } from '../helpers/page.js';
import { ENDPOINT, MarketsServer, marketItems, startWorker } from '../helpers/coingecko.js';

const KEY = 'coin-ticker:currency';

const price = (el: Element, coin = 'bitcoin') =>
  el.shadowRoot!.querySelector(`[data-coin="${coin}"] [part~="price"]`)!.textContent!.trim();
const buttons = (el: Element) => [
  ...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="currency-switch"] button'),
];
const pressed = (el: Element) => buttons(el).find((b) => b.getAttribute('aria-pressed') === 'true')?.textContent;
const button = (el: Element, code: string) => buttons(el).find((b) => b.textContent === code)!;

const BITCOIN = {
  id: 'bitcoin',
  symbol: 'btc',
  name: 'Bitcoin',
  current_price: 113422.41,
  price_change_percentage_24h: 0.1,
};

describe('currencies: the reader’s currency switch', () => {
  let clock: FakeClock;
  let server: MarketsServer;
  let stored: Map<string, string>;

  before(startWorker);

  beforeEach(async () => {
    clock = new FakeClock();
    stored = new Map();
    testSettings(clock, {
      storage: { getItem: (key) => stored.get(key) ?? null, setItem: (k, v) => stored.set(k, v) },
    });
    server = new MarketsServer(await marketItems([BITCOIN]));
  });

  afterEach(() => fixtureCleanup());

  it('switches every element that offers the currency, shows no old figure under the new symbol, and remembers it', async () => {
    const page = await render(html`
      <div>
        <coin-list feed="coingecko" coins="bitcoin" currencies="usd,eur" endpoint=${ENDPOINT}></coin-list>
        <coin-card feed="coingecko" coin="bitcoin" currencies="usd eur gbp" endpoint=${ENDPOINT}></coin-card>
        <coin-list feed="coingecko" coins="bitcoin" endpoint=${ENDPOINT}></coin-list>
        <coin-table feed="coingecko" coins="bitcoin" currencies="usd,eur" endpoint=${ENDPOINT}></coin-table>
      </div>
    `);
    const [list, card, plain, table] = [...page.children] as [CoinList, CoinCard, CoinList, CoinTable];
    await Promise.all([pricesShown(list), pricesShown(card), pricesShown(plain), pricesShown(table)]);
    expect([list, card].map(pressed)).to.deep.equal(['USD', 'USD']);
    expect(buttons(card).map((b) => b.textContent)).to.deep.equal(['USD', 'EUR', 'GBP']);
    expect(buttons(plain), 'no switch without currencies').to.have.length(0);
    await expect(list).to.be.accessible();

    // The euro answer is held back: until it comes, the switched elements show placeholders, never dollar figures.
    let answer!: () => void;
    const held = new Promise<void>((resolve) => (answer = resolve));
    server.once(async () => {
      await held;
      return HttpResponse.json(await marketItems([{ ...BITCOIN, current_price: 97512.3 }]));
    });
    button(list, 'EUR').click();
    await Promise.all([list.updateComplete, card.updateComplete, plain.updateComplete, table.updateComplete]);
    expect([list, card, table].map(pressed)).to.deep.equal(['EUR', 'EUR', 'EUR']);
    expect([price(list), price(card), price(table)], 'placeholders while the euro prices travel').to.deep.equal([
      '',
      '',
      '',
    ]);
    expect(price(plain)).to.equal('$113,422.41');
    expect(stored.get(KEY)).to.equal('eur');

    const shown = Promise.all([list, card, table].map((el) => oneEvent(el, 'coin-update')));
    answer();
    await shown;
    const euros = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR' }).format(97512.3);
    expect([price(list), price(card), price(table)]).to.deep.equal([euros, euros, euros]);
    await expect(table).to.be.accessible();
    expect(new URL(server.requests.at(-1)!).searchParams.get('vs_currency')).to.equal('eur');
    await expect(card).to.be.accessible();

    // From the keyboard: a currency the list does not offer switches the card; the list goes back to its default.
    button(card, 'GBP').focus();
    await sendKeys({ press: 'Enter' });
    await card.updateComplete;
    await list.updateComplete;
    expect([pressed(list), pressed(card)]).to.deep.equal(['USD', 'GBP']);
    expect(stored.get(KEY)).to.equal('gbp');
  });

  it('keeps the choice across a reload of the page', async () => {
    const sim = await executeServerCommand<string, undefined>('simulator-url');
    localStorage.removeItem(KEY);
    const frame = document.createElement('iframe');
    frame.src = `/test/pages/currency-switch.html?sim=${encodeURIComponent(sim)}`;
    let loaded = oneEvent(frame, 'load');
    document.body.append(frame);
    try {
      await loaded;
      const elements = () => [...frame.contentDocument!.querySelectorAll<HTMLElement>('coin-list, coin-card')];
      await Promise.all(elements().map(pricesShown));
      const [list, card, plain] = elements();
      expect(elements().map((el) => price(el)[0])).to.deep.equal(['$', '$', '$']);
      const switched = Promise.all([oneEvent(list, 'coin-update'), oneEvent(card, 'coin-update')]);
      button(list, 'EUR').click();
      await switched;
      expect([price(list)[0], price(card)[0], price(plain)[0]]).to.deep.equal(['€', '€', '$']);

      loaded = oneEvent(frame, 'load');
      frame.contentWindow!.location.reload();
      await loaded;
      await Promise.all(elements().map(pricesShown));
      expect(elements().map((el) => price(el)[0])).to.deep.equal(['€', '€', '$']);
      expect(elements().map(pressed)).to.deep.equal(['EUR', 'EUR', undefined]);
    } finally {
      frame.remove();
      localStorage.removeItem(KEY);
    }
  });
});
