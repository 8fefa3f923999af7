import { useDirection } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useLayoutEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { directionOf, type Locale } from '../../core/i18n/locales';
import type { MeDto } from '../../core/identity/schemas';
import { useMe, useUpdateLanguage } from '../features/identity/api';
import { notify } from '../lib/notify';
import { ME_KEY } from '../lib/query-client';
import { currentLocale, rememberLanguage } from './i18n';

/**
 * How language and direction flow:
 *   i18next's language is the single source of truth.
 *   - i18n.ts picks the first one (localStorage, else the browser's, else English)
 *     and sets <html lang dir> on every change, before React re-renders;
 *   - LanguageSync (below) applies the signed-in user's saved language when
 *     /api/me arrives, and keeps Mantine's DirectionProvider in step;
 *   - useLanguage().setLanguage switches at once, remembers the choice on this
 *     browser and, when signed in, saves it to the account (PATCH /api/me).
 */
export function useLanguage() {
  const { i18n, t } = useTranslation();
  const client = useQueryClient();
  const { mutate: saveLanguage } = useUpdateLanguage();
  const language = currentLocale(i18n.language);

  const setLanguage = useCallback(
    (locale: Locale) => {
      if (locale === currentLocale(i18n.language)) return;
      void i18n.changeLanguage(locale);
      rememberLanguage(locale);
      const me = client.getQueryData<MeDto | null>(ME_KEY);
      if (me) {
        saveLanguage(locale, {
          onError: () => notify('red', t('language.saveFailed')),
        });
      }
    },
    [client, i18n, saveLanguage, t],
  );

  return { language, setLanguage };
}

export function LanguageSync() {
  const { i18n } = useTranslation();
  const { setDirection } = useDirection();
  const { data: me } = useMe();
  const saved = me?.user.language;
  const language = currentLocale(i18n.language);

  // After sign-in (or when another device changed it), the account's language wins.
  useEffect(() => {
    if (saved && saved !== currentLocale(i18n.language)) {
      void i18n.changeLanguage(saved);
      rememberLanguage(saved);
    }
  }, [saved, i18n]);

  useLayoutEffect(() => {
    setDirection(directionOf(language));
  }, [language, setDirection]);

  return null;
}
