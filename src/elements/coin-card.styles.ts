import { css } from 'lit';

export const styles = css`
  :host {
    --_logo: var(--coin-logo-size, 2.5rem);
    display: inline-block;
    inline-size: 18rem;
    max-inline-size: 100%;
    border: 1px solid var(--coin-border-color, light-dark(#d8dee4, #30363d));
  }
  article {
    display: grid;
    grid-template-columns: auto 1fr auto;
    align-items: center;
    gap: 0.25em 0.75em;
    padding: calc(var(--_pad) * 2) var(--_gap);
  }
  [part~='logo'] {
    grid-row: span 2;
  }
  [part='name'] {
    font-weight: 600;
  }
  /* Price and change share a line while they fit (a long price, larger text): the change wraps below. */
  .quote {
    grid-column: 1 / -1;
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    align-items: baseline;
  }
  [part='price'] {
    font-size: 1.5em;
    font-weight: 600;
  }
  [part='symbol'] {
    justify-self: end;
  }
  /* Two columns of fixed width, the high at the end: the figures' own widths move nothing when they land. */
  [part='range'] {
    grid-column: 1 / -1;
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: 0 1em;
    margin: 0;
    font-size: 0.85em;
  }
  dd {
    margin: 0;
  }
  .note,
  .status {
    grid-column: 1 / -1;
    margin: 0;
  }
  svg {
    grid-column: 1 / -1;
    inline-size: 100%;
    block-size: 3rem;
  }
  path {
    fill: none;
    stroke: currentColor;
    stroke-width: 1.5;
    stroke-linejoin: round;
  }
`;
