import { expect, fixture as render, html, oneEvent } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/define.js';
import { configure } from '../../src/index.js';
import { systemClock } from '../../src/core/clock.js';
import type { CoinList } from '../../src/elements/coin-list.js';

const text = (el: Element, coin: string, name: string) =>
  el.shadowRoot!.querySelector(`[data-coin="${coin}"] [part~="${name}"]`)?.textContent?.replace(/\s+/g, ' ').trim();

// End to end over real HTTP: the demo's simulator speaks CoinGecko's /coins/markets on 127.0.0.1.
describe('<coin-list> against the market simulator', () => {
  let endpoint: string;

  before(async () => {
    endpoint = `${await executeServerCommand<string, undefined>('simulator-url')}/api/v3`;
    configure({ clock: systemClock, storage: null, fetch: undefined, locale: 'en-US' });
  });

  it('renders the rows from any server that speaks /coins/markets', async () => {
    const markets = await (await fetch(`${endpoint}/coins/markets?vs_currency=usd&ids=bitcoin,ethereum`)).json();
    const el = await render<CoinList>(
      html`<coin-list feed="coingecko" coins="bitcoin,ethereum" endpoint=${endpoint}></coin-list>`,
    );
    await oneEvent(el, 'coin-update');
    expect(text(el, 'bitcoin', 'name')).to.equal('Bitcoin');
    expect(text(el, 'bitcoin', 'symbol')).to.equal('BTC');
    // The simulator's prices walk only when told to (other suites tell it): expect what it answers now.
    const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
    for (const [i, coin] of ['bitcoin', 'ethereum'].entries()) {
      const market = markets.find((m: { id: string }) => m.id === coin);
      expect(text(el, coin, 'price'), `row ${i}`).to.equal(usd.format(market.current_price));
      const change = market.price_change_percentage_24h;
      const shown = new Intl.NumberFormat('en-US', {
        style: 'percent',
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
        signDisplay: 'negative',
      }).format(change / 100);
      expect(text(el, coin, 'change'), `row ${i}`).to.match(
        new RegExp(`^[▲▼]? ?(up|down|unchanged) ${shown.replace(/[.+-]/g, '\\$&')}$`),
      );
    }
    await expect(el).to.be.accessible();
  });
});
