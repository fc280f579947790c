import { expect, fixture as render, html, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import { html as template } from 'lit/html.js';
import { CoinList, CoinTicker } from '../../src/index.js';
import { testSettings } from '../helpers/page.js';
import { FakeClock } from '../helpers/clock.js';
import { ENDPOINT, MarketsServer, marketItems, startWorker } from '../helpers/coingecko.js';

const price = (el: Element, id: string) => el.shadowRoot!.querySelector(`[data-coin="${id}"] [part="price"]`)?.textContent?.trim();

/** What every element inherits: attributes to typed properties and back, and properties set before definition. */
describe('element properties and attributes', () => {
  before(startWorker);

  beforeEach(async () => {
    testSettings(new FakeClock());
    new MarketsServer(
      await marketItems([
        { id: 'bitcoin', symbol: 'btc', name: 'Bitcoin', current_price: 113422.41, price_change_percentage_24h: 0.1 },
        { id: 'ethereum', symbol: 'eth', name: 'Ethereum', current_price: 4157.53, price_change_percentage_24h: -0.33 },
      ]),
    );
  });

  it('keeps properties a framework set before the script defined the element', async () => {
    // A framework may create and configure the element before an async script tag has run.
    const el = Object.assign(document.createElement('early-coin-list'), { coins: 'ethereum, bitcoin', feed: 'coingecko', endpoint: ENDPOINT });
    document.body.append(el);
    try {
      customElements.define('early-coin-list', class extends CoinList {});
      const list = el as CoinList;
      await oneEvent(list, 'coin-update');
      await list.updateComplete;
      const rows = [...list.shadowRoot!.querySelectorAll('[part="item"]')].map((row) => row.getAttribute('data-coin'));
      expect(rows).to.deep.equal(['ethereum', 'bitcoin']);
      expect(price(list, 'bitcoin')).to.equal('$113,422.41');
      // The accessors work after the hand-over.
      list.coins = 'bitcoin';
      await list.updateComplete;
      expect(list.shadowRoot!.querySelectorAll('[part="item"]').length).to.equal(1);
    } finally {
      el.remove();
    }
  });

  it('reads numbers and booleans from attributes, and reflects what styles select on', async () => {
    const el = await render<CoinTicker>(html`<coin-ticker feed="coingecko" coins="bitcoin" endpoint=${ENDPOINT} speed="80" paused></coin-ticker>`);
    expect(el.speed).to.equal(80);
    expect(el.paused).to.equal(true);
    expect(el.getAttribute('theme'), 'the default theme, reflected').to.equal('auto');
    el.removeAttribute('paused');
    expect(el.paused).to.equal(false);
    el.paused = true;
    await el.updateComplete;
    expect(el.hasAttribute('paused')).to.equal(true);
    expect(el.shadowRoot!.querySelector('[part="pause"]')!.getAttribute('aria-pressed')).to.equal('true');
    // Set as a property, the theme reaches the attribute its styles select on.
    el.theme = 'dark';
    await el.updateComplete;
    expect(el.getAttribute('theme')).to.equal('dark');
    expect(getComputedStyle(el).colorScheme).to.equal('dark');
    el.setAttribute('theme', 'light');
    expect(el.theme).to.equal('light');
    await el.updateComplete;
    expect(getComputedStyle(el).colorScheme).to.equal('light');
  });

  it('lets a subclass redeclare an inherited property, and keeps an accessor it defines itself', async () => {
    const seen: string[] = [];
    class ReflectingTicker extends CoinTicker {
      static override properties = { speed: { type: Number, reflect: true } };
    }
    // An accessor of its own, the way a JavaScript subclass writes one, passing values on to the inherited one.
    const inherited = Object.getOwnPropertyDescriptor(CoinTicker.prototype, 'coins')!;
    Object.defineProperty(ReflectingTicker.prototype, 'coins', {
      get() {
        return inherited.get!.call(this);
      },
      set(value: string) {
        seen.push(value);
        inherited.set!.call(this, value);
      },
    });
    customElements.define('reflecting-ticker', ReflectingTicker);
    const el = await render<ReflectingTicker>(html`<reflecting-ticker feed="coingecko" coins="bitcoin" endpoint=${ENDPOINT}></reflecting-ticker>`);
    el.speed = 120;
    await el.updateComplete;
    expect(el.getAttribute('speed'), 'reflected, as the subclass asks').to.equal('120');
    expect(seen).to.include('bitcoin');
    expect(el.shadowRoot!.querySelector('[data-coin="bitcoin"]')).to.not.equal(null);
  });

  it('resolves updateComplete, read before the element is on the page, after its first render', async () => {
    const el = document.createElement('coin-list');
    Object.assign(el, { feed: 'coingecko', coins: 'bitcoin', endpoint: ENDPOINT });
    const row = el.updateComplete.then(() => el.shadowRoot!.querySelector('[data-coin="bitcoin"]'));
    document.body.append(el);
    try {
      expect(await row).to.not.equal(null);
    } finally {
      el.remove();
    }
  });

  it('renders again for a change made while its content is being put on the page', async () => {
    // A child that announces itself when connected, and a parent that shows what it heard.
    customElements.define('announcing-child', class extends HTMLElement {
      connectedCallback() {
        this.dispatchEvent(new Event('announce', { bubbles: true }));
      }
    });
    class Listening extends CoinList {
      static override properties = { heard: { type: Boolean } };
      declare heard: boolean;
      override render() {
        return template`<announcing-child @announce=${() => (this.heard = true)}></announcing-child><p>${this.heard ? 'heard' : 'waiting'}</p>`;
      }
    }
    customElements.define('listening-list', Listening);
    const el = await render<Listening>(html`<listening-list></listening-list>`);
    await el.updateComplete;
    expect(el.heard).to.equal(true);
    expect(el.shadowRoot!.querySelector('p')!.textContent).to.equal('heard');
  });

  it('renders changes made together in one update, which updateComplete waits for', async () => {
    const el = await render<CoinList>(html`<coin-list feed="coingecko" coins="bitcoin" endpoint=${ENDPOINT}></coin-list>`);
    await oneEvent(el, 'coin-update');
    await el.updateComplete;
    const list = el.shadowRoot!.querySelector('ul');
    el.coins = 'ethereum';
    el.coins = 'bitcoin,ethereum';
    el.noLogo = true;
    expect(el.shadowRoot!.querySelectorAll('[part="item"]').length, 'not yet rendered').to.equal(1);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('ul'), 'the same list, updated in place').to.equal(list);
    expect([...el.shadowRoot!.querySelectorAll('[part="item"]')].map((row) => row.getAttribute('data-coin'))).to.deep.equal(['bitcoin', 'ethereum']);
    expect(el.shadowRoot!.querySelector('[part~="logo"]')).to.equal(null);
    expect(el.hasAttribute('no-logo')).to.equal(true);
  });
});
