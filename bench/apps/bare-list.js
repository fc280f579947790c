// The least a LitElement list can do, for the first-price benchmark's third page: Lit, and one element that fetches
// the answer as it connects and renders its rows (logo, name, symbol, change, price) once it has it. No placeholders,
// no store, no checks on the data, no status line, one number format: what any LitElement widget pays before its own
// code, measured against the same floor.
import { css, html, LitElement } from 'lit';

class BareList extends LitElement {
  static properties = { rows: { state: true } };
  static styles = css`
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    li {
      display: flex;
      align-items: center;
      gap: 0.5em;
      padding: 0.4em 0;
    }
    .price {
      margin-inline-start: auto;
    }
  `;

  constructor() {
    super();
    /** @type {Array<Record<string, any>>} */
    this.rows = [];
  }

  connectedCallback() {
    super.connectedCallback();
    const coins = this.getAttribute('coins');
    fetch(`${this.getAttribute('endpoint')}/coins/markets?vs_currency=usd&ids=${coins}&per_page=250`)
      .then((response) => response.json())
      .then((rows) => {
        this.rows = rows;
        this.updateComplete.then(() => this.dispatchEvent(new Event('coin-update', { bubbles: true, composed: true })));
      });
  }

  render() {
    const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'usd' });
    return html`<ul>
      ${this.rows.map(
        (row) =>
          html`<li>
            <img loading="lazy" src=${row.image} alt="" width="32" height="32" />
            <span><b>${row.name}</b><br />${row.symbol.toUpperCase()} ${row.price_change_percentage_24h.toFixed(2)}%</span>
            <span class="price">${usd.format(row.current_price)}</span>
          </li>`,
      )}
    </ul>`;
  }
}

customElements.define('bare-list', BareList);
