import { css } from 'lit';

export const styles = css`
  :host {
    /* The table's own width picks its columns (the queries below): no script measures anything. */
    container-type: inline-size;
    padding-inline: var(--_inset, 0);
  }
  /* Fixed widths, set in em by the header row: a figure landing, ticking or going missing never moves a column, and
     a placeholder row has the shape of the row that replaces it (CLS 0). The coin's column takes what is left. Each
     width holds its widest usual figure in a wide sans-serif ($113,428.91, ▼ -12.34%). */
  table {
    inline-size: 100%;
    table-layout: fixed;
    border-collapse: collapse;
    line-height: 1.35;
  }
  th,
  td {
    box-sizing: border-box;
    inline-size: 5.5em;
    padding: var(--_pad) calc(var(--_gap) / 2);
    text-align: end;
  }
  /* One line a cell: what does not fit its column ends in an ellipsis rather than make the row taller. */
  td,
  tbody th,
  [part='name'] {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  thead th {
    vertical-align: bottom;
    overflow-wrap: anywhere;
  }
  tbody tr {
    border-block-start: 1px solid var(--coin-border-color, light-dark(#d8dee4, #30363d));
  }
  .coin {
    inline-size: auto;
    text-align: start;
  }
  .rank {
    inline-size: 2.75em;
  }
  .price {
    inline-size: 7.5em;
  }
  .change-24h,
  .change-7d,
  .sparkline {
    inline-size: 6em;
  }
  /* The least important shown columns go first as the table narrows (p5, the sixth in importance, first), each when
     the coin's column would get less than 8.5em; at 320 px (20em) the coin's name, its price and its 24 h change
     remain. */
  @container (width < 47.75em) {
    .p5 {
      display: none;
    }
  }
  @container (width < 41.75em) {
    .p4 {
      display: none;
    }
  }
  @container (width < 36.25em) {
    .p3 {
      display: none;
    }
  }
  @container (width < 30.25em) {
    .p2 {
      display: none;
    }
  }
  @container (width < 24.25em) {
    .rank {
      display: none;
    }
  }
  @container (width < 21.75em) {
    .coin [part~='logo'] {
      display: none;
    }
  }
  th button {
    inline-size: 100%;
    padding: 0;
    border: 0;
    background: none;
    color: inherit;
    font: inherit;
    font-weight: 600;
    text-align: inherit;
    cursor: pointer;
  }
  /* The order's arrow is for the eye: aria-sort says it, and the status region announces it. */
  [aria-sort] button::after {
    content: '\\a0▼' / '';
  }
  [aria-sort='ascending'] button::after {
    content: '\\a0▲' / '';
  }
  .coin div {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    align-items: center;
    gap: 0 0.5em;
  }
  [part~='logo'] {
    grid-row: span 2;
  }
  [part='name'] {
    font-weight: 600;
  }
  /* Beside the logo, or alone where there is no room for it. */
  [part='name'],
  [part='symbol'] {
    grid-column: -2;
  }
  /* A line of its own even when empty (a coin no quote will come for), so that row keeps its placeholder's height. */
  [part='symbol'] {
    block-size: 1lh;
    font-size: 0.85em;
  }
  svg {
    display: block;
    inline-size: 100%;
    block-size: 1.75em;
  }
  path {
    fill: none;
    stroke: currentColor;
    stroke-width: 1.5;
    stroke-linejoin: round;
  }
`;
