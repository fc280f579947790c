import { nothing } from 'lit';
import type { Quote } from '../core/quote.js';
import { localized } from '../format/cache.js';

const formats = new Map<string | undefined, Intl.RelativeTimeFormat>();

/** The tooltip on a stale quote, "Last updated 3 minutes ago"; no title on a current one. */
export function staleTitle(quote: Quote | undefined, stale: boolean, locale: string | undefined) {
  if (!stale || !quote) return nothing;
  const format = formats.get(locale) ?? localized((l) => new Intl.RelativeTimeFormat(l, { numeric: 'auto' }), locale);
  formats.set(locale, format);
  const minutes = Math.round((quote.updatedAt - Date.now()) / 60_000);
  return `Last updated ${minutes > -120 ? format.format(minutes, 'minute') : format.format(Math.round(minutes / 60), 'hour')}`;
}
