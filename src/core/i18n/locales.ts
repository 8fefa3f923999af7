/** The languages Concord speaks. A deployment may narrow this list, never widen it without translations. */
export const LOCALES = ['en', 'ar', 'he'] as const;
export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = 'en';

const RIGHT_TO_LEFT: ReadonlySet<Locale> = new Set(['ar', 'he']);

export function directionOf(locale: Locale): 'rtl' | 'ltr' {
  return RIGHT_TO_LEFT.has(locale) ? 'rtl' : 'ltr';
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Each language offered by its own name, so a reader of any of them can find theirs. */
export const LOCALE_NATIVE_NAMES: Record<Locale, string> = {
  en: 'English',
  ar: 'العربية',
  he: 'עברית',
};
