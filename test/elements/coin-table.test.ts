import { expect, fixture as render, html, oneEvent } from '@open-wc/testing';
import { executeServerCommand, sendKeys, setViewport } from '@web/test-runner-commands';
import { HttpResponse, http } from 'msw';
import '../../src/define.js';
import type { CoinStatusEvent } from '../../src/index.js';
import type { CoinTable } from '../../src/elements/coin-table.js';
import { sparklinePath } from '../../src/elements/sparkline.js';
import { pricesShown } from '../helpers/page.js';
import { LayoutShifts, drawn, page } from '../helpers/layout.js';
import {
  ENDPOINT,
  MARKETS,
  fixture,
  marketItems,
  marketsSuite,
  worker,
  type MarketItem,
} from '../helpers/coingecko.js';

const RECORDED = 'coingecko/coins_markets.recorded_2026-02-17_sparkline_pct24h.json';
const COINS = 'bitcoin,ethereum,monero,pirate-chain,shiba-inu';

/**
 * Five coins as CoinGecko's `/coins/markets` sends them with `sparkline=true&price_change_percentage=7d`, with what it
 * leaves null for some coins: a rank (Pirate Chain), a market cap, a 24 h change, a volume; and one answer without the
 * 7-day change (Monero). Each 7-day series is the recorded Bitcoin one, scaled to the coin's price.
 */
async function items(): Promise<MarketItem[]> {
  const [recorded] = await fixture<MarketItem[]>(RECORDED);
  const series = (recorded.sparkline_in_7d as { price: number[] }).price;
  const history = (price: number, reversed = false) => {
    const scaled = series.map((p) => (p * price) / series[series.length - 1]);
    return { price: reversed ? scaled.reverse() : scaled };
  };
  const coins = await marketItems([
    {
      id: 'bitcoin',
      symbol: 'btc',
      name: 'Bitcoin',
      current_price: 113422.41,
      price_change_percentage_24h: 0.1,
      market_cap_rank: 1,
      market_cap: 2_254_000_000_000,
      total_volume: 38_200_000_000,
      price_change_percentage_7d_in_currency: 2.5,
      sparkline_in_7d: { price: series },
    },
    {
      id: 'ethereum',
      symbol: 'eth',
      name: 'Ethereum',
      current_price: 4157.53,
      price_change_percentage_24h: -0.33,
      market_cap_rank: 2,
      market_cap: 501_900_000_000,
      total_volume: 27_900_000_000,
      price_change_percentage_7d_in_currency: -4.1,
      sparkline_in_7d: history(4157.53, true),
    },
    {
      id: 'monero',
      symbol: 'xmr',
      name: 'Monero',
      current_price: 291.83,
      price_change_percentage_24h: 0,
      market_cap_rank: 30,
      market_cap: 5_380_000_000,
      total_volume: 120_000_000,
      sparkline_in_7d: history(291.83),
    },
    {
      id: 'pirate-chain',
      symbol: 'arrr',
      name: 'Pirate Chain',
      current_price: 0.21,
      price_change_percentage_24h: -0.66,
      market_cap_rank: null,
      market_cap: null,
      total_volume: 150_000,
      price_change_percentage_7d_in_currency: 12.3,
      sparkline_in_7d: history(0.21),
    },
    {
      id: 'shiba-inu',
      symbol: 'shib',
      name: 'Shiba Inu',
      current_price: 0.00001234,
      price_change_percentage_24h: null,
      market_cap_rank: 15,
      market_cap: 7_200_000_000,
      total_volume: null,
      price_change_percentage_7d_in_currency: -1.2,
      sparkline_in_7d: history(0.00001234),
    },
  ]);
  // marketItems lays each coin over the recorded Bitcoin object, which has no 7-day change: Monero's answer has none.
  return coins.map(({ price_change_percentage_24h_in_currency: _, ...item }) => item);
}

