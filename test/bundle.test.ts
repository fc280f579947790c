import { expect, fixture as render, html, oneEvent } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { pricesShown, spokenText } from './helpers/page.js';

/** A feed, registered the public way, that answers every coin asked for with Bitcoin at $113,422.41, up 0.10 %. */
const bitcoinAt113422 = (context: { onQuotes(quotes: object[]): void; onStatus(status: string): void }) => ({
  want({ ids }: { ids: string[] }) {
    const quote = {
      symbol: 'BTC',
      name: 'Bitcoin',
      price: 113422.41,
      change24h: 0.1,
      currency: 'usd',
      updatedAt: Date.now(),
      source: 'fixed',
    };
    context.onQuotes(ids.map((id) => ({ ...quote, id })));
    context.onStatus('live');
  },
  setActive() {},
  close() {},
});

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

  it('keeps the spaces a screen reader needs through template minification', async () => {
    const esm = await import(/* @vite-ignore */ `${location.origin}/dist/coin-ticker.min.js`);
    esm.configure({ storage: null });
    // A registered feed, the public way to hand elements fixed quotes: the minified templates are what is under test.
    esm.registerFeed('fixed', bitcoinAt113422);

    const sentence = await render(
      html`<p>Bitcoin is at <coin-price coin="bitcoin" feed="fixed" locale="en-US"></coin-price> today.</p>`,
    );
    const price = sentence.querySelector('coin-price')!;
    if (!price.shadowRoot!.querySelector('[part~=change]')) await oneEvent(price, 'coin-update');
    expect(spokenText(price.shadowRoot!)).to.equal('$113,422.41 up 0.10%');

    const list = await render(html`<coin-list coins="bitcoin" feed="fixed" locale="en-US"></coin-list>`);
    if (!list.shadowRoot!.querySelector('[part~=change]')) await oneEvent(list, 'coin-update');
    expect(spokenText(list.shadowRoot!.querySelector('[part~=change]')!)).to.equal('up 0.10%');
  });

  it('follows configure() and registerFeed() called through either copy on a page that loads both bundles', async () => {
    // A theme's module and a plugin's classic script: the elements belong to the copy that defined them first.
    const esm = await import(/* @vite-ignore */ `${location.origin}/dist/coin-ticker.min.js`);
    if (!('CoinTicker' in window)) {
      const script = Object.assign(document.createElement('script'), { src: '/dist/coin-ticker.iife.min.js' });
      const loaded = oneEvent(script, 'load');
      document.head.append(script);
      await loaded;
    }
    const classic = (window as unknown as { CoinTicker: typeof esm }).CoinTicker;
    expect(classic.configure).to.not.equal(esm.configure);
    classic.configure({ storage: null, locale: 'de-DE' });
    classic.registerFeed('from-the-other-copy', bitcoinAt113422);
    try {
      const list = await render(html`<coin-list coins="bitcoin" feed="from-the-other-copy"></coin-list>`);
      expect(customElements.get('coin-list')).to.equal(esm.CoinList);
      // The feed answers as it is asked, so the first render shows its price, or why there is none.
      expect(spokenText(list.shadowRoot!)).to.include('Bitcoin 113.422,41 $');
    } finally {
      esm.configure({ locale: undefined });
    }
  });

  it('obeys configure() and registerFeed() called in the body of a module that imports it: no request reaches the default servers', async () => {
    // The elements are on the page before the bundle runs, as in a site's HTML: the bundle upgrades them and they ask
    // for prices at once, but no sooner than the importing module's body has set the page's defaults.
    const sim = await executeServerCommand<string, undefined>('simulator-url');
    const frame = document.createElement('iframe');
    frame.src = `/test/pages/import-configure.html?sim=${encodeURIComponent(sim)}`;
    const loaded = oneEvent(frame, 'load');
    document.body.append(frame);
    await loaded;
    try {
      const page = frame.contentDocument!;
      const [list, price] = [page.querySelector('coin-list')!, page.querySelector('coin-price')!];
      await Promise.all([pricesShown(list), pricesShown(price)]);
      expect(spokenText(price.shadowRoot!), 'the feed the module registered').to.equal('$2.00 unchanged 0.00%');
      const requested = (frame.contentWindow as Window & { requested: string[] }).requested;
      expect(requested.length, 'requests and sockets').to.be.above(0);
      expect(requested.filter((url) => new URL(url, page.baseURI).host !== new URL(sim).host)).to.deep.equal([]);
      // The feed the module registered was there in time: no element ever said it was not.
      const warnings = (frame.contentWindow as Window & { warnings: string[] }).warnings;
      expect(warnings.filter((warning) => warning.includes('site'))).to.deep.equal([]);
    } finally {
      frame.remove();
    }
  });

  it('works on a page with a strict Content Security Policy and Trusted Types', async () => {
    await expectPricesUnder('/test/pages/strict-csp.html');
  });

  it("works twice on one page under Trusted Types with 'allow-duplicates', the policy the README gives", async () => {
    const page = await expectPricesUnder('/test/pages/strict-csp-twice.html');
    expect(page.errors).to.deep.equal([]);
    expect(typeof page.CoinTicker?.configure, 'the classic copy ran').to.equal('function');
  });

  it("stops the second copy under Trusted Types without 'allow-duplicates', which is why the README asks for it", async () => {
    const { frame, page } = await openFrame('/test/pages/strict-csp-twice-without-duplicates.html');
    try {
      expect(page.errors.join('\n')).to.match(/lit-html/);
      expect(page.CoinTicker, 'the classic copy stopped').to.equal(undefined);
    } finally {
      frame.remove();
    }
  });
});

type FramePage = Window & { errors: string[]; CoinTicker?: { configure?: unknown } };

/** Opens a test page in a frame; its scripts have run by its load event. */
async function openFrame(src: string) {
  const frame = document.createElement('iframe');
  frame.src = src;
  const loaded = oneEvent(frame, 'load');
  document.body.append(frame);
  await loaded;
  return { frame, page: frame.contentWindow as FramePage };
}

/** Every element on a strict page shows the recorded price, styled, with no policy violated. */
async function expectPricesUnder(src: string) {
  const { frame, page } = await openFrame(src);
  const violations: string[] = [];
  page.document.addEventListener('securitypolicyviolation', (event) => violations.push(event.violatedDirective));
  try {
    for (const el of page.document.querySelectorAll<HTMLElement & { updateComplete: Promise<boolean> }>(
      'coin-list, coin-ticker, coin-price, coin-card, coin-table',
    )) {
      // The module ran before the frame's load event: an element not upgraded by then never will be.
      expect(el.shadowRoot, `${el.localName} upgraded`).to.not.equal(null);
      if (!el.shadowRoot!.querySelector('[part~=change]')) await oneEvent(el, 'coin-update');
      await el.updateComplete;
      const price = el.shadowRoot!.querySelector('[part=price]')!;
      expect(price.textContent!.trim(), el.localName).to.equal('$67,187.34');
      // Styles applied: the theme's sheet sets tabular figures, and the change its colour.
      expect(getComputedStyle(price).fontVariantNumeric, el.localName).to.equal('tabular-nums');
      expect(getComputedStyle(el.shadowRoot!.querySelector('[part~=change]')!).color, el.localName).to.equal(
        'rgb(15, 122, 54)',
      );
    }
    expect(violations).to.deep.equal([]);
    return page;
  } finally {
    frame.remove();
  }
}
