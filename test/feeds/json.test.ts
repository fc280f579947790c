import { expect, fixture as render, html, oneEvent } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import '../../src/define.js';
import { registerFeed, type CoinUpdateEvent, type Feed, type Quote } from '../../src/index.js';
import type { CoinList } from '../../src/elements/coin-list.js';
import { FakeClock } from '../helpers/clock.js';
import { testSettings } from '../helpers/page.js';
import { fixture, startWorker, worker } from '../helpers/coingecko.js';

const PRICES = 'https://my-site.test/prices.json';
const text = (el: Element, coin: string, part: string) =>
  el.shadowRoot!.querySelector(`[data-coin="${coin}"] [part~="${part}"]`)?.textContent?.replace(/\s+/g, ' ').trim();

describe('custom coins', () => {
  let clock: FakeClock;

  before(startWorker);

  beforeEach(() => {
    clock = new FakeClock();
    testSettings(clock);
  });

  it('the json feed shows a site token from an array of quotes, a price of 0 as $0.00', async () => {
    worker.resetHandlers(
      http.get(PRICES, () =>
        HttpResponse.json([
          {
            id: 'openvoicecoin',
            symbol: 'ovc',
            name: 'OpenVoiceCoin',
            image: 'javascript:alert(1)',
            price: 0,
            change24h: null,
          },
          // Fields of CoinGecko's own that the json shape does not have are not read.
          {
            id: 'my-token',
            symbol: 'MYT',
            name: 'My Token',
            price: 1.5,
            change24h: 2,
            last_updated: '2000-01-01T00:00:00Z',
            market_cap: 5,
          },
        ]),
      ),
    );
    const el = await render<CoinList>(
      html`<coin-list feed="json" endpoint=${PRICES} coins="openvoicecoin,my-token,missing"></coin-list>`,
    );
    const { quotes } = (await oneEvent(el, 'coin-update')) as unknown as CoinUpdateEvent;
    const token = quotes.find((quote) => quote.id === 'my-token');
    expect([token?.updatedAt, token?.marketCap, token?.source]).to.deep.equal([clock.now(), undefined, 'json']);
    expect(text(el, 'openvoicecoin', 'name')).to.equal('OpenVoiceCoin');
    expect(text(el, 'openvoicecoin', 'price')).to.equal('$0.00');
    expect(text(el, 'openvoicecoin', 'change')).to.equal('—');
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(text(el, 'my-token', 'price')).to.equal('$1.50');
    expect(text(el, 'my-token', 'symbol')).to.equal('MYT');
    // Polled, so no row carries the live marker.
    expect(el.shadowRoot!.querySelector('.live')).to.equal(null);
    await el.updateComplete;
    expect(text(el, 'missing', 'price')).to.equal('Unknown coin');
  });

  it("the json feed reads CoinGecko's /simple/price shape, as recorded", async () => {
    const body = await fixture<object>('coingecko/simple_price.docs_example.json');
    worker.resetHandlers(http.get(PRICES, () => HttpResponse.json(body)));
    const el = await render<CoinList>(html`<coin-list feed="json" endpoint=${PRICES} coins="bitcoin"></coin-list>`);
    await oneEvent(el, 'coin-update');
    expect(text(el, 'bitcoin', 'price')).to.equal('$67,187.34');
    expect(text(el, 'bitcoin', 'change')).to.equal('▲ up 3.64%');
  });

  it('registerFeed plugs in any source, and the store hands it the union of wanted coins', async () => {
    const asked: string[][] = [];
    registerFeed('fixed', (context): Feed => {
      const send = (ids: readonly string[]) =>
        context.onQuotes(
          ids.map((id, i): Quote => ({
            id,
            symbol: id.slice(0, 3).toUpperCase(),
            name: id,
            price: i + 1,
            change24h: 0,
            currency: context.currency,
            updatedAt: context.clock.now(),
            source: 'fixed',
          })),
        );
      return {
        want({ ids }) {
          asked.push([...ids]);
          send(ids);
          context.onStatus('live');
        },
        setActive() {},
        close() {},
      };
    });
    const wrapper = await render(html`<div>
      <coin-list feed="fixed" coins="alpha,beta"></coin-list>
      <coin-price feed="fixed" coin="gamma"></coin-price>
    </div>`);
    const list = wrapper.querySelector('coin-list')!;
    await list.updateComplete;
    await new Promise(requestAnimationFrame);
    await list.updateComplete;
    expect(asked.at(-1)).to.deep.equal(['alpha', 'beta', 'gamma']);
    expect(text(list, 'beta', 'price')).to.equal('$2.00');
  });
});
