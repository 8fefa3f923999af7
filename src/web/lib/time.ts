import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../app/i18n';
import { useDeployment } from './deployment';

/**
 * Times are shown in the deployment's time zone (its operations rooms share
 * one clock, whatever the zone of a visitor's laptop), in the user's language,
 * with the zone named so nobody has to guess.
 */
export function useFormatDateTime(): (iso: string) => string {
  const { i18n } = useTranslation();
  const timeZone = useDeployment().data?.timeZone;
  const locale = currentLocale(i18n.language);
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(locale, {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
    });
    return (iso: string) => format.format(new Date(iso));
  }, [locale, timeZone]);
}

export { isoToZonedInput, zonedInputToIso, zonedInputToOffsetIso } from '../../core/zoned-time';
