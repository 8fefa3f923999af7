import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalisedNames } from '../../core/directory/schemas';
import { currentLocale } from '../app/i18n';

/** Picks the name in the user's language from an entry's three names. */
export function useLocalised(): (names: LocalisedNames) => string {
  const { i18n } = useTranslation();
  const locale = currentLocale(i18n.language);
  return useCallback((names: LocalisedNames) => names[locale], [locale]);
}
