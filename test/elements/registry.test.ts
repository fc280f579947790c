import { expect, fixture as render, html } from '@open-wc/testing';
import { CoinPrice } from '../../src/elements/coin-price.js';
import '../../src/register/coingecko.js';
import { registerFeed, type CoinStatusEvent, type FeedContext } from '../../src/index.js';
import { FakeClock } from '../helpers/clock.js';
import { PageLog, spokenText, testSettings } from '../helpers/page.js';
import { ENDPOINT, MarketsServer, marketItems, startWorker } from '../helpers/coingecko.js';

/**
 * An app that imports one element class and registers the one feed it uses, as the README shows: no `define`, no
 * bundle, so no other feed is registered on this page.
 */
customElements.define('coin-price', CoinPrice);

const status = (el: HTMLElement, wanted: string) =>
  new Promise<CoinStatusEvent>((resolve) =>
    el.addEventListener('coin-status', (e) => e.status === wanted && resolve(e)),
  );

describe('an element imported alone, with the feeds it registers', () => {
  let log: PageLog;

  before(startWorker);

  beforeEach(async () => {
    testSettings(new FakeClock());
    log = new PageLog();
    new MarketsServer(
      await marketItems([
        { id: 'bitcoin', symbol: 'btc', name: 'Bitcoin', current_price: 113422.41, price_change_percentage_24h: 0.1 },
      ]),
    );
  });

  afterEach(() => log.restore());

  it('prices a coin from the feed its page registered', async () => {
    const el = await render<CoinPrice>(
      html`<coin-price feed="coingecko" endpoint=${ENDPOINT} coin="bitcoin"></coin-price>`,
    );
    await status(el, 'live');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=price]')!.textContent).to.equal('$113,422.41');
  });

  it('says which import a built-in feed needs, once, when its page did not register it', async () => {
    const el = await render<CoinPrice>(html`<coin-price feed="kraken" coin="bitcoin"></coin-price>`);
    const again = await render<CoinPrice>(html`<coin-price feed="kraken" coin="ethereum"></coin-price>`);
    await el.updateComplete;
    await again.updateComplete;
    // In the page, the reader's words; in the console, what the developer must do.
    expect(spokenText(el.shadowRoot!)).to.equal('feed "kraken" is not a feed; use coingecko');
    expect(log.warnings).to.deep.equal([
      'coin-ticker: Feed "kraken" is not registered: import "coin-ticker/feeds/kraken.js".',
    ]);
  });

  it('picks up a feed registered after it', async () => {
    const el = await render<CoinPrice>(html`<coin-price feed="later" coin="bitcoin"></coin-price>`);
    await el.updateComplete;
    expect(spokenText(el.shadowRoot!)).to.equal('feed "later" is not a feed; use coingecko');
    expect(log.warnings).to.deep.equal([
      'coin-ticker: Feed "later" is not a feed: call registerFeed("later", factory), or use a registered one.',
    ]);
    const live = status(el, 'live');
    registerFeed('later', (context: FeedContext) => ({
      want({ ids }) {
        queueMicrotask(() => {
          context.onQuotes(
            ids.map((id) => ({
              id,
              symbol: 'BTC',
              name: 'Bitcoin',
              price: 2,
              change24h: 0,
              currency: 'usd',
              updatedAt: context.clock.now(),
              source: 'later',
            })),
          );
          context.onStatus('live');
        });
      },
      setActive() {},
      close() {},
    }));
    await live;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=price]')!.textContent).to.equal('$2.00');
  });
});
