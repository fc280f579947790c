import { expect, fixture as render, html } from '@open-wc/testing';
import '../../src/define.js';
import type { CoinList } from '../../src/index.js';
import { FakeClock } from '../helpers/clock.js';
import { pricesShown, spokenText, testSettings } from '../helpers/page.js';
import { ENDPOINT, MarketsServer, marketItems, startWorker } from '../helpers/coingecko.js';

// A page that has not loaded coin-ticker/messages/de.js: no German table is registered in this file's page.
describe('words on a German page without the German table', () => {
  before(startWorker);

  beforeEach(async () => {
    testSettings(new FakeClock());
    new MarketsServer(
      await marketItems([
        { id: 'bitcoin', symbol: 'btc', name: 'Bitcoin', current_price: 113422.41, price_change_percentage_24h: 0.1 },
      ]),
    );
  });

  it('are English, marked lang="en", while the numbers follow the page', async () => {
    const main = await render<HTMLElement>(html`<div lang="de-DE">
      <coin-list feed="coingecko" coins="bitcoin" endpoint=${ENDPOINT}></coin-list>
      <coin-ticker feed="coingecko" coins="bitcoin" endpoint=${ENDPOINT}></coin-ticker>
    </div>`);
    const [list, tape] = [...main.querySelectorAll<CoinList>('coin-list, coin-ticker')];
    await Promise.all([list, tape].map(pricesShown));
    await Promise.all([list.updateComplete, tape.updateComplete]);
    const status = list.shadowRoot!.querySelector('[part=status]')!;
    expect(spokenText(status)).to.equal('Data: CoinGecko');
    expect(status.getAttribute('lang')).to.equal('en');
    expect(list.shadowRoot!.querySelector('ul')!.getAttribute('lang')).to.equal('en');
    const german = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'USD' }).format(113422.41);
    expect(list.shadowRoot!.querySelector('[part=price]')!.textContent).to.equal(german);
    const pause = tape.shadowRoot!.querySelector('[part=pause]')!;
    expect(pause.getAttribute('lang')).to.equal('en');
    expect(spokenText(pause)).to.equal('Pause the price tape');
  });
});
