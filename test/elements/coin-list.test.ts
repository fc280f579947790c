import { expect, fixture as render, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import { emulateMedia, executeServerCommand } from '@web/test-runner-commands';
import { HttpResponse, http } from 'msw';
import '../../src/define.js';
import {
  configure,
  FeedError,
  registerFeed,
  type CoinStatusEvent,
  type CoinUpdateEvent,
  type Feed,
  type Quote,
} from '../../src/index.js';
import type { Activity } from '../../src/core/activity.js';
import type { CoinList } from '../../src/elements/coin-list.js';
import { FakeClock } from '../helpers/clock.js';
import { drawn } from '../helpers/layout.js';
import { pricesShown, testSettings } from '../helpers/page.js';
import { ENDPOINT, MARKETS, MarketsServer, fixture, marketItems, startWorker, worker } from '../helpers/coingecko.js';

const part = (el: Element, name: string, coin?: string) =>
  el.shadowRoot!.querySelector<HTMLElement>(`${coin ? `[data-coin="${coin}"] ` : ''}[part~="${name}"]`);
const text = (el: Element, name: string, coin?: string) =>
  part(el, name, coin)?.textContent?.replace(/\s+/g, ' ').trim();
/** The status line's text, or the note that stands in for a list with no coins. */
const note = (el: Element) =>
  el.shadowRoot!.querySelector('[part=status], .note')?.textContent?.replace(/\s+/g, ' ').trim();
const status = (el: HTMLElement, wanted: string) =>
  new Promise<CoinStatusEvent>((resolve) =>
    el.addEventListener('coin-status', (e) => e.status === wanted && resolve(e)),
  );
/** The next coin-update, typed. */
const updated = (el: HTMLElement) => oneEvent(el, 'coin-update') as unknown as Promise<CoinUpdateEvent>;

/** A page that can be hidden or taken offline. */
class FakeActivity implements Activity {
  on = true;
  private callbacks = new Set<() => void>();
  active = () => this.on;
  watch = (callback: () => void) => {
    this.callbacks.add(callback);
    return () => this.callbacks.delete(callback);
  };
  set(on: boolean) {
    this.on = on;
    for (const callback of this.callbacks) callback();
  }
}

describe('<coin-list>', () => {
  let clock: FakeClock;
  let server: MarketsServer;
  let fetches: string[];
  let warnings: string[];
  const warn = console.warn;

  before(startWorker);

  beforeEach(async () => {
    clock = new FakeClock();
    fetches = [];
    warnings = [];
    console.warn = (message: string) => warnings.push(message);
    testSettings(clock, {
      fetch: (input, init) => {
        fetches.push(String(input));
        return fetch(input, init);
      },
    });
    server = new MarketsServer(
      await marketItems([
        { id: 'bitcoin', symbol: 'btc', name: 'Bitcoin', current_price: 113422.41, price_change_percentage_24h: 0.1 },
        { id: 'ethereum', symbol: 'eth', name: 'Ethereum', current_price: 4157.53, price_change_percentage_24h: -0.33 },
        { id: 'monero', symbol: 'xmr', name: 'Monero', current_price: 291.83, price_change_percentage_24h: 0 },
        {
          id: 'pirate-chain',
          symbol: 'arrr',
          name: 'Pirate Chain',
          current_price: 0.21,
          price_change_percentage_24h: -0.66,
        },
        {
          id: 'shiba-inu',
          symbol: 'shib',
          name: 'Shiba Inu',
          current_price: 0.00001234,
          price_change_percentage_24h: 2.5,
        },
      ]),
    );
  });

  afterEach(async () => {
    fixtureCleanup();
    console.warn = warn;
    await executeServerCommand('forced-colors', 'none');
  });

  it('renders rows in the order of coins, formatted like a market sidebar', async () => {
    const el = await render<CoinList>(
      html`<coin-list feed="coingecko" coins="ethereum, bitcoin pirate-chain" endpoint=${ENDPOINT}></coin-list>`,
    );
    const update = await updated(el);
    expect(update.quotes.map((q) => q.id)).to.deep.equal(['ethereum', 'bitcoin', 'pirate-chain']);
    const rows = [...el.shadowRoot!.querySelectorAll('[part~="item"]')].map((row) => row.getAttribute('data-coin'));
    expect(rows).to.deep.equal(['ethereum', 'bitcoin', 'pirate-chain']);
    expect(text(el, 'name', 'bitcoin')).to.equal('Bitcoin');
    expect(text(el, 'price', 'bitcoin')).to.equal('$113,422.41');
    expect(text(el, 'symbol', 'bitcoin')).to.equal('BTC');
    expect(text(el, 'change', 'bitcoin')).to.equal('▲ up 0.10%');
    expect(part(el, 'change', 'bitcoin')!.getAttribute('part')).to.equal('change up');
    expect(text(el, 'change', 'ethereum')).to.equal('▼ down -0.33%');
    expect(part(el, 'change', 'ethereum')!.getAttribute('part')).to.equal('change down');
    expect(text(el, 'price', 'pirate-chain')).to.equal('$0.21');
    expect(part(el, 'logo', 'bitcoin')!.getAttribute('src')).to.match(/^https:\/\/coin-images\.coingecko\.com\//);
    await expect(el).to.be.accessible();
  });

  it('shows a flat change without an arrow, and a tiny price with a subscript zero run and its full value for screen readers', async () => {
    const el = await render<CoinList>(
      html`<coin-list feed="coingecko" coins="monero,shiba-inu" endpoint=${ENDPOINT}></coin-list>`,
    );
    await oneEvent(el, 'coin-update');
    expect(text(el, 'change', 'monero')).to.equal('unchanged 0.00%');
    expect(part(el, 'change', 'monero')!.getAttribute('part')).to.equal('change flat');
    const price = part(el, 'price', 'shiba-inu')!;
    expect(price.querySelector('sub')?.textContent).to.equal('4');
    expect(price.querySelector('[aria-hidden="true"]')?.textContent).to.equal('$0.041234');
    expect(price.querySelector('.sr-only')?.textContent).to.equal('$0.00001234');
    await expect(el).to.be.accessible();
  });

  it('formats in the locale of the nearest lang and the currency asked for', async () => {
    const wrapper = await render(
      html`<div lang="de-DE"><coin-list feed="coingecko" coins="bitcoin" currency="EUR" endpoint=${ENDPOINT}></coin-list></div>`,
    );
    const el = wrapper.querySelector('coin-list')!;
    await pricesShown(el);
    const expected = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).format(113422.41);
    expect(text(el, 'price', 'bitcoin')).to.equal(expected.replace(/\s+/g, ' '));
    expect(server.requests[0].searchParams.get('vs_currency')).to.equal('eur');
    const change = new Intl.NumberFormat('de-DE', { style: 'percent', minimumFractionDigits: 2 }).format(0.001);
    expect(text(el, 'change', 'bitcoin')).to.equal(`▲ up ${change}`.replace(/\s+/g, ' '));
  });

  it('honours decimals', async () => {
    const el = await render<CoinList>(
      html`<coin-list feed="coingecko" coins="bitcoin,pirate-chain" decimals="0" endpoint=${ENDPOINT}></coin-list>`,
    );
    await oneEvent(el, 'coin-update');
    expect(text(el, 'price', 'bitcoin')).to.equal('$113,422');
    expect(text(el, 'price', 'pirate-chain')).to.equal('$0');
  });

  it('uses automatic digits for an empty decimals, and for a bad one, saying so once', async () => {
    const el = await render<CoinList>(
      html`<coin-list feed="coingecko" coins="bitcoin" decimals="" endpoint=${ENDPOINT}></coin-list>`,
    );
    await oneEvent(el, 'coin-update');
    await el.updateComplete;
    expect(text(el, 'price', 'bitcoin'), 'empty, as a CMS writes an unset field').to.equal('$113,422.41');
    expect(warnings).to.deep.equal([]);
    for (const bad of ['abc', '-1', '2.5', '21']) {
      el.setAttribute('decimals', bad);
      await el.updateComplete;
      expect(text(el, 'price', 'bitcoin')).to.equal('$113,422.41');
    }
    el.setAttribute('decimals', 'abc');
    await el.updateComplete;
    expect(warnings).to.deep.equal(
      ['abc', '-1', '2.5', '21'].map(
        (bad) => `coin-ticker: decimals "${bad}" is not valid (0 to 20); using automatic digits.`,
      ),
    );
  });

  it('says once which theme or density it does not know, and uses the default', async () => {
    const el = await render<CoinList>(
      html`<coin-list feed="coingecko" coins="bitcoin" theme="purple" density="tiny" endpoint=${ENDPOINT}></coin-list>`,
    );
    await oneEvent(el, 'coin-update');
    el.setAttribute('theme', 'dark');
    await el.updateComplete;
    el.setAttribute('theme', 'purple');
    await el.updateComplete;
    expect(warnings).to.deep.equal([
      'coin-ticker: theme "purple" is not valid; using "auto".',
      'coin-ticker: density "tiny" is not valid; using "comfortable".',
    ]);
    expect(getComputedStyle(el).colorScheme).to.equal('light dark');
  });

  it('polls at the default for an interval that is not a number, and at the floor for a shorter one, naming each', async () => {
    const el = await render<CoinList>(
      html`<coin-list feed="coingecko" coins="bitcoin" interval="abc" endpoint=${ENDPOINT}></coin-list>`,
    );
    await oneEvent(el, 'coin-update');
    clock.advance(59_999);
    expect(server.requests.length, 'not before the default 60 s').to.equal(1);
    el.interval = 5;
    server.setItems(
      await marketItems([
        { id: 'bitcoin', symbol: 'btc', name: 'Bitcoin', current_price: 113500, price_change_percentage_24h: 0.2 },
      ]),
    );
    const answered = oneEvent(el, 'coin-update');
    clock.advance(1);
    await answered;
    clock.advance(9_999);
    expect(server.requests.length, 'not before the floor of 10 s').to.equal(2);
    clock.advance(1);
    await server.request(3);
    expect(warnings).to.deep.equal([
      'coin-ticker: interval "abc" is not valid (10 to 86400 seconds); using "60".',
      'coin-ticker: interval "5" is not valid (10 to 86400 seconds); using "10".',
    ]);
  });

  it('shows placeholder rows of the final height before data, so nothing shifts when prices land', async () => {
    let release: () => void = () => {};
    const items = await marketItems([
      { id: 'bitcoin', symbol: 'btc', name: 'Bitcoin', current_price: 1, price_change_percentage_24h: 1 },
    ]);
    server.once(async () => {
      await new Promise<void>((resolve) => (release = resolve));
      return HttpResponse.json(items);
    });
    const el = await render<CoinList>(
      html`<coin-list feed="coingecko" coins="bitcoin" endpoint=${ENDPOINT}></coin-list>`,
    );
    await server.request(1);
    expect(part(el, 'list')!.getAttribute('aria-busy')).to.equal('true');
    const before = el.getBoundingClientRect().height;
    expect(before).to.be.above(0);
    await expect(el).to.be.accessible();
    const updated = oneEvent(el, 'coin-update');
    release();
    await updated;
    expect(text(el, 'price', 'bitcoin')).to.equal('$1.00');
    expect(el.getBoundingClientRect().height).to.equal(before);
  });

  it('makes one request per interval for the union of three overlapping lists', async () => {
    const wrapper = await render(html`
      <div>
        <coin-list feed="coingecko" coins="bitcoin,ethereum" endpoint=${ENDPOINT}></coin-list>
        <coin-list feed="coingecko" coins="ethereum,monero" endpoint=${ENDPOINT}></coin-list>
        <coin-list feed="coingecko" coins="bitcoin,pirate-chain" endpoint=${ENDPOINT}></coin-list>
      </div>
    `);
    const lists = [...wrapper.querySelectorAll('coin-list')];
    await Promise.all(lists.map(pricesShown));
    expect(fetches).to.have.length(1);
    expect(server.requests[0].searchParams.get('ids')!.split(',').sort()).to.deep.equal([
      'bitcoin',
      'ethereum',
      'monero',
      'pirate-chain',
    ]);
    for (const cycle of [2, 3]) {
      const updated = Promise.all(lists.map((list) => oneEvent(list, 'coin-update')));
      server.setItems(
        await marketItems([
          { id: 'bitcoin', current_price: cycle, price_change_percentage_24h: 0 },
          { id: 'ethereum', current_price: cycle, price_change_percentage_24h: 0 },
          { id: 'monero', current_price: cycle, price_change_percentage_24h: 0 },
          { id: 'pirate-chain', current_price: cycle, price_change_percentage_24h: 0 },
        ]),
      );
      clock.advance(59_999);
      expect(fetches).to.have.length(cycle - 1);
      clock.advance(1);
      await updated;
      expect(fetches).to.have.length(cycle);
    }
  });

  it('stops every request when the lists are removed', async () => {
    const wrapper = await render(html`
      <div>
        <coin-list feed="coingecko" coins="bitcoin" endpoint=${ENDPOINT}></coin-list>
        <coin-list feed="coingecko" coins="ethereum" endpoint=${ENDPOINT}></coin-list>
      </div>
    `);
    await pricesShown(wrapper.querySelector('coin-list')!);
    wrapper.querySelector('coin-list')!.remove();
    clock.advance(60_000);
    await server.request(2);
    expect(server.requests[1].searchParams.get('ids')).to.equal('ethereum');
    wrapper.querySelector('coin-list')!.remove();
    expect(clock.pending).to.equal(0);
    clock.advance(3_600_000);
    expect(fetches).to.have.length(2);
  });

  it("gives a stale price's age in seconds, then minutes, then hours, on the feeds' clock", async () => {
    let lose = () => {};
    registerFeed('aging', (context): Feed => ({
      want() {
        context.onQuotes([
          {
            id: 'bitcoin',
            symbol: 'BTC',
            name: 'Bitcoin',
            price: 113422.41,
            change24h: 0.1,
            currency: 'usd',
            updatedAt: clock.now(),
            source: 'aging',
          },
        ]);
        context.onStatus('live');
        lose = () => context.onStatus('stale', new FeedError('network', 'Connection lost.'));
      },
      setActive() {},
      close() {},
    }));
    // The feed answers as the list subscribes: its first render shows the price.
    const el = await render<CoinList>(html`<coin-list feed="aging" coins="bitcoin"></coin-list>`);
    const title = async (ms: number) => {
      clock.advance(ms);
      el.requestUpdate();
      await el.updateComplete;
      return el.shadowRoot!.querySelector('[data-coin="bitcoin"]')!.getAttribute('title');
    };
    expect(await title(0)).to.equal(null);
    const stale = status(el, 'stale');
    clock.advance(20_000);
    lose();
    await stale;
    expect(await title(0)).to.equal('Last updated 20 seconds ago');
    expect(await title(160_000)).to.equal('Last updated 3 minutes ago');
    expect(await title(3 * 3_600_000)).to.equal('Last updated 3 hours ago');
  });

  it('keeps the last prices on screen, marked stale with their age, through a rate limit, and recovers', async () => {
    const el = await render<CoinList>(
      html`<coin-list feed="coingecko" coins="bitcoin,ethereum" endpoint=${ENDPOINT}></coin-list>`,
    );
    await oneEvent(el, 'coin-update');
    const body = await fixture<object>('coingecko/error_429_rate_limited.json');
    server.once(() => HttpResponse.json(body, { status: 429, headers: { 'Retry-After': '119' } }));
    const stale = status(el, 'stale');
    clock.advance(60_000);
    const event = await stale;
    expect(event.error?.kind).to.equal('rate-limit');
    await el.updateComplete;
    expect(text(el, 'price', 'bitcoin')).to.equal('$113,422.41');
    const row = el.shadowRoot!.querySelector('[data-coin="bitcoin"]')!;
    expect(row.classList.contains('stale')).to.equal(true);
    expect(row.getAttribute('title')).to.match(/^Last updated /);
    expect(note(el)).to.match(
      /^CoinGecko is rate-limiting; retrying in 119 s · Last updated \d+ (seconds|minutes?) ago$/,
    );
    await expect(el).to.be.accessible();
    const live = status(el, 'live');
    clock.advance(119_000);
    await live;
    await el.updateComplete;
    expect(row.classList.contains('stale')).to.equal(false);
    expect(note(el)).to.equal('Data: CoinGecko');
  });

  it('heals a wrong name with the next good answer, though the price did not move', async () => {
    const at = (name: string, symbol: string) =>
      marketItems([{ id: 'bitcoin', symbol, name, current_price: 113422.41, price_change_percentage_24h: 0.1 }]);
    server.setItems(await at('Bitc0in Scam', 'scam'));
    const el = await render<CoinList>(
      html`<coin-list feed="coingecko" coins="bitcoin" endpoint=${ENDPOINT}></coin-list>`,
    );
    await oneEvent(el, 'coin-update');
    expect(text(el, 'name', 'bitcoin')).to.equal('Bitc0in Scam');
    server.setItems(await at('Bitcoin', 'btc'));
    const updated = oneEvent(el, 'coin-update');
    clock.advance(60_000);
    await updated;
    expect([text(el, 'name', 'bitcoin'), text(el, 'symbol', 'bitcoin')]).to.deep.equal(['Bitcoin', 'BTC']);
  });

  it('keeps the last good quote of a coin whose new data is null, and never shows NaN', async () => {
    const el = await render<CoinList>(
      html`<coin-list feed="coingecko" coins="bitcoin,ethereum" endpoint=${ENDPOINT}></coin-list>`,
    );
    await oneEvent(el, 'coin-update');
    server.setItems(
      await marketItems([
        { id: 'bitcoin', symbol: 'btc', name: 'Bitcoin', current_price: null, price_change_percentage_24h: null },
        { id: 'ethereum', symbol: 'eth', name: 'Ethereum', current_price: 4200, price_change_percentage_24h: null },
      ]),
    );
    const updated = oneEvent(el, 'coin-update');
    clock.advance(60_000);
    await updated;
    for (const [coin, price] of [
      ['bitcoin', '$113,422.41'],
      ['ethereum', '$4,157.53'],
    ]) {
      expect(text(el, 'price', coin)).to.equal(price);
      expect(el.shadowRoot!.querySelector(`[data-coin="${coin}"]`)!.classList.contains('stale')).to.equal(true);
    }
    expect(el.shadowRoot!.textContent).not.to.match(/NaN|undefined|Infinity/);
    expect(warnings).to.have.length(1);
  });

  it('shows the price of a coin whose 24 h change is null, with a dash for the change', async () => {
    server.setItems(
      await marketItems([
        { id: 'bitcoin', symbol: 'btc', name: 'Bitcoin', current_price: 113422.41, price_change_percentage_24h: 0.1 },
        {
          id: 'pirate-chain',
          symbol: 'arrr',
          name: 'Pirate Chain',
          current_price: 0.21,
          price_change_percentage_24h: null,
        },
      ]),
    );
    const el = await render<CoinList>(
      html`<coin-list feed="coingecko" coins="pirate-chain,bitcoin" endpoint=${ENDPOINT}></coin-list>`,
    );
    const update = await updated(el);
    expect(update.quotes.map((q) => [q.id, q.change24h])).to.deep.equal([
      ['pirate-chain', null],
      ['bitcoin', 0.1],
    ]);
    expect(text(el, 'price', 'pirate-chain')).to.equal('$0.21');
    expect(text(el, 'symbol', 'pirate-chain')).to.equal('ARRR');
    // An unknown change shows as flat: no arrow, no spoken direction ("unchanged" would claim the price held), a dash.
    expect(text(el, 'change', 'pirate-chain')).to.equal('—');
    expect(part(el, 'change', 'pirate-chain')!.getAttribute('part')).to.equal('change flat');
    expect(el.shadowRoot!.querySelector('[data-coin="pirate-chain"]')!.classList.contains('stale')).to.equal(false);
    expect(text(el, 'change', 'bitcoin')).to.equal('▲ up 0.10%');
    expect(el.shadowRoot!.textContent).not.to.match(/NaN|undefined|Infinity/);
    expect(warnings).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('shows a dash, not a placeholder, for a coin never priced, the others as usual, and its price once one comes', async () => {
    server.setItems(
      await marketItems([
        { id: 'bitcoin', symbol: 'btc', name: 'Bitcoin', current_price: 113422.41, price_change_percentage_24h: 0.1 },
        { id: 'monero', symbol: 'xmr', name: 'Monero', current_price: null, price_change_percentage_24h: null },
        { id: 'ethereum', symbol: 'eth', name: 'Ethereum', current_price: 4157.53, price_change_percentage_24h: -0.33 },
      ]),
    );
    const el = await render<CoinList>(
      html`<coin-list feed="coingecko" coins="bitcoin,monero,ethereum" endpoint=${ENDPOINT}></coin-list>`,
    );
    const live = status(el, 'live');
    const first = await updated(el);
    await live;
    expect(first.quotes.map((q) => q.id)).to.deep.equal(['bitcoin', 'ethereum']);
    const rows = [...el.shadowRoot!.querySelectorAll('[part~="item"]')].map((row) => row.getAttribute('data-coin'));
    expect(rows).to.deep.equal(['bitcoin', 'monero', 'ethereum']);
    expect(part(el, 'list')!.getAttribute('aria-busy')).to.equal('false');
    expect(text(el, 'price', 'monero')).to.equal('—');
    expect(text(el, 'name', 'monero')).to.equal('monero');
    expect(text(el, 'change', 'monero')).to.equal(undefined);
    // No placeholder anywhere in the row, the logo included: nothing more is coming until the feed sends a price.
    expect(el.shadowRoot!.querySelectorAll('[data-coin="monero"] .skeleton').length).to.equal(0);
    expect(text(el, 'logo', 'monero')).to.equal('M');
    expect(text(el, 'price', 'bitcoin')).to.equal('$113,422.41');
    expect(text(el, 'change', 'bitcoin')).to.equal('▲ up 0.10%');
    expect(text(el, 'price', 'ethereum')).to.equal('$4,157.53');
    expect(text(el, 'change', 'ethereum')).to.equal('▼ down -0.33%');
    expect(el.shadowRoot!.textContent).not.to.match(/NaN|undefined|Infinity/);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.include('monero');
    await expect(el).to.be.accessible();

    server.setItems(
      await marketItems([
        { id: 'bitcoin', symbol: 'btc', name: 'Bitcoin', current_price: 113422.41, price_change_percentage_24h: 0.1 },
        { id: 'monero', symbol: 'xmr', name: 'Monero', current_price: 291.83, price_change_percentage_24h: 1.5 },
        { id: 'ethereum', symbol: 'eth', name: 'Ethereum', current_price: 4157.53, price_change_percentage_24h: -0.33 },
      ]),
    );
    const next = updated(el);
    clock.advance(60_000);
    const second = await next;
    expect(second.quotes.map((q) => q.id)).to.deep.equal(['bitcoin', 'monero', 'ethereum']);
    expect(text(el, 'name', 'monero')).to.equal('Monero');
    expect(text(el, 'price', 'monero')).to.equal('$291.83');
    expect(text(el, 'symbol', 'monero')).to.equal('XMR');
    expect(text(el, 'change', 'monero')).to.equal('▲ up 1.50%');
    expect(el.shadowRoot!.querySelector('[data-coin="monero"]')!.classList.contains('stale')).to.equal(false);
    expect(text(el, 'price', 'bitcoin')).to.equal('$113,422.41');
    expect(el.shadowRoot!.textContent).not.to.match(/NaN|undefined|Infinity/);
  });

  it('says so in the widget, and warns once, for an invalid currency', async () => {
    const body = await fixture<object>('coingecko/error_400_invalid_vs_currency.json');
    worker.use(http.get(MARKETS, () => HttpResponse.json(body, { status: 400 })));
    const wrapper = await render(html`<div>
      <coin-list feed="coingecko" coins="bitcoin" currency="usdt" endpoint=${ENDPOINT}></coin-list>
      <coin-list feed="coingecko" coins="ethereum" currency="usdt" endpoint=${ENDPOINT}></coin-list>
    </div>`);
    const el = wrapper.querySelector('coin-list')!;
    await status(el, 'error');
    await el.updateComplete;
    expect(note(el)).to.equal('CoinGecko does not quote "usdt"');
    expect(warnings).to.deep.equal(['coin-ticker: CoinGecko does not quote "usdt".']);
    expect(clock.pending).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('marks an unknown coin id in its row, and warns once naming it', async () => {
    const el = await render<CoinList>(
      html`<coin-list feed="coingecko" coins="bitcoin,bitconi" endpoint=${ENDPOINT}></coin-list>`,
    );
    await oneEvent(el, 'coin-update');
    await el.updateComplete;
    expect(text(el, 'name', 'bitconi')).to.equal('bitconi');
    expect(text(el, 'price', 'bitconi')).to.equal('Unknown coin');
    // No quote will come: a letter badge, not a placeholder that never fills.
    expect(part(el, 'logo', 'bitconi')!.className).to.equal('badge');
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.include('"bitconi"');
  });

  it('renders feed strings as text only, and only http(s) logos', async () => {
    server.setItems(
      await marketItems([
        {
          id: 'bitcoin',
          symbol: '<b>btc</b>',
          name: '<img src=x onerror="window.pwned=1">',
          image: 'javascript:alert(1)',
          current_price: 1,
          price_change_percentage_24h: 1,
        },
      ]),
    );
    const el = await render<CoinList>(
      html`<coin-list feed="coingecko" coins="bitcoin" endpoint=${ENDPOINT}></coin-list>`,
    );
    await oneEvent(el, 'coin-update');
    expect(text(el, 'name', 'bitcoin')).to.equal('<img src=x onerror="window.pwned=1">');
    expect(part(el, 'name', 'bitcoin')!.children).to.have.length(0);
    expect(text(el, 'symbol', 'bitcoin')).to.equal('<B>BTC</B>');
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(part(el, 'logo', 'bitcoin')!.textContent).to.equal('<');
  });

  it('falls back to a letter badge when a logo fails to load', async () => {
    server.setItems(
      await marketItems([
        {
          id: 'bitcoin',
          symbol: 'btc',
          name: 'Bitcoin',
          image: `${location.origin}/no-such-logo.png`,
          current_price: 1,
          price_change_percentage_24h: 1,
        },
      ]),
    );
    const el = await render<CoinList>(
      html`<coin-list feed="coingecko" coins="bitcoin" endpoint=${ENDPOINT}></coin-list>`,
    );
    await oneEvent(el, 'coin-update');
    const img = part(el, 'logo', 'bitcoin')!;
    expect(img.tagName).to.equal('IMG');
    (img as HTMLImageElement).loading = 'eager';
    await oneEvent(img, 'error');
    await el.updateComplete;
    expect(part(el, 'logo', 'bitcoin')!.tagName).to.equal('SPAN');
    expect(text(el, 'logo', 'bitcoin')).to.equal('B');
  });

  it('hides logos with no-logo', async () => {
    const el = await render<CoinList>(
      html`<coin-list feed="coingecko" coins="bitcoin" no-logo endpoint=${ENDPOINT}></coin-list>`,
    );
    await oneEvent(el, 'coin-update');
    expect(part(el, 'logo')).to.equal(null);
  });

  it('paints cached prices at once on the next page view, marked stale until fresh data arrives', async () => {
    const saved = new Map<string, string>();
    configure({ storage: { getItem: (k) => saved.get(k) ?? null, setItem: (k, v) => void saved.set(k, v) } });
    const first = await render<CoinList>(
      html`<coin-list feed="coingecko" coins="bitcoin" endpoint=${ENDPOINT}></coin-list>`,
    );
    await oneEvent(first, 'coin-update');
    first.remove();
    expect(saved.size).to.equal(1);
    let release: () => void = () => {};
    server.once(async () => {
      await new Promise<void>((resolve) => (release = resolve));
      return HttpResponse.json(
        await marketItems([
          { id: 'bitcoin', symbol: 'btc', name: 'Bitcoin', current_price: 120000, price_change_percentage_24h: 5 },
        ]),
      );
    });
    const el = await render<CoinList>(
      html`<coin-list feed="coingecko" coins="bitcoin" endpoint=${ENDPOINT}></coin-list>`,
    );
    expect(text(el, 'price', 'bitcoin')).to.equal('$113,422.41');
    expect(el.shadowRoot!.querySelector('[data-coin="bitcoin"]')!.classList.contains('stale')).to.equal(true);
    const updated = oneEvent(el, 'coin-update');
    await server.request(2);
    release();
    await updated;
    expect(text(el, 'price', 'bitcoin')).to.equal('$120,000.00');
    expect(el.shadowRoot!.querySelector('[data-coin="bitcoin"]')!.classList.contains('stale')).to.equal(false);
  });

  it('paints only well-formed cached quotes: an edited cache is read like feed data', async () => {
    const saved = new Map<string, string>();
    configure({ storage: { getItem: (k) => saved.get(k) ?? null, setItem: (k, v) => void saved.set(k, v) } });
    const coins = 'bitcoin,ethereum,monero,pirate-chain,shiba-inu';
    const first = await render<CoinList>(
      html`<coin-list feed="coingecko" coins=${coins} endpoint=${ENDPOINT}></coin-list>`,
    );
    await oneEvent(first, 'coin-update');
    first.remove();
    const [[key, value]] = saved;
    const edits: Record<string, (quote: Quote) => object> = {
      ethereum: (quote) => ({ ...quote, price: -5 }),
      monero: (quote) => ({ ...quote, updatedAt: clock.now() + 3_600_000 }),
      'pirate-chain': ({ currency, ...quote }) => quote,
      // Never written (the cache leaves sparklines out), so foreign: dropped, the quote kept.
      'shiba-inu': (quote) => ({ ...quote, sparkline: 'abc' }),
    };
    saved.set(key, JSON.stringify((JSON.parse(value) as Quote[]).map((quote) => edits[quote.id]?.(quote) ?? quote)));
    server.once(() => new Promise(() => {}));
    const wrapper = await render(html`<div>
      <coin-list feed="coingecko" coins=${coins} endpoint=${ENDPOINT}></coin-list>
      <coin-card feed="coingecko" coin="shiba-inu" endpoint=${ENDPOINT}></coin-card>
    </div>`);
    const [el, card] = wrapper.children as unknown as [CoinList, HTMLElement & { updateComplete: Promise<boolean> }];
    await card.updateComplete;
    expect(text(el, 'price', 'bitcoin')).to.equal('$113,422.41');
    // The full value for screen readers, then the subscript form.
    expect(text(el, 'price', 'shiba-inu')).to.equal('$0.00001234$0.041234');
    for (const coin of ['ethereum', 'monero', 'pirate-chain']) {
      expect(part(el, 'price', coin)!.querySelector('.skeleton'), coin).to.not.equal(null);
    }
    expect(text(card, 'price')).to.equal('$0.00001234$0.041234');
    expect(part(card, 'sparkline')!.getAttribute('aria-label')).to.equal('7-day trend: not available');
  });

  it('pauses polling while the page is hidden and catches up when it returns', async () => {
    const page = new FakeActivity();
    configure({ activity: page });
    const el = await render<CoinList>(
      html`<coin-list feed="coingecko" coins="bitcoin" endpoint=${ENDPOINT}></coin-list>`,
    );
    await oneEvent(el, 'coin-update');
    page.set(false);
    clock.advance(300_000);
    expect(fetches).to.have.length(1);
    page.set(true);
    clock.advance(0);
    await server.request(2);
    expect(fetches).to.have.length(2);
  });

  it('fires coin-status as the feed goes from loading to live', async () => {
    const el = document.createElement('coin-list');
    el.coins = 'bitcoin';
    el.feed = 'coingecko';
    el.endpoint = ENDPOINT;
    const seen: string[] = [];
    el.addEventListener('coin-status', (e) => seen.push(e.status));
    const live = status(el, 'live');
    document.body.append(el);
    await live;
    expect(seen).to.deep.equal(['loading', 'live']);
    el.remove();
  });

  it('asks for the coins attribute when it has none', async () => {
    const el = await render<CoinList>(html`<coin-list></coin-list>`);
    expect(note(el)).to.equal('No coins to show: set the coins attribute.');
    expect(fetches).to.have.length(0);
  });

  it('follows a change of coins on the same store', async () => {
    const el = await render<CoinList>(
      html`<coin-list feed="coingecko" coins="bitcoin" endpoint=${ENDPOINT}></coin-list>`,
    );
    await oneEvent(el, 'coin-update');
    el.coins = 'bitcoin,monero';
    await server.request(2);
    expect(server.requests[1].searchParams.get('ids')).to.equal('bitcoin,monero');
    await oneEvent(el, 'coin-update');
    expect(text(el, 'price', 'monero')).to.equal('$291.83');
  });

  it('shows the prices it is asked for when put back on the page after a change made while it was off it', async () => {
    // A framework moving the list: taken out, changed, put back beside a list that already shows euros.
    // Both one column of the same width: a row's layout follows its width, and only density may differ.
    const wrapper = await render(html`<div style="inline-size: 22em">
      <coin-list feed="coingecko" coins="bitcoin" endpoint=${ENDPOINT}></coin-list>
      <coin-list feed="coingecko" coins="bitcoin" currency="eur" endpoint=${ENDPOINT}></coin-list>
    </div>`);
    const [el, euros] = wrapper.querySelectorAll('coin-list');
    await Promise.all([pricesShown(el), pricesShown(euros)]);
    el.remove();
    el.currency = 'eur';
    await el.updateComplete;
    wrapper.append(el);
    await el.updateComplete;
    expect(text(el, 'price', 'bitcoin')).to.equal('€113,422.41');
    expect(server.requests.length, 'no new request: the euro store had the price').to.equal(2);
  });

  for (const motion of ['no-preference', 'reduce'] as const) {
    it(`flashes a price that moved${motion === 'reduce' ? ', except under reduced motion' : ''}`, async () => {
      await emulateMedia({ reducedMotion: motion });
      const el = await render<CoinList>(
        html`<coin-list feed="coingecko" coins="bitcoin,ethereum" endpoint=${ENDPOINT}></coin-list>`,
      );
      await updated(el);
      const color = (coin: string) => getComputedStyle(part(el, 'price', coin)!).color;
      const resting = color('bitcoin');
      expect(color('ethereum')).to.equal(resting);
      server.setItems(
        await marketItems([
          { id: 'bitcoin', symbol: 'btc', name: 'Bitcoin', current_price: 113500, price_change_percentage_24h: 0.2 },
          {
            id: 'ethereum',
            symbol: 'eth',
            name: 'Ethereum',
            current_price: 4157.53,
            price_change_percentage_24h: -0.33,
          },
        ]),
      );
      const next = updated(el);
      clock.advance(60_000);
      await next;
      // Up, in the colour of a rising change, for 400 ms and, with no render to end it, 200 more; the price that did
      // not move keeps its colour.
      const up = getComputedStyle(part(el, 'up', 'bitcoin')!).color;
      expect(up).to.not.equal(resting);
      expect(color('bitcoin')).to.equal(motion === 'reduce' ? resting : up);
      expect(color('ethereum')).to.equal(resting);
      clock.advance(599);
      expect(color('bitcoin')).to.equal(motion === 'reduce' ? resting : up);
      clock.advance(1);
      expect(color('bitcoin')).to.equal(resting);
      expect(part(el, 'price', 'bitcoin')!.hasAttribute('class')).to.equal(false);
      await emulateMedia({ reducedMotion: 'no-preference' });
    });
  }

  it('ends each price flash 400 ms after it began, at the next render or 200 ms later, and leaves no timer behind', async () => {
    await emulateMedia({ reducedMotion: 'no-preference' });
    let push = (_quotes: Quote[]) => {};
    registerFeed('pushed', (context): Feed => {
      push = (quotes) => context.onQuotes(quotes);
      return { want: () => context.onStatus('live'), setActive() {}, close() {} };
    });
    const quote = (id: string, price: number): Quote => ({
      id,
      symbol: id.slice(0, 3).toUpperCase(),
      name: id,
      price,
      change24h: 1,
      currency: 'usd',
      updatedAt: clock.now(),
      source: 'pushed',
    });
    const el = await render<CoinList>(html`<coin-list feed="pushed" coins="bitcoin,ethereum"></coin-list>`);
    const flash = (coin: string) => part(el, 'price', coin)!.className;
    const shown = async (...quotes: Quote[]) => {
      const next = updated(el);
      push(quotes);
      await next;
    };
    await shown(quote('bitcoin', 100), quote('ethereum', 10));
    await shown(quote('bitcoin', 101));
    expect([flash('bitcoin'), flash('ethereum')]).to.deep.equal(['up', '']);
    clock.advance(300);
    await shown(quote('ethereum', 9));
    expect([flash('bitcoin'), flash('ethereum')]).to.deep.equal(['up', 'down']);
    // Bitcoin's 400 ms are up: its tint ends with the next render, which a busy feed brings within 500 ms.
    clock.advance(100);
    expect([flash('bitcoin'), flash('ethereum')]).to.deep.equal(['up', 'down']);
    clock.advance(50);
    el.requestUpdate();
    await el.updateComplete;
    // Ethereum's, which began 300 ms later, are not up.
    expect([flash('bitcoin'), flash('ethereum')]).to.deep.equal(['', 'down']);
    // With no render to end it, ethereum's tint goes 200 ms after it was due.
    clock.advance(449);
    expect(flash('ethereum')).to.equal('down');
    clock.advance(1);
    expect(flash('ethereum')).to.equal('');
    // Removed while a price is flashing: the tint and its timer go with it.
    await shown(quote('bitcoin', 102));
    expect(flash('bitcoin')).to.equal('up');
    el.remove();
    expect(clock.pending).to.equal(0);
    expect(flash('bitcoin')).to.equal('');
  });

  it('packs rows tighter with density="compact"', async () => {
    // Both one column of the same width: a row's layout follows its width, and only density may differ.
    const wrapper = await render(html`<div style="inline-size: 22em">
      <coin-list feed="coingecko" coins="bitcoin" endpoint=${ENDPOINT}></coin-list>
      <coin-list feed="coingecko" coins="bitcoin" density="compact" endpoint=${ENDPOINT}></coin-list>
    </div>`);
    const [comfortable, compact] = wrapper.querySelectorAll('coin-list');
    await Promise.all([pricesShown(comfortable), pricesShown(compact)]);
    const height = (el: Element) =>
      el.shadowRoot!.querySelector('[data-coin="bitcoin"]')!.getBoundingClientRect().height;
    expect(height(compact)).to.be.below(height(comfortable));
  });

  it('keeps the live marker, placeholders and letter badges visible under forced colors, which drop backgrounds', async () => {
    await executeServerCommand('forced-colors', 'active');
    registerFeed('ticking', (context): Feed => ({
      want() {
        const bitcoin: Quote = {
          id: 'bitcoin',
          symbol: 'BTC',
          name: 'Bitcoin',
          price: 113422.41,
          change24h: 0.1,
          currency: 'usd',
          updatedAt: clock.now(),
          source: 'kraken',
        };
        context.onQuotes([bitcoin]);
        context.onStatus('live', undefined, true);
      },
      setActive() {},
      close() {},
    }));
    // The feed answers as it is asked, so the first render shows its quote.
    const el = await render<CoinList>(html`<coin-list feed="ticking" coins="bitcoin,ethereum"></coin-list>`);
    const find = (selector: string) => el.shadowRoot!.querySelector(selector)!;
    expect(drawn(find('[data-coin="bitcoin"] .live'), 'border-top', '::before'), 'live marker').to.equal(true);
    expect(drawn(part(el, 'logo', 'bitcoin')!, 'outline'), 'letter badge').to.equal(true);
    expect(drawn(find('[data-coin="ethereum"] .skeleton'), 'outline'), 'placeholder').to.equal(true);
    await expect(el).to.be.accessible();
  });

  /** The text of an element, whose client rects are one per line it takes. */
  const textRange = (el: Element) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return range;
  };

  it('shows every price whole, and breaks no name inside a word, from a phone to several columns, in any font size', async () => {
    const el = await render<CoinList>(
      html`<coin-list feed="coingecko" coins="bitcoin,ethereum,monero,pirate-chain" endpoint=${ENDPOINT}></coin-list>`,
    );
    await oneEvent(el, 'coin-update');
    const cut: string[] = [];
    for (const font of ['16px serif', '18px sans-serif', '24px sans-serif']) {
      el.style.font = font;
      // From a 320px phone up to three columns, in steps finer than a column's width.
      for (let width = 320; width <= 1200; width += 4) {
        el.style.inlineSize = `${width}px`;
        for (const id of ['bitcoin', 'ethereum', 'monero', 'pirate-chain']) {
          const [price, name] = [part(el, 'price', id)!, part(el, 'name', id)!];
          if (price.scrollWidth > price.clientWidth) cut.push(`${id} price at ${width}px, ${font}`);
          // One-word names stay on one line; "Pirate Chain" may wrap between its words.
          const lines = new Set([...textRange(name).getClientRects()].map((rect) => Math.round(rect.top))).size;
          if (name.scrollWidth > name.clientWidth || lines > (id === 'pirate-chain' ? 2 : 1))
            cut.push(`${id} name at ${width}px, ${font}`);
        }
      }
    }
    expect(cut).to.deep.equal([]);
  });

  it('wraps a name too long for a narrow row instead of cutting it short', async () => {
    const el = await render<CoinList>(
      html`<coin-list style="inline-size: 11rem; font-size: 20px; letter-spacing: 0.12em" feed="coingecko" coins="pirate-chain" endpoint=${ENDPOINT}></coin-list>`,
    );
    await oneEvent(el, 'coin-update');
    const name = part(el, 'name', 'pirate-chain')!;
    expect(name.scrollWidth, 'no hidden overflow').to.be.at.most(name.clientWidth);
    const [n, p] = [name.getBoundingClientRect(), part(el, 'price', 'pirate-chain')!.getBoundingClientRect()];
    expect(n.right <= p.left || n.bottom <= p.top, 'name and price apart').to.equal(true);
    expect(
      name.getClientRects().length > 1 ||
        name.getBoundingClientRect().height > parseFloat(getComputedStyle(name).lineHeight) * 1.5,
      'wrapped',
    ).to.equal(true);
  });

  it('puts a price too long to share its line under the name, whole where it fits, and inside the row', async () => {
    server.setItems(
      await marketItems([
        {
          id: 'bitcoin',
          symbol: 'btc',
          name: 'Bitcoin',
          current_price: 1834567890123.45,
          price_change_percentage_24h: 0.1,
        },
      ]),
    );
    const el = await render<CoinList>(
      html`<coin-list style="inline-size: 40rem" feed="coingecko" coins="bitcoin" endpoint=${ENDPOINT}></coin-list>`,
    );
    await oneEvent(el, 'coin-update');
    const [name, price, row] = [
      part(el, 'name', 'bitcoin')!,
      part(el, 'price', 'bitcoin')!,
      el.shadowRoot!.querySelector('[data-coin="bitcoin"]')!,
    ];
    // Room for the price alone on its line, not beside the name.
    const line = el.shadowRoot!.querySelector('[data-coin="bitcoin"] .line')!;
    el.style.inlineSize = `${line.getBoundingClientRect().left - el.getBoundingClientRect().left + price.scrollWidth + 4}px`;
    expect(name.getClientRects().length, 'the name on one line').to.equal(1);
    expect(price.getBoundingClientRect().top, 'the price under it').to.be.at.least(name.getBoundingClientRect().bottom);
    expect(price.scrollWidth, 'the price whole').to.be.at.most(price.clientWidth);
    expect(price.getBoundingClientRect().right).to.be.at.most(row.getBoundingClientRect().right + 0.5);
    // Narrower than the price itself, it is cut with an ellipsis rather than overflow the row.
    el.style.inlineSize = '9rem';
    expect(price.getBoundingClientRect().right).to.be.at.most(row.getBoundingClientRect().right + 0.5);
  });

  it('renders the dark theme accessibly', async () => {
    const el = await render<CoinList>(
      html`<coin-list feed="coingecko" coins="bitcoin,ethereum" theme="dark" endpoint=${ENDPOINT}></coin-list>`,
    );
    await oneEvent(el, 'coin-update');
    expect(getComputedStyle(el).backgroundColor).to.equal('rgb(20, 24, 31)');
    await expect(el).to.be.accessible();
  });
});
