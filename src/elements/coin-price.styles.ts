import { css } from 'lit';

export const styles = css`
  /* Text in the page's text: its colours follow the page's colour scheme, not the reader's, unless themed. */
  :host {
    display: inline;
    background: none;
    color: inherit;
    color-scheme: inherit;
  }
  [part~='change'] {
    font-size: 0.9em;
  }
  /* About the width of a price, so the sentence barely moves when it lands. */
  .skeleton {
    padding-inline: 2.5ch;
  }
`;
