import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { parseCoins } from '../core/request.js';
import type { Quote } from '../core/quote.js';
import { warnOnce } from '../core/warn.js';
import { formatCompact } from '../format/index.js';
import { CoinElement, numberAttribute, type Words } from './coin-element.js';
import { changePart, note, notCurrent, priceText } from './parts.js';
import { sparkline } from './sparkline.js';
import { styles } from './coin-table.styles.js';
import { theme } from './theme.styles.js';

/** The value columns in their default order, each with the quote field it shows and sorts by. */
const FIELDS = {
  price: 'price',
  'change-24h': 'change24h',
  'change-7d': 'change7d',
  'market-cap': 'marketCap',
  volume: 'volume24h',
  sparkline: 'sparkline',
} as const;
type Column = keyof typeof FIELDS;
type SortKey = Exclude<Column, 'sparkline'> | 'rank' | 'coin';
const VALUES = Object.keys(FIELDS) as Column[];

/** The columns named in `value` that exist, in its order, each once; all of them when it names none. */
const valueColumns = (value: string) => {
  const known = new Set(
    value
      .toLowerCase()
      .split(/[\s,]+/)
      .filter((c) => c in FIELDS) as Column[],
  );
  return known.size ? [...known] : VALUES;
};

/** `sort` as [column, descending], or [] when it is unset or names no sortable column. */
const sortOrder = (value: string): [SortKey, boolean] | [] => {
  const key = value.trim().toLowerCase().replace(/^-/, '');
  return key === 'coin' || key === 'rank' || (key in FIELDS && key !== 'sparkline')
    ? [key as SortKey, value.trim()[0] === '-']
    : [];
};

/**
 * A market table: rank, coin, price, 24 h and 7 d change, market cap, 24 h volume and a 7-day sparkline, one row per
 * coin, sortable by any column but the sparkline. A header's button (click, Enter or Space) sorts by its column,
 * largest first for numbers and A to Z for coins and ranks; pressing it again reverses. Coins without the value sort
 * last either way. A narrow table drops the least important of its columns first (sparkline, volume, market cap,
 * 7 d change, then rank and logo), so it fits its container: a 320 px phone shows the coin, price and 24 h change.
 *
 * @tagname coin-table
 * @summary Live coin prices as a sortable market table.
 * @csspart table - The table.
 * @csspart header - A column header.
 * @csspart row - One coin's row; it is also the `item` part.
 * @csspart cell - Every cell of a row, the coin's included.
 * @csspart rank - The rank's cell.
 * @csspart logo - The coin's logo, or its letter badge.
 * @csspart name - The coin's name.
 * @csspart symbol - The ticker symbol.
 * @csspart sparkline - The 7-day chart, with `up`, `down` or `flat` for its direction.
 * @csspart status - The status line: where the prices come from, or why they are not current.
 * @csspart currency-switch - The reader's currency buttons, with `currencies`.
 * @cssprop --coin-color - Text colour.
 * @cssprop --coin-background - Background (transparent in the light theme).
 * @cssprop --coin-border-color - Lines between rows.
 * @cssprop --coin-gap - Twice the space between columns, and around the dark theme's content.
 * @cssprop --coin-padding - Space above and below each row.
 * @cssprop --coin-radius - Corner radius.
 * @cssprop --coin-logo-size - Logo size.
 */
export class CoinTable extends CoinElement {
  static override styles = [theme, styles];
  static override properties: PropertyDeclarations = {
    coins: {},
    top: { converter: numberAttribute },
    currencies: {},
    columns: {},
    sort: {},
  };

  /** Coin ids as CoinGecko names them, comma or space separated, shown in this order until the table is sorted. */
  coins = '';
  /**
   * The value columns and their order, from `price`, `change-24h`, `change-7d`, `market-cap`, `volume`, `sparkline`;
   * rank and coin always come first. Empty: all of them.
   */
  columns = '';
  /**
   * The column the rows are sorted by: `rank`, `coin`, or a value column but `sparkline`; a leading `-` sorts
   * descending (`-change-24h`). Empty: the order of `coins`. Sorting by a header sets it.
   */
  sort = '';
  /** Also shows this many of the largest coins by market cap (at most 250), after the named ones. */
  top?: number;
  /** Currencies a reader may switch the prices to (`usd,eur,gbp,btc`), with a switch above the table. */
  currencies?: string;

  protected ids() {
    return parseCoins(this.coins);
  }

  /** The 7-day change comes with the history, which the feed fetches only for elements that show either. */
  protected override request() {
    const request = super.request();
    const history = valueColumns(this.columns).some((c) => c === 'sparkline' || c === 'change-7d');
    return request && history ? { ...request, sparkline: true } : request;
  }

  override render() {
    const ids = this.shown();
    const w = this.words();
    if (!ids.length) return note(w.t.noCoins);
    return html`${this.currencySwitch(this.currencies, w)}${this.#table(ids, w)}${this.statusLine(ids, w)}`;
  }

