import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../app/i18n';

/** A calendar date ("2026-11-29") in the user's language; it names a day, so no time zone shifts it. */
export function useFormatDate(): (date: string) => string {
  const { i18n } = useTranslation();
  const locale = currentLocale(i18n.language);
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    return (date: string) => {
      const day = new Date(`${date.slice(0, 10)}T00:00:00Z`);
      return Number.isNaN(day.getTime()) ? date : format.format(day);
    };
  }, [locale]);
}
