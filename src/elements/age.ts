import { localized } from '../format/cache.js';

const formats = new Map<string | undefined, Intl.RelativeTimeFormat>();

/** "3 minutes ago", for the tooltip on a stale row. */
export function formatAge(at: number, locale: string | undefined): string {
  const format = formats.get(locale) ?? localized((l) => new Intl.RelativeTimeFormat(l, { numeric: 'auto' }), locale);
  formats.set(locale, format);
  const minutes = Math.round((at - Date.now()) / 60_000);
  return minutes > -120 ? format.format(minutes, 'minute') : format.format(Math.round(minutes / 60), 'hour');
}
