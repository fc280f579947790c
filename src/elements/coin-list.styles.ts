import { css } from 'lit';

export const styles = css`
  ul {
    display: grid;
    /* In em, as the rows' text is: a column fits a six-digit price beside a name at any font size. */
    grid-template-columns: repeat(auto-fill, minmax(min(100%, var(--coin-column-width, 16em)), 1fr));
    gap: var(--coin-row-gap, 0.25rem) var(--_gap);
    margin: 0;
    padding: 0 var(--_inset, 0);
    line-height: 1.35;
  }
  li {
    /* A row's new price relays out that row, not the list. No paint containment: it made each row a paint layer
       with its own clip, and the page's layout and paint measured slower with it than without. The row's width
       (never its content) decides where its price goes. */
    contain: layout style;
    container-type: inline-size;
    display: grid;
    /* The second column may be narrower than a price, which then cuts itself rather than widen the row. */
    grid-template-columns: auto minmax(0, 1fr);
    align-items: center;
    gap: 0 0.6em;
    padding-block: var(--_pad);
  }
  [part~='logo'] {
    grid-row: span 2;
  }
  /* Name and price share a line in columns of fixed width, so a placeholder row has the shape of the row that
     replaces it (CLS 0 when prices land); a row too narrow for both puts the price under the name, at the end. */
  .line {
    display: grid;
    grid-template-columns: minmax(0, 1fr) 8.5em;
    align-items: baseline;
    gap: 0 0.6em;
  }
  @container (max-width: 18em) {
    .line {
      grid-template-columns: minmax(0, 1fr);
    }
  }
  [part='name'],
  [part='price'] {
    font-weight: 600;
  }
  /* Only a word longer than the whole line breaks. */
  [part='name'] {
    overflow-wrap: anywhere;
  }
  /* A price wider than its column (a price in the trillions, very large text) is cut, with an ellipsis, rather
     than overflow. */
  [part='price'] {
    text-align: end;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .status {
    padding-inline: var(--_inset, 0);
  }
  :host([no-logo]) li {
    grid-template-columns: minmax(0, 1fr);
  }
  /* Under the name and the price, whether or not a logo column comes first. */
  .meta {
    grid-column: -2;
    display: flex;
    align-items: baseline;
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
