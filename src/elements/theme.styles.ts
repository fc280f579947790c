import { css } from 'lit';

/**
 * Public `--coin-*` properties, inherited so a page can theme from any ancestor. Those an element's styles read,
 * or more than one rule, go through a private `--_*` name so their fallback is written once, here.
 * `light-dark()` follows `color-scheme`, which `theme` sets: light is transparent for a white blog sidebar,
 * dark brings its own surface. Colours meet WCAG AA contrast on their own background. Under forced colors
 * the browser substitutes system colours and drops backgrounds; direction is never colour alone, and what a background
 * alone would draw also gets a transparent outline, which forced colors paint.
 */
export const theme = css`
  :host {
    --_fg: var(--coin-color, light-dark(#1f2328, #eef0f3));
    --_muted: var(--coin-muted-color, light-dark(#59636e, #a3adb8));
    --_skeleton: var(--coin-skeleton-color, light-dark(#e7e9ec, #2b313b));
    --_gap: var(--coin-gap, 0.75rem);
    --_pad: var(--coin-padding, 0.4em);
    --_logo: var(--coin-logo-size, 2rem);
    color-scheme: light dark;
    display: block;
    color: var(--_fg);
    background: var(--coin-background, light-dark(#0000, #14181f));
    border-radius: var(--coin-radius, 0.5rem);
    /* Unset, these are invalid at computed time and so inherit the page's font, as an embed should. */
    font-family: var(--coin-font-family);
    font-size: var(--coin-font-size);
    font-variant-numeric: tabular-nums;
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
    --_inset: var(--_gap);
  }
  /* The dark surface needs room around its content; the transparent light one lines up with the page instead. */
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      --_inset: var(--_gap);
    }
  }
  :host([density='compact']) {
    --_gap: var(--coin-gap, 0.4rem);
    --_pad: var(--coin-padding, 0.15em);
  }
  :host([hidden]) {
    display: none;
  }
  .sr-only {
    position: absolute;
    inline-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .skeleton,
  .badge {
    outline: 1px solid #0000;
    /* Inside the box: an outline outside it would widen the row's painted area until the price replaces it, and
       the browser counts that as the row moving. */
    outline-offset: -1px;
  }
  /* Inline, like the text that replaces it: the line it sits in has the text's height and baseline, so nothing
     around it moves when the text lands. */
  .skeleton {
    padding-inline: 2em;
    border-radius: 0.25em;
    background: var(--_skeleton);
  }
  [part~='logo'] {
    padding: 0;
    inline-size: var(--_logo);
    block-size: var(--_logo);
    border-radius: 50%;
  }
  .badge {
    display: grid;
    place-items: center;
    background: var(--_skeleton);
    font-weight: 600;
  }
  /* Spacing in CSS, not in markup whitespace, which minifiers may drop. */
  [part~='change'] {
    margin-inline-start: 0.3em;
  }
  [part~='change'] > [aria-hidden] {
    margin-inline-end: 0.2em;
  }
  .up {
    color: var(--coin-up-color, light-dark(#0f7a36, #4cc38a));
  }
  .down {
    color: var(--coin-down-color, light-dark(#c0262d, #ff7b72));
  }
  .flat,
  .muted {
    color: var(--_muted);
  }
  /* Old prices stay readable but say so: muted and dotted, with their age in a title where there is room. */
  .stale [part='price'],
  .old {
    color: var(--_muted);
    text-decoration: underline dotted;
  }
  .note {
    margin: 0.5em 0 0;
    font-size: 0.8em;
  }
  /* One line from the first render, whatever it says later: text that does not fit ends in an ellipsis (the whole
     of it is the tooltip), so a failure or a recovery never moves the page. */
  .status {
    margin: 0.5em 0 0;
    font-size: 0.8em;
    line-height: 1.5;
    block-size: 1lh;
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
  }
  .status a,
  a[part='status'] {
    color: inherit;
  }
  /* The reader's currency switch, above the prices, in the content's own grid where it has one. */
  [part~='currency-switch'] {
    display: flex;
    flex-wrap: wrap;
    justify-content: end;
    gap: 0.3em;
    grid-column: 1 / -1;
    margin-block-end: 0.4em;
  }
  /* The tape's pause button and the switch's: small pills in the text's colour. */
  [part='pause'],
  [part~='currency-switch'] button {
    font: inherit;
    font-size: 0.8em;
    color: inherit;
    background: none;
    border: 1px solid currentColor;
    border-radius: 1em;
    padding: 0.1em 0.6em;
    cursor: pointer;
  }
  /* Pressed, a button inverts the system's own colour pair: readable whatever --coin-color is, and kept under
     forced colors, which would otherwise drop the fill. */
  button[aria-pressed='true'] {
    forced-color-adjust: none;
    color: Canvas;
    background: CanvasText;
  }
  /* A collapsed zero run's subscript must not stretch the line. */
  sub {
    line-height: 0;
  }
`;
