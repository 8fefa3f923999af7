import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../app/i18n';

/**
 * A meeting's times in the reader's language, on the meeting's own clock,
 * with the zone named (its IANA name and its abbreviation at that date), so
 * nobody has to guess whose ten o'clock it is.
 */
export function useMeetingTime() {
  const { i18n } = useTranslation();
  const locale = currentLocale(i18n.language);
  return useMemo(
    () => ({
      when: (startsAt: string, endsAt: string, timeZone: string) => {
        const day = new Intl.DateTimeFormat(locale, {
          timeZone,
          weekday: 'long',
          day: 'numeric',
          month: 'long',
          year: 'numeric',
        });
        const time = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit' });
        const zone = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' })
          .formatToParts(new Date(startsAt))
          .find((part) => part.type === 'timeZoneName')?.value;
        const start = new Date(startsAt);
        const end = new Date(endsAt);
        return `${day.format(start)}, ${time.format(start)}–${time.format(end)} (${timeZone}${zone ? `, ${zone}` : ''})`;
      },
      short: (startsAt: string, timeZone: string) =>
        new Intl.DateTimeFormat(locale, {
          timeZone,
          weekday: 'short',
          day: 'numeric',
          month: 'short',
          hour: '2-digit',
          minute: '2-digit',
          timeZoneName: 'short',
        }).format(new Date(startsAt)),
      date: (iso: string) =>
        new Intl.DateTimeFormat(locale, {
          day: 'numeric',
          month: 'short',
          year: 'numeric',
          timeZone: 'UTC',
        }).format(new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso)),
    }),
    [locale],
  );
}
