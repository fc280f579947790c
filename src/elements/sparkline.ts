import { html, nothing, svg } from 'lit';
import type { Quote } from '../core/quote.js';
import { changeDirection, formatChange, type PriceOptions } from '../format/index.js';
import type { Messages } from '../messages/en.js';

/** Two decimals are finer than any screen shows at sparkline size, and keep the path short. */
const round = (n: number) => Math.round(n * 100) / 100;

/**
 * An SVG path through `points`, oldest at the left, scaled to fill `width` × `height` (y grows downwards).
 * A flat series runs through the middle.
 */
export function sparklinePath(points: readonly number[], width = 100, height = 30): string {
  const min = Math.min(...points);
  const span = Math.max(...points) - min;
  const step = width / Math.max(1, points.length - 1);
  return points
    .map(
      (p, i) => `${i ? 'L' : 'M'}${round(i * step)},${round(span ? height - ((p - min) / span) * height : height / 2)}`,
    )
    .join('');
}

/**
 * Paths already drawn, by series: a quote keeps its series until the next poll brings another, and a table of a
 * hundred coins would otherwise redraw every path in every render, twice a second while prices tick.
 */
const drawn = new WeakMap<readonly number[], string>();

/**
 * The 7-day chart of a card or a table row, coloured by its direction and described for screen readers ("7-day
 * trend: up 3.20%"); while the coin's quote has not come, it says so. The element sizes it.
 */
export function sparkline(quote: Quote | undefined, id: string, options: PriceOptions, t: Messages, old: boolean) {
  const history = quote?.sparkline;
  const trend = history ? ((history[history.length - 1] - history[0]) / history[0]) * 100 : undefined;
  const direction = changeDirection(trend);
  return html`<svg
    part="sparkline ${direction}"
    class="${direction} ${old ? 'old' : ''}"
    viewBox="0 0 100 30"
    preserveAspectRatio="none"
    role="img"
    aria-label=${quote ? t.trend(history ? `${t[direction]} ${formatChange(trend, options)}` : t.noTrend) + (old ? ` (${t.notCurrent})` : '') : t.loading(id)}
  >
    ${history ? svg`<path d=${drawn.get(history) ?? drawn.set(history, sparklinePath(history)).get(history)} vector-effect="non-scaling-stroke" />` : nothing}
  </svg>`;
}