const root = (el: Element) => el.shadowRoot!;
const words = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim();
/** The column headers' text, as a screen reader names them (the rank's button is labelled). */
const headers = (el: Element) =>
  [...root(el).querySelectorAll('thead th')].map((th) => th.querySelector('button')?.ariaLabel ?? words(th));
/** The rows' coins, top to bottom. */
const order = (el: Element) => [...root(el).querySelectorAll('tbody tr')].map((tr) => tr.getAttribute('data-coin'));
/** One row's cells by header, as the table's structure pairs them. */
function row(el: Element, coin: string): Record<string, string | undefined> {
  const cells = [...root(el).querySelector(`tr[data-coin="${coin}"]`)!.children];
  return Object.fromEntries(headers(el).map((name, i) => [name, words(cells[i])]));
}
/** The headers a reader sees: those the table's width left in. */
const shown = (el: Element) =>
  [...root(el).querySelectorAll('thead th')]
    .filter((th) => th.getBoundingClientRect().width > 0)
    .map((th) => th.querySelector('button')?.ariaLabel ?? words(th));
const button = (el: Element, label: string) =>
  [...root(el).querySelectorAll<HTMLButtonElement>('thead button')].find((b) => (b.ariaLabel ?? words(b)) === label)!;
const sortedHeaders = (el: Element) =>
  [...root(el).querySelectorAll('th[aria-sort]')].map((th) => [
    th.querySelector('button')?.ariaLabel ?? words(th),
    th.getAttribute('aria-sort'),
  ]);
/** The arrow drawn after a header's label, for the eye only (screen readers get aria-sort and the announcement). */
const arrow = (el: Element, label: string) => {
  const content = getComputedStyle(button(el, label), '::after').content;
  return content === 'none' ? '' : /^"\u00a0(.)" \/ ""$/.exec(content)?.[1];
};
/** The sort's live region, beside the table (the status line has its own). */
const announced = (el: Element) => words(root(el).querySelector('table + [role="status"]'));

const compact = (value: number, locale = 'en-US', currency = 'USD') =>
  new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    notation: 'compact',
    maximumFractionDigits: 1,
  }).format(value);

const status = (el: HTMLElement, wanted: string) =>
  new Promise<CoinStatusEvent>((resolve) =>
    el.addEventListener('coin-status', (e) => e.status === wanted && resolve(e)),
  );

