import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LOCALE, directionOf, isLocale, LOCALES, type Locale } from '../../core/i18n/locales';
import ar from '../locales/ar.json';
import en from '../locales/en.json';
import he from '../locales/he.json';

/**
 * i18next holds the current language; everything else follows it. Whenever it
 * changes, <html lang dir> changes with it (here, before React re-renders),
 * and DirectionSync tells Mantine. Plural forms come from Intl.PluralRules,
 * so Arabic gets its six (zero, one, two, few, many, other) and Hebrew its own.
 */
const STORAGE_KEY = 'concord.language';

export function storedLanguage(): Locale | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null; // storage disabled: fall through to the browser's languages
  }
}

export function rememberLanguage(locale: Locale): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // storage disabled: the choice lasts for this page only
  }
}

/** Before sign-in: the language last chosen on this browser, else the browser's, else the default. */
export function preferredLanguage(): Locale {
  const stored = storedLanguage();
  if (stored) return stored;
  const tags = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const tag of tags) {
    const base = tag?.toLowerCase().split('-')[0];
    const locale = base === 'iw' ? 'he' : base; // old Hebrew code some systems still send
    if (isLocale(locale)) return locale;
  }
  return DEFAULT_LOCALE;
}

export function applyDocumentLanguage(locale: Locale): void {
  const root = document.documentElement;
  root.lang = locale;
  root.dir = directionOf(locale);
}

/** The current language, narrowed to the ones Concord speaks. */
export function currentLocale(language: string | undefined = i18next.language): Locale {
  return isLocale(language) ? language : DEFAULT_LOCALE;
}

export const resources = {
  en: { translation: en },
  ar: { translation: ar },
  he: { translation: he },
} as const;

const initial = preferredLanguage();
applyDocumentLanguage(initial);

i18next.on('languageChanged', (language) => applyDocumentLanguage(currentLocale(language)));

void i18next.use(initReactI18next).init({
  resources,
  lng: initial,
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: [...LOCALES],
  initAsync: false,
  returnEmptyString: false,
  interpolation: { escapeValue: false }, // React escapes
});

export { i18next };
