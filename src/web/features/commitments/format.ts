import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../app/i18n';

/** Calendar dates and rates in the reader's language (a due date is a day, not an instant: no zone). */
export function useCommitmentFormat() {
  const { i18n } = useTranslation();
  const locale = currentLocale(i18n.language);
  return useMemo(() => {
    const day = new Intl.DateTimeFormat(locale, {
      timeZone: 'UTC',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
    });
    const instant = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
    const number = new Intl.NumberFormat(locale);
    return {
      date: (value: string) => day.format(new Date(`${value}T00:00:00Z`)),
      instant: (iso: string) => instant.format(new Date(iso)),
      rate: (value: number) => percent.format(value),
      count: (value: number) => number.format(value),
    };
  }, [locale]);
}
