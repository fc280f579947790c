import { expect, fixture as render, html, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import { pricesShown, testSettings } from '../helpers/page.js';
import type { CoinCard } from '../../src/elements/coin-card.js';
import { sparklinePath } from '../../src/elements/sparkline.js';
import { FakeClock } from '../helpers/clock.js';
import { ENDPOINT, MarketsServer, fixture, marketItems, startWorker, type MarketItem } from '../helpers/coingecko.js';

const part = (el: Element, name: string) => el.shadowRoot!.querySelector(`[part~="${name}"]`);
const text = (el: Element, name: string) => part(el, name)?.textContent?.replace(/\s+/g, ' ').trim();

describe('<coin-card>', () => {
  let server: MarketsServer;
  let recorded: MarketItem;

  before(startWorker);

  beforeEach(async () => {
    testSettings(new FakeClock());
    [recorded] = await fixture<MarketItem[]>('coingecko/coins_markets.recorded_2026-02-17_sparkline_pct24h.json');
    const [item] = await marketItems([
      { id: 'bitcoin', symbol: 'btc', name: 'Bitcoin', current_price: 67291, price_change_percentage_24h: -0.32893 },
    ]);
    server = new MarketsServer([{ ...item, sparkline_in_7d: recorded.sparkline_in_7d }]);
  });

  it('draws a sparkline path through a known series', () => {
    expect(sparklinePath([1, 2, 3])).to.equal('M0,30L50,15L100,0');
    expect(sparklinePath([3, 1, 2], 10, 10)).to.equal('M0,0L5,10L10,5');
    expect(sparklinePath([5, 5])).to.equal('M0,15L100,15');
  });

  it('shows the coin, its price, 24 h range and the recorded 7-day sparkline with an accessible trend', async () => {
    const el = await render<CoinCard>(
      html`<coin-card feed="coingecko" coin="bitcoin" endpoint=${ENDPOINT}></coin-card>`,
    );
    await oneEvent(el, 'coin-update');
    expect(server.requests[0].searchParams.get('sparkline')).to.equal('true');
    expect(text(el, 'name')).to.equal('Bitcoin');
    expect(text(el, 'symbol')).to.equal('BTC');
    expect(text(el, 'price')).to.equal('$67,291.00');
    expect(text(el, 'change')).to.equal('▼ down -0.33%');
    const range = [...part(el, 'range')!.querySelectorAll('dt, dd')].map((node) => node.textContent);
    expect(range).to.deep.equal(['24 h low', '$66,725.00', '24 h high', '$69,088.00']);
    const prices = (recorded.sparkline_in_7d as { price: number[] }).price;
    expect(prices).to.have.length(168);
    const path = el.shadowRoot!.querySelector('path')!;
    expect(path.getAttribute('d')).to.equal(sparklinePath(prices));
    const trend = ((prices[167] - prices[0]) / prices[0]) * 100;
    const svg = part(el, 'sparkline')!;
    expect(svg.getAttribute('part')).to.equal(`sparkline ${trend > 0 ? 'up' : 'down'}`);
    const shown = new Intl.NumberFormat('en-US', {
      style: 'percent',
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
      signDisplay: 'negative',
    }).format(trend / 100);
    expect(svg.getAttribute('aria-label')).to.equal(`7-day trend: ${trend > 0 ? 'up' : 'down'} ${shown}`);
    await expect(el).to.be.accessible();
  });

  it('asks for the 7-day history only when a card is on the page, in the same one request', async () => {
    const wrapper = await render(html`<div>
      <coin-list feed="coingecko" coins="bitcoin" endpoint=${ENDPOINT}></coin-list>
    </div>`);
    await pricesShown(wrapper.querySelector('coin-list')!);
    expect(server.requests[0].searchParams.has('sparkline')).to.equal(false);
    const card = document.createElement('coin-card');
    Object.assign(card, { feed: 'coingecko', coin: 'bitcoin', endpoint: ENDPOINT });
    wrapper.append(card);
    await server.request(2);
    expect(server.requests[1].searchParams.get('sparkline')).to.equal('true');
    expect(server.requests[1].searchParams.get('ids')).to.equal('bitcoin');
  });

  it('draws no sparkline from history it cannot draw, and says so', async () => {
    for (const price of [Array.from({ length: 5000 }, (_, i) => 60000 + i), [-1.7e308, 1.7e308, 0]]) {
      const [item] = await marketItems([
        { id: 'bitcoin', symbol: 'btc', name: 'Bitcoin', current_price: 67291, price_change_percentage_24h: 1 },
      ]);
      server.setItems([{ ...item, sparkline_in_7d: { price } }]);
      const el = await render<CoinCard>(
        html`<coin-card feed="coingecko" coin="bitcoin" endpoint=${ENDPOINT}></coin-card>`,
      );
      await oneEvent(el, 'coin-update');
      expect(text(el, 'price')).to.equal('$67,291.00');
      expect(el.shadowRoot!.querySelector('path')).to.equal(null);
      expect(part(el, 'sparkline')!.getAttribute('aria-label')).to.equal('7-day trend: not available');
      el.remove();
    }
  });

  it('wraps the change under a price too long to share its line, rather than draw one over the other', async () => {
    const [item] = await marketItems([
      { id: 'bitcoin', symbol: 'btc', name: 'Bitcoin', current_price: 16717441.5, price_change_percentage_24h: -0.57 },
    ]);
    server.setItems([item]);
    const wrapper = await render(
      html`<div style="font-size: 24px; letter-spacing: 0.12em"><coin-card feed="coingecko" coin="bitcoin" endpoint=${ENDPOINT}></coin-card></div>`,
    );
    const el = wrapper.querySelector('coin-card')!;
    await pricesShown(el);
    // Where the text is drawn: a grid item's box can be narrower than its text, which then spills over a neighbour.
    const drawn = (node: Node) => {
      const range = document.createRange();
      range.selectNodeContents(node);
      return range.getBoundingClientRect();
    };
    const box = (name: string) => drawn(part(el, name)!);
    const [price, change, card] = [box('price'), box('change'), el.getBoundingClientRect()];
    expect(text(el, 'price')).to.equal('$16,717,441.50');
    const apart = price.right <= change.left || change.top >= price.bottom;
    expect(apart, 'price and change apart').to.equal(true);
    expect(change.right).to.be.at.most(card.right);
    const [low, high] = [...part(el, 'range')!.querySelectorAll('dd')].map(drawn);
    expect(low.right <= high.left || high.top >= low.bottom, 'low and high apart').to.equal(true);
  });

  it('is accessible while loading, in the dark theme', async () => {
    const el = await render<CoinCard>(
      html`<coin-card feed="coingecko" coin="bitcoin" theme="dark" endpoint=${ENDPOINT}></coin-card>`,
    );
    expect(el.shadowRoot!.querySelector('path')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('mirrors in a right-to-left page, keeping each range label in reading order', async () => {
    const wrapper = await render(
      html`<div dir="rtl" lang="ar"><coin-card feed="coingecko" coin="bitcoin" locale="en-US" endpoint=${ENDPOINT}></coin-card></div>`,
    );
    const el = wrapper.querySelector('coin-card')!;
    await pricesShown(el);
    const [low, high] = part(el, 'range')!.querySelectorAll('dt');
    // The low comes first, on the right.
    expect(low.getBoundingClientRect().left).to.be.above(high.getBoundingClientRect().left);
    // "24 h low" reads left to right: a leading number in a right-to-left paragraph would move to its end.
    for (const label of [low, high]) {
      const words = document.createTreeWalker(label, NodeFilter.SHOW_TEXT).nextNode()!;
      const at = (start: number, end: number) => {
        const range = document.createRange();
        range.setStart(words, start);
        range.setEnd(words, end);
        return range.getBoundingClientRect().left;
      };
      expect(at(0, 2), label.textContent!).to.be.below(at(3, 4));
    }
  });
});
