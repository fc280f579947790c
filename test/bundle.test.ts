import { expect, fixture as render, html, oneEvent } from '@open-wc/testing';

// The files a site author pastes, as `npm run build` wrote them (npm test builds before it runs this).
describe('the embeddable bundles', () => {
  it('the ES module registers <coin-list> and exports the API; the classic script exposes window.CoinTicker', async () => {
    const esm = await import(/* @vite-ignore */ `${location.origin}/dist/coin-ticker.min.js`);
    expect(customElements.get('coin-list')).to.equal(esm.CoinList);
    expect(esm.formatPrice(0.00001234, { locale: 'en-US' })).to.equal('$0.0₄1234');

    const script = document.createElement('script');
    script.src = '/dist/coin-ticker.iife.min.js';
    const loaded = oneEvent(script, 'load');
    document.head.append(script);
    await loaded;
    const global = (window as unknown as { CoinTicker: typeof esm }).CoinTicker;
    expect(global.formatPrice(113422.41, { locale: 'en-US' })).to.equal('$113,422.41');
    expect(Object.keys(global).sort()).to.deep.equal(Object.keys(esm).sort());
    // Pasting the embed twice is harmless: the second copy finds the tag defined and leaves it.
    expect(customElements.get('coin-list')).to.equal(esm.CoinList);

    const el = await render(html`<coin-list></coin-list>`);
    expect(el.shadowRoot!.textContent).to.include('set the coins attribute');
  });
});
