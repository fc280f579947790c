import { css } from 'lit';

export const styles = css`
  :host {
    --_logo: var(--coin-logo-size, 1.25rem);
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
    padding-inline-end: 0.25em;
    white-space: nowrap;
  }
  /* Positioned, so screen-reader-only text inside stays inside: standing still, it would widen the page. */
  .viewport {
    position: relative;
    flex: 1;
    overflow: hidden;
    container-type: inline-size;
  }
  .track {
    display: flex;
    inline-size: max-content;
    animation: tape var(--_duration, 60s) linear infinite;
  }
  /* Each copy at least as wide as the tape, so moving by one copy (half the track) lands where it started. */
  ul {
    display: flex;
    justify-content: space-around;
    gap: calc(var(--_gap) * 2);
    min-inline-size: 100cqi;
    margin: 0;
    padding: var(--_pad) calc(var(--_gap) * 2) var(--_pad) 0;
  }
  li {
    display: flex;
    align-items: center;
    gap: 0.4em;
  }
  [part='symbol'] {
    font-weight: 600;
  }
  a[part='status'] {
    font-size: 0.8em;
    color: var(--_muted);
  }
  /* Outside the button: pressed, its fill would hide a ring drawn on its edge. */
  :focus-visible {
    outline: 2px solid;
    outline-offset: 2px;
  }
  @keyframes tape {
    to {
      transform: translateX(-50%);
    }
  }
  @keyframes tape-rtl {
    to {
      transform: translateX(50%);
    }
  }
  :host(:dir(rtl)) .track {
    animation-name: tape-rtl;
  }
  :host(:hover) .track,
  :host(:focus-within) .track,
  .paused .track {
    animation-play-state: paused;
  }
  @media (prefers-reduced-motion: reduce) {
    .viewport {
      overflow-x: auto;
    }
    .track {
      animation: none;
    }
    ul + ul,
    button {
      display: none;
    }
  }
`;
