import { css } from './base-element.js';

export const styles = css`
  ul {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, var(--coin-column-width, 15rem)), 1fr));
    gap: var(--coin-row-gap, 0.25rem) var(--_gap);
    margin: 0;
    padding: 0 var(--_inset, 0);
    line-height: 1.35;
  }
  li {
    /* A row's new price relays out that row, not the list. No paint containment: it made each row a paint layer
       with its own clip, and the page's layout and paint measured slower with it than without. */
    contain: layout style;
    display: grid;
    /* The name keeps room for a few letters however long the price; a price with less room than that is cut. */
    grid-template-columns: auto minmax(min(5em, 100%), 1fr) auto;
    align-items: center;
    gap: 0 0.6em;
    padding-block: var(--_pad);
  }
  [part~='logo'] {
    grid-row: span 2;
  }
  [part='name'],
  [part='price'] {
    font-weight: 600;
  }
  /* A name too long for its row (large text, wide spacing) wraps rather than lose its end; a price stays whole. */
  [part='name'] {
    overflow-wrap: anywhere;
  }
  [part='price'] {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  :host([no-logo]) li {
    grid-template-columns: minmax(min(5em, 100%), 1fr) auto;
  }
  /* Under the name and the price, whether or not a logo column comes first. */
  .meta {
    grid-column: -3 / -1;
    font-size: 0.85em;
  }
  /* Prices that tick live from an exchange socket, told apart from polled ones. A border, not a background, draws
     the dot: forced colors keep borders and drop backgrounds. */
  .live::before {
    content: '';
    display: inline-block;
    margin-inline-start: 0.4em;
    border: 0.2em solid;
    border-radius: 50%;
    vertical-align: middle;
  }
`;
