import { createI18n } from 'vue-i18n';
import en from './en.json';
import es from './es.json';

/** English is the source: every other language has the same keys (a unit test checks). */
export type MessageSchema = typeof en;
export const MESSAGES = { en, es } satisfies Record<string, MessageSchema>;
export type Locale = keyof typeof MESSAGES;

/** The first of the browser's preferred languages this desktop speaks, else English. */
export function preferredLocale(languages: readonly string[]): Locale {
  for (const language of languages) {
    const base = language.toLowerCase().split('-')[0];
    if (base && base in MESSAGES) return base as Locale;
  }
  return 'en';
}

export function createDesktopI18n(locale: Locale) {
  return createI18n<[MessageSchema], Locale, false>({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages: MESSAGES,
  });
}