describe('<coin-table>', () => {
  const suite = marketsSuite(items);

  /** A table of `coins` from the test CoinGecko, wide enough for every column, once it shows prices. */
  async function table(attributes: Record<string, string> = {}, coins = COINS) {
    const el = document.createElement('coin-table');
    for (const [name, value] of Object.entries({ feed: 'coingecko', endpoint: ENDPOINT, coins, ...attributes }))
      el.setAttribute(name, value);
    await render<HTMLElement>(html`<div style="inline-size: 60em">${el}</div>`);
    await pricesShown(el);
    await el.updateComplete;
    return el;
  }

  it('is a table of every column, one row per coin in the order of coins, with the history asked for once', async () => {
    const el = await table();
    expect(root(el).querySelector('caption')!.textContent).to.equal('Cryptocurrency prices');
    expect(headers(el)).to.deep.equal([
      'Rank',
      'Coin',
      'Price',
      '24 h %',
      '7 d %',
      'Market cap',
      'Volume (24 h)',
      'Last 7 days',
    ]);
    expect([...root(el).querySelectorAll('thead th')].map((th) => th.getAttribute('scope'))).to.deep.equal(
      Array(8).fill('col'),
    );
    expect(order(el)).to.deep.equal(COINS.split(','));
    expect(row(el, 'bitcoin')).to.deep.equal({
      Rank: '1',
      Coin: 'Bitcoin BTC',
      Price: '$113,422.41',
      '24 h %': '▲ up 0.10%',
      '7 d %': '▲ up 2.50%',
      'Market cap': compact(2_254_000_000_000),
      'Volume (24 h)': compact(38_200_000_000),
      'Last 7 days': '',
    });
    expect(compact(2_254_000_000_000)).to.equal('$2.3T');
    // CoinGecko's nulls and a field it did not send are dashes, never "NaN" or "$0".
    expect(row(el, 'pirate-chain')).to.include({ Rank: '—', 'Market cap': '—', '7 d %': '▲ up 12.30%' });
    expect(row(el, 'monero')).to.include({ '24 h %': 'unchanged 0.00%', '7 d %': '—' });
    expect(row(el, 'shiba-inu')).to.include({ '24 h %': '—', 'Volume (24 h)': '—' });
    const coin = root(el).querySelector('tr[data-coin="bitcoin"] th')!;
    expect(coin.getAttribute('scope')).to.equal('row');
    expect(coin.getAttribute('part')).to.equal('cell');
    expect(root(el).querySelector('tr[data-coin="bitcoin"]')!.getAttribute('part')).to.equal('row item');
    expect(root(el).querySelector('[data-coin="bitcoin"] [part~="rank"]')!.getAttribute('part')).to.equal('cell rank');
    const [recorded] = await fixture<MarketItem[]>(RECORDED);
    const series = (recorded.sparkline_in_7d as { price: number[] }).price;
    const chart = root(el).querySelector('[data-coin="bitcoin"] [part~="sparkline"]')!;
    expect(chart.getAttribute('part')).to.equal('sparkline down');
    expect(chart.querySelector('path')!.getAttribute('d')).to.equal(sparklinePath(series));
    expect(chart.getAttribute('aria-label')).to.equal('7-day trend: down -1.04%');
    expect(suite.server.requests).to.have.length(1);
    expect(suite.server.requests[0].searchParams.get('sparkline')).to.equal('true');
    expect(suite.server.requests[0].searchParams.get('price_change_percentage')).to.equal('7d');
    expect(suite.warnings).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('formats market cap and volume compactly in the locale and currency asked for', async () => {
    const el = await table({ currency: 'eur', locale: 'de-DE' }, 'bitcoin');
    expect(suite.server.requests[0].searchParams.get('vs_currency')).to.equal('eur');
    const cells = row(el, 'bitcoin');
    expect(cells['Market cap']).to.equal(compact(2_254_000_000_000, 'de-DE', 'EUR').replace(/\s+/g, ' '));
    expect(cells['Volume (24 h)']).to.equal(compact(38_200_000_000, 'de-DE', 'EUR').replace(/\s+/g, ' '));
  });

  it('shows the columns named, in their order, dropping a name it does not know with one warning', async () => {
    const el = await table({ columns: 'volume, price sparklines,change-24h,volume' }, 'bitcoin');
    expect(headers(el)).to.deep.equal(['Rank', 'Coin', 'Volume (24 h)', 'Price', '24 h %']);
    expect(row(el, 'bitcoin')).to.deep.equal({
      Rank: '1',
      Coin: 'Bitcoin BTC',
      'Volume (24 h)': compact(38_200_000_000),
      Price: '$113,422.41',
      '24 h %': '▲ up 0.10%',
    });
    // Neither the chart nor the 7-day change: no history to fetch.
    expect(suite.server.requests[0].searchParams.has('sparkline')).to.equal(false);
    el.columns = 'sparklines';
    await el.updateComplete;
    expect(headers(el), 'no column it knows: all of them').to.have.length(8);
    expect(suite.warnings).to.deep.equal(['coin-ticker: column "sparklines" is not valid; ignoring it.']);
    el.columns = '';
    await el.updateComplete;
    expect(headers(el)).to.have.length(8);
  });

  it('asks for the history for the 7-day change alone', async () => {
    await table({ columns: 'price,change-7d' }, 'bitcoin');
    expect(suite.server.requests[0].searchParams.get('sparkline')).to.equal('true');
  });

  /** Each sortable column: the order of its first press and of its second, missing values last both times. */
  const SORTS: Array<[header: string, sort: string, first: string[], second: string[]]> = [
    [
      'Rank',
      'rank',
      ['bitcoin', 'ethereum', 'shiba-inu', 'monero', 'pirate-chain'],
      ['monero', 'shiba-inu', 'ethereum', 'bitcoin', 'pirate-chain'],
    ],
    [
      'Coin',
      'coin',
      ['bitcoin', 'ethereum', 'monero', 'pirate-chain', 'shiba-inu'],
      ['shiba-inu', 'pirate-chain', 'monero', 'ethereum', 'bitcoin'],
    ],
    [
      'Price',
      'price',
      ['bitcoin', 'ethereum', 'monero', 'pirate-chain', 'shiba-inu'],
      ['shiba-inu', 'pirate-chain', 'monero', 'ethereum', 'bitcoin'],
    ],
    [
      '24 h %',
      'change-24h',
      ['bitcoin', 'monero', 'ethereum', 'pirate-chain', 'shiba-inu'],
      ['pirate-chain', 'ethereum', 'monero', 'bitcoin', 'shiba-inu'],
    ],
    [
      '7 d %',
      'change-7d',
      ['pirate-chain', 'bitcoin', 'shiba-inu', 'ethereum', 'monero'],
      ['ethereum', 'shiba-inu', 'bitcoin', 'pirate-chain', 'monero'],
    ],
    [
      'Market cap',
      'market-cap',
      ['bitcoin', 'ethereum', 'shiba-inu', 'monero', 'pirate-chain'],
      ['monero', 'shiba-inu', 'ethereum', 'bitcoin', 'pirate-chain'],
    ],
    [
      'Volume (24 h)',
      'volume',
      ['bitcoin', 'ethereum', 'monero', 'pirate-chain', 'shiba-inu'],
      ['pirate-chain', 'monero', 'ethereum', 'bitcoin', 'shiba-inu'],
    ],
  ];
  /** Names and ranks go A to Z and 1 up first; figures largest first. */
  const firstOrder = (sort: string) => (sort === 'rank' || sort === 'coin' ? 'ascending' : 'descending');
  const other = (order: string) => (order === 'ascending' ? 'descending' : 'ascending');

  for (const [header, sort, first, second] of SORTS) {
    it(`sorts by ${header} when its header is clicked, and back when clicked again`, async () => {
      const el = await table();
      expect(sortedHeaders(el)).to.deep.equal([]);
      expect(announced(el)).to.equal('');
      button(el, header).click();
      await el.updateComplete;
      expect(order(el)).to.deep.equal(first);
      expect(sortedHeaders(el)).to.deep.equal([[header, firstOrder(sort)]]);
      expect(announced(el)).to.equal(`Sorted by ${header}, ${firstOrder(sort)}`);
      expect(arrow(el, header)).to.equal(firstOrder(sort) === 'descending' ? '▼' : '▲');
      expect(arrow(el, 'Coin' === header ? 'Price' : 'Coin'), 'on an unsorted column').to.equal('');
      expect(el.sort).to.equal(`${firstOrder(sort) === 'descending' ? '-' : ''}${sort}`);
      button(el, header).click();
      await el.updateComplete;
      expect(order(el)).to.deep.equal(second);
      expect(sortedHeaders(el)).to.deep.equal([[header, other(firstOrder(sort))]]);
      expect(announced(el)).to.equal(`Sorted by ${header}, ${other(firstOrder(sort))}`);
    });
  }

  for (const key of ['Enter', 'Space']) {
    it(`sorts from the keyboard with ${key} on a header, keeping the focus there`, async () => {
      const el = await table();
      const price = button(el, 'Price');
      price.focus();
      await sendKeys({ press: key });
      await el.updateComplete;
      expect(order(el)).to.deep.equal(SORTS[2][2]);
      expect(sortedHeaders(el)).to.deep.equal([['Price', 'descending']]);
      expect(announced(el)).to.equal('Sorted by Price, descending');
      expect(root(el).activeElement).to.equal(price);
      await sendKeys({ press: key });
      await el.updateComplete;
      expect(order(el)).to.deep.equal(SORTS[2][3]);
      expect(announced(el)).to.equal('Sorted by Price, ascending');
      // To the next header, and its sort.
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: key });
      await el.updateComplete;
      expect(sortedHeaders(el)).to.deep.equal([['24 h %', 'descending']]);
      expect(order(el)).to.deep.equal(SORTS[3][2]);
    });
  }

  it('takes its order from the sort attribute, a leading - for descending, and says so once when it is not one', async () => {
    const el = await table({ sort: 'market-cap' });
    expect(order(el)).to.deep.equal(SORTS[5][3]);
    expect(sortedHeaders(el)).to.deep.equal([['Market cap', 'ascending']]);
    el.setAttribute('sort', '-change-24h');
    await el.updateComplete;
    expect(order(el)).to.deep.equal(SORTS[3][2]);
    expect(sortedHeaders(el)).to.deep.equal([['24 h %', 'descending']]);
    for (const bad of ['sparkline', 'cap', '--price']) {
      el.setAttribute('sort', bad);
      await el.updateComplete;
      expect(order(el), bad).to.deep.equal(COINS.split(','));
      expect(sortedHeaders(el)).to.deep.equal([]);
      expect(announced(el)).to.equal('');
    }
    expect(suite.warnings).to.deep.equal([
      'coin-ticker: sort "sparkline" is not valid; ignoring it.',
      'coin-ticker: sort "cap" is not valid; ignoring it.',
      'coin-ticker: sort "--price" is not valid; ignoring it.',
    ]);
    // A column left out of `columns` still orders the rows; no header says so.
    el.columns = 'price';
    el.sort = 'volume';
    await el.updateComplete;
    expect(order(el)).to.deep.equal(SORTS[6][3]);
    expect(sortedHeaders(el)).to.deep.equal([]);
  });

  it('keeps its sort as new prices come, re-ordering the rows they move, and flashes each moved price in its row', async () => {
    const el = await table({ sort: '-price' }, 'bitcoin,ethereum');
    expect(order(el)).to.deep.equal(['bitcoin', 'ethereum']);
    const rows = [...root(el).querySelectorAll('tbody tr')];
    suite.server.setItems(
      (await items()).map((item) => (item.id === 'ethereum' ? { ...item, current_price: 200_000 } : item)),
    );
    const update = oneEvent(el, 'coin-update');
    suite.clock.advance(60_000);
    await update;
    await el.updateComplete;
    expect(order(el)).to.deep.equal(['ethereum', 'bitcoin']);
    expect(row(el, 'ethereum').Price).to.equal('$200,000.00');
    // The same two rows, their contents moved: nothing is rebuilt.
    expect([...root(el).querySelectorAll('tbody tr')]).to.deep.equal(rows);
    expect(root(el).querySelector('[data-coin="ethereum"] [part="price"]')!.className).to.equal('up');
    expect(root(el).querySelector('[data-coin="bitcoin"] [part="price"]')!.className).to.equal('');
  });

  it('drops columns to fit a 320 px phone, never scrolling the page sideways', async () => {
    await setViewport({ width: 320, height: 640 });
    try {
      const el = await render<CoinTable>(
        html`<coin-table feed="coingecko" coins=${COINS} endpoint=${ENDPOINT}></coin-table>`,
      );
      await pricesShown(el);
      await el.updateComplete;
      expect(shown(el)).to.deep.equal(['Coin', 'Price', '24 h %']);
      const { documentElement } = document;
      expect(documentElement.scrollWidth).to.be.at.most(documentElement.clientWidth);
      const table = root(el).querySelector('table')!;
      expect(table.getBoundingClientRect().width).to.be.at.most(el.getBoundingClientRect().width);
      // The logos make way for the names.
      expect(root(el).querySelector<HTMLElement>('[part~="logo"]')!.offsetWidth).to.equal(0);
      for (const coin of ['bitcoin', 'ethereum']) {
        const name = root(el).querySelector(`[data-coin="${coin}"] [part="name"]`)!;
        expect(name.scrollWidth, `${coin}'s name whole`).to.be.at.most(name.clientWidth);
        const price = root(el).querySelector(`[data-coin="${coin}"] [part="price"]`)!.parentElement!;
        expect(price.scrollWidth, `${coin}'s price whole`).to.be.at.most(price.clientWidth);
      }
      await expect(el).to.be.accessible();
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('drops the lowest columns first as its container narrows', async () => {
    const wrapper = await render<HTMLElement>(
      html`<div style="font-size: 16px"><coin-table feed="coingecko" coins="bitcoin" endpoint=${ENDPOINT}></coin-table></div>`,
    );
    const el = wrapper.querySelector<CoinTable>('coin-table')!;
    await pricesShown(el);
    const steps: Array<[number, string[]]> = [
      [780, ['Rank', 'Coin', 'Price', '24 h %', '7 d %', 'Market cap', 'Volume (24 h)', 'Last 7 days']],
      [700, ['Rank', 'Coin', 'Price', '24 h %', '7 d %', 'Market cap', 'Volume (24 h)']],
      [620, ['Rank', 'Coin', 'Price', '24 h %', '7 d %', 'Market cap']],
      [520, ['Rank', 'Coin', 'Price', '24 h %', '7 d %']],
      [440, ['Rank', 'Coin', 'Price', '24 h %']],
      [360, ['Coin', 'Price', '24 h %']],
    ];
    const fits = async (width: number, columns: string[]) => {
      wrapper.style.inlineSize = `${width}px`;
      await new Promise(requestAnimationFrame);
      expect(shown(el), `${width}px`).to.deep.equal(columns);
      expect(root(el).querySelector('table')!.getBoundingClientRect().width, `${width}px`).to.be.at.most(width);
    };
    for (const [width, columns] of steps) await fits(width, columns);
    // Of fewer columns, the least important still go first, wherever the author put them.
    el.columns = 'sparkline,volume,price,change-7d';
    await el.updateComplete;
    await fits(500, ['Rank', 'Coin', 'Volume (24 h)', 'Price', '7 d %']);
    await fits(400, ['Rank', 'Coin', 'Price', '7 d %']);
    el.columns = 'price,sparkline';
    await el.updateComplete;
    await fits(340, ['Coin', 'Price', 'Last 7 days']);
  });

  it('shows placeholder rows of the final size before the prices, so nothing moves when they land (CLS 0)', async () => {
    let answer!: () => void;
    const held = new Promise<void>((resolve) => (answer = resolve));
    const answered = await items();
    worker.use(
      http.get(MARKETS, async () => {
        await held;
        return HttpResponse.json(answered);
      }),
    );
    const shifts = new LayoutShifts();
    try {
      const main = await page(
        html`<coin-table feed="coingecko" coins="${COINS},not-a-coin" endpoint=${ENDPOINT}></coin-table>`,
      );
      const el = main.querySelector<CoinTable>('coin-table')!;
      await el.updateComplete;
      expect(order(el)).to.deep.equal([...COINS.split(','), 'not-a-coin']);
      expect(root(el).querySelector('table')!.getAttribute('aria-busy')).to.equal('true');
      expect(root(el).querySelectorAll('tr[data-coin="bitcoin"] .skeleton').length).to.be.above(5);
      await expect(el).to.be.accessible();
      await shifts.reset();
      const live = status(el, 'live');
      answer();
      await live;
      await el.updateComplete;
      expect(root(el).querySelector('.skeleton'), 'a placeholder left').to.equal(null);
      // Its letter badge, then its id as the page wrote it.
      expect(row(el, 'not-a-coin')).to.include({ Coin: 'N not-a-coin', Price: 'Unknown coin' });
      expect(root(el).querySelector('[data-coin="not-a-coin"] [part~="logo"]')!.className).to.equal('badge');
      expect(root(el).querySelector('table')!.getAttribute('aria-busy')).to.equal('false');
      expect(await shifts.total()).to.equal(0);
    } finally {
      shifts.stop();
    }
  });

  it('keeps its old prices when the feed fails, says they are not current, and stays accessible', async () => {
    const el = await table({ sort: '-change-7d' });
    await expect(el).to.be.accessible();
    const body = await fixture<object>('coingecko/error_429_rate_limited.json');
    suite.server.once(() => HttpResponse.json(body, { status: 429 }));
    const stale = status(el, 'stale');
    suite.clock.advance(60_000);
    await stale;
    await el.updateComplete;
    expect(row(el, 'bitcoin').Price).to.equal('$113,422.41 (not current)');
    expect(root(el).querySelector('tr[data-coin="bitcoin"]')!.getAttribute('title')).to.match(/^Last updated /);
    expect(words(root(el).querySelector('[part="status"]'))).to.match(/^CoinGecko is rate-limiting/);
    expect(order(el)).to.deep.equal(SORTS[4][2]);
    await expect(el).to.be.accessible();
  });

  it("shows the feed's error in place of placeholders that would never fill, and stays accessible", async () => {
    const body = await fixture<object>('coingecko/error_400_invalid_vs_currency.json');
    suite.server.once(() => HttpResponse.json(body, { status: 400 }));
    const el = await render<CoinTable>(
      html`<coin-table feed="coingecko" coins=${COINS} currency="usdt" endpoint=${ENDPOINT}></coin-table>`,
    );
    await status(el, 'error');
    await el.updateComplete;
    expect(root(el).querySelector('.skeleton'), 'a placeholder').to.equal(null);
    expect(words(root(el).querySelector('[part="status"]'))).to.equal('CoinGecko does not quote "usdt"');
    await expect(el).to.be.accessible();
  });

  it('keeps its row lines, placeholders, sort arrow and 7-day lines visible under forced colors, which drop backgrounds', async () => {
    await executeServerCommand('forced-colors', 'active');
    try {
      const el = await render<CoinTable>(
        html`<coin-table feed="coingecko" coins=${COINS} sort="-price" endpoint=${ENDPOINT}></coin-table>`,
      );
      expect(drawn(root(el).querySelector('.skeleton')!, 'outline'), 'placeholder').to.equal(true);
      await pricesShown(el);
      expect(drawn(root(el).querySelectorAll('tbody tr')[1], 'border-top'), 'line between rows').to.equal(true);
      expect(arrow(el, 'Price')).to.equal('▼');
      const trend = getComputedStyle(root(el).querySelector('[data-coin="bitcoin"] svg path')!);
      expect([trend.stroke, parseFloat(trend.strokeWidth) > 0], '7-day line').to.deep.equal([trend.color, true]);
      await expect(el).to.be.accessible();
    } finally {
      await executeServerCommand('forced-colors', 'none');
    }
  });

  it('is accessible sorted, in the dark theme and compact', async () => {
    const el = await table({ sort: 'coin', theme: 'dark', density: 'compact' });
    expect(order(el)).to.deep.equal(SORTS[1][2]);
    await expect(el).to.be.accessible();
  });

  it('says what to set when it has no coins', async () => {
    const el = await render<CoinTable>(html`<coin-table feed="coingecko" endpoint=${ENDPOINT}></coin-table>`);
    expect(words(root(el).querySelector('.note'))).to.equal('No coins to show: set the coins attribute.');
    expect(root(el).querySelector('table')).to.equal(null);
  });
});
