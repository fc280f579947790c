import { config, messagesFor } from '../core/config.js';
import { en, type Messages } from '../messages/en.js';

/**
 * The words for a locale: its language's registered table over English, and the page's own words
 * (`configure({ messages })`) over both. `lang` is the language most of them are in: `en` where no table for the
 * locale's language is registered.
 */
export function words(locale: string): { t: Messages; lang: string } {
  const found = messagesFor(locale);
  return { t: { ...en, ...found?.[0], ...config.messages } as Messages, lang: found?.[1] ?? 'en' };
}
