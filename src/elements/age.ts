import { nothing } from 'lit';
import { config } from '../core/config.js';
import type { Quote } from '../core/quote.js';

/**
 * English, digits included, as the rest of the elements' own words: "Last updated vor 3 Minuten" would mix two
 * languages in one sentence. It changes when the elements are translated as a whole.
 */
const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** The tooltip on a stale quote, "Last updated 20 seconds ago", "… 3 minutes ago"; no title on a current one. */
export function staleTitle(quote: Quote | undefined, stale: boolean) {
  if (!stale || !quote) return nothing;
  // On the feeds' clock, which stamped the quote.
  const seconds = Math.round((quote.updatedAt - config.clock.now()) / 1000);
  const minutes = Math.round(seconds / 60);
  return `Last updated ${seconds > -60 ? format.format(seconds, 'second') : minutes > -120 ? format.format(minutes, 'minute') : format.format(Math.round(minutes / 60), 'hour')}`;
}