  protected override updated(changed: PropertyValues) {
    super.updated(changed);
    const { columns, sort } = this;
    if (changed.has('columns')) {
      for (const name of columns.toLowerCase().split(/[\s,]+/)) {
        if (name && !(name in FIELDS)) warnOnce(`column "${name}" is not valid; ignoring it.`);
      }
    }
    if (changed.has('sort') && sort.trim() && !sortOrder(sort).length) {
      warnOnce(`sort "${sort}" is not valid; ignoring it.`);
    }
  }

  /**
   * The table of `ids`, however they were chosen, sorted as the reader or `sort` asks: one row per id, a placeholder
   * of the final size for an id whose quote has not come yet.
   */
  #table(ids: string[], w: Words) {
    const { t } = w;
    const columns = valueColumns(this.columns);
    const [key, descending] = sortOrder(this.sort);
    const options = this.formatOptions();
    // Each column also gets its place among the shown ones by importance: the narrower the table, the fewer places.
    const classes = new Map(VALUES.filter((c) => columns.includes(c)).map((c, i) => [c, `${c} p${i}`]));
    const header = (column: SortKey | 'sparkline') => {
      const label = t[column];
      return html`<th
        scope="col"
        part="header"
        class=${classes.get(column as Column) ?? column}
        aria-sort=${column === key ? (descending ? 'descending' : 'ascending') : nothing}
      >
        ${
          column === 'sparkline'
            ? label
            : html`<button @click=${() => this.#sortBy(column)} aria-label=${column === 'rank' ? label : nothing}>
              ${column === 'rank' ? '#' : label}
            </button>`
        }
      </th>`;
    };
    return html`<table part="table" lang=${w.lang ?? nothing} aria-busy=${this.quotes.status === 'loading'}>
        <caption class="sr-only">${t.prices}</caption>
        <thead>
          <tr>${header('rank')}${header('coin')}${columns.map(header)}</tr>
        </thead>
        <tbody>
          ${this.#sorted(ids, key, descending, options.locale).map((id) => this.#row(id, columns, classes, options, w))}
        </tbody>
      </table>
      <span class="sr-only" role="status" lang=${w.lang ?? nothing}>${key ? t.sorted(t[key], descending ? t.descending : t.ascending) : ''}</span>`;
  }

  /** A coin's row; before its quote, placeholders where its figures will be, each in a cell of fixed width. */
  #row(
    id: string,
    columns: Column[],
    classes: Map<Column, string>,
    options: ReturnType<CoinElement['formatOptions']>,
    w: Words,
  ) {
    const { t } = w;
    const { quote, stale, problem, placeholder, title, old } = this.view(id, w);
    const cell = (column: Column) => {
      if (column === 'price') {
        return html`<span part="price" dir="auto">${priceText(quote?.price, options, problem ?? placeholder)}</span>${notCurrent(stale, t)}`;
      }
      if (!quote) return placeholder;
      if (column === 'sparkline') return sparkline(quote, id, options, t, old('sparkline'));
      const field = FIELDS[column];
      return column[0] === 'c'
        ? changePart(quote[field] as number | null | undefined, options, t, old(field))
        : old(field)
          ? html`<span class="old">${formatCompact(quote[field] as number | undefined, options)}</span>${notCurrent(true, t)}`
          : formatCompact(quote[field] as number | undefined, options);
    };
    return html`<tr part="row item" data-coin=${id} class=${stale ? 'stale' : ''} title=${title}>
      <td part="cell rank" class="rank">${quote ? (quote.rank ?? '—') : placeholder}</td>
      <th scope="row" part="cell" class="coin">
        <div>
          ${this.logo(id)}
          <span part="name">${quote?.name ?? (problem ? id : html`${placeholder}<span class="sr-only">${id}</span>`)}</span>
          <span part="symbol" class="muted">${quote?.symbol ?? placeholder}</span>
        </div>
      </th>
      ${columns.map((column) => html`<td part="cell" class=${classes.get(column)!}>${cell(column)}</td>`)}
    </tr>`;
  }

  /** `ids` in the order of `key`; ties, and every id when there is no key, keep the order they came in. */
  #sorted(ids: string[], key: SortKey | undefined, descending: boolean | undefined, locale?: string) {
    if (!key) return ids;
    const value = (quote?: Quote) => (key === 'coin' ? quote?.name : quote?.[key === 'rank' ? key : FIELDS[key]]);
    const rows = ids.map((id) => [id, value(this.quotes.quote(id))] as const);
    return rows
      .sort(([, a], [, b]) =>
        // Missing values last, whichever way the rest go.
        a == null || b == null
          ? +(a == null) - +(b == null)
          : (typeof a == 'string' ? a.localeCompare(b as string, locale) : a - (b as number)) * (descending ? -1 : 1),
      )
      .map(([id]) => id);
  }

  /** Sorts by `column`, or reverses the order when it is the one sorted by already. */
  #sortBy(column: SortKey) {
    const [key, descending] = sortOrder(this.sort);
    const down = key === column ? !descending : column !== 'rank' && column !== 'coin';
    this.sort = (down ? '-' : '') + column;
  }
}
