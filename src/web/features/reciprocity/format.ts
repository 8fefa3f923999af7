import type { ParseKeys } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExchangeKind, Period } from '../../../core/exchanges/ledger';
import { currentLocale } from '../../app/i18n';
import { useDeployment } from '../../lib/deployment';
import { useLocalised } from '../../lib/use-localised';
import { useNames } from '../requests/use-names';
import { periodName } from './periods';

export const KIND_LABELS: Record<ExchangeKind, ParseKeys> = {
  release: 'reciprocity.kinds.release',
  'submission-release': 'reciprocity.kinds.submission-release',
  'rfi-answer': 'reciprocity.kinds.rfi-answer',
  'request-completed': 'reciprocity.kinds.request-completed',
  share: 'reciprocity.kinds.share',
  commitment: 'reciprocity.kinds.commitment',
};

export const PERIOD_LABELS: Record<Period, ParseKeys> = {
  week: 'reciprocity.periods.week',
  month: 'reciprocity.periods.month',
  quarter: 'reciprocity.periods.quarter',
  year: 'reciprocity.periods.year',
};

/** Counts, the asymmetry index, periods, parties and categories in the reader's language. */
export function useReciprocityFormat() {
  const { t, i18n } = useTranslation();
  const locale = currentLocale(i18n.language);
  const names = useNames();
  const localised = useLocalised();
  const categories = useDeployment().data?.exchangeCategories;
  return useMemo(() => {
    const number = new Intl.NumberFormat(locale);
    const index = new Intl.NumberFormat(locale, {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
      signDisplay: 'exceptZero',
    });
    return {
      count: (value: number) => number.format(value),
      asymmetry: (value: number | null) =>
        value === null ? t('reciprocity.nothingPassed') : index.format(value),
      period: (period: Period, start: string) =>
        periodName(locale, period, start, {
          quarter: (quarter, year) => t('reciprocity.quarterOf', { quarter, year }),
          week: (date) => t('reciprocity.weekOf', { date }),
        }),
      party: names.party,
      category: (code: string) => {
        const entry = categories?.find((candidate) => candidate.code === code);
        return entry ? localised(entry.names) : code;
      },
    };
  }, [locale, t, names, localised, categories]);
}
