import { html, nothing, type TemplateResult } from 'lit';
import { changeDirection, formatChange, priceParts, type ChangeDirection, type PriceOptions } from '../format/index.js';
import type { Messages } from '../messages/en.js';

/** A flat change has no arrow. */
const ARROWS: Partial<Record<ChangeDirection, string>> = { up: '▲', down: '▼' };

/**
 * A price's text, with a real `<sub>` for a collapsed zero run and the full value for screen readers;
 * `fallback` (a placeholder, a message) when there is no price.
 */
export function priceText(value: number | undefined, options: PriceOptions, fallback: unknown = '—') {
  const price = priceParts(value, options);
  if (!price) return fallback;
  return price.zeros
    ? html`<span class="sr-only">${price.text}</span
        ><span aria-hidden="true">${price.head}<sub>${price.zeros}</sub>${price.tail}</span>`
    : price.text;
}

/**
 * The 24 h change as a part: an arrow and a spoken direction, so colour is never the only signal. An unknown
 * change is a dash with no direction: "unchanged" would claim the price held.
 */
export function changePart(
  value: number | null | undefined,
  options: PriceOptions,
  t: Messages,
  /** Whether it is an older change, kept because the feed's latest was unusable. */
  old = false,
): TemplateResult {
  const direction = changeDirection(value);
  return html`<span part="change ${direction}" class="${direction} ${old ? 'old' : ''}" dir="auto"
    >${ARROWS[direction] ? html`<span aria-hidden="true">${ARROWS[direction]}</span> ` : nothing}${
      // The space is a value: the bundle's template minifier drops one that ends an element.
      Number.isFinite(value) ? html`<span class="sr-only">${t[direction] + ' '}</span>` : nothing
    }${formatChange(value, options)}${notCurrent(old, t)}</span
  >`;
}

/** Said after a stale quote: muted and dotted on screen, this for screen readers. Spaced as a value, for the minifier. */
export const notCurrent = (stale: boolean, t: Messages) =>
  stale ? html`<span class="sr-only">${` (${t.notCurrent})`}</span>` : nothing;

/** Why prices are missing or old, once for the element; always there, so screen readers hear it when it arrives. */
export const note = (message: string | undefined) => html`<p class="note muted" role="status">${message}</p>`;
