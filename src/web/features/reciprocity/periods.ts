import type { Period } from '../../../core/exchanges/ledger';

/** Calendar days (YYYY-MM-DD) as the server counts them: periods start on a Monday, the 1st of a month, quarter or year. */

const toDay = (date: Date) => date.toISOString().slice(0, 10);
const fromDay = (day: string) => new Date(`${day}T00:00:00Z`);

function addMonths(day: string, months: number): string {
  const date = fromDay(day);
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  // Keep the day of the month where the target month has it (31 January + 1 month: 28 or 29 February).
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), last));
  return toDay(target);
}

export const addDays = (day: string, days: number) =>
  toDay(new Date(fromDay(day).getTime() + days * 86_400_000));

const LENGTH_IN_MONTHS: Record<Exclude<Period, 'week'>, number> = { month: 1, quarter: 3, year: 12 };

/** The last day of the period that starts on `start`. */
export function periodEnd(period: Period, start: string): string {
  if (period === 'week') return addDays(start, 6);
  return addDays(addMonths(start, LENGTH_IN_MONTHS[period]), -1);
}

/**
 * The days of a period the figures counted: the period cut to the chosen
 * range (the first and last periods may be partly outside it).
 */
export function periodWithin(
  period: Period,
  start: string,
  range: { since: string; until: string },
): { since: string; until: string } {
  const end = periodEnd(period, start);
  return {
    since: start < range.since ? range.since : start,
    until: end > range.until ? range.until : end,
  };
}

/** The default range: the last twelve months, to today. */
export function lastTwelveMonths(today: string): { since: string; until: string } {
  return { since: addDays(addMonths(today, -12), 1), until: today };
}

/** Today on the given zone's calendar (the deployment's: its operations rooms share one clock). */
export function todayIn(timeZone: string | undefined, now = new Date()): string {
  // Swedish writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** A period's name in the reader's language: "May 2026", "Q2 2026" (via the message), "2026", "week of 4 May 2026". */
export function periodName(
  locale: string,
  period: Period,
  start: string,
  messages: { quarter: (quarter: string, year: string) => string; week: (date: string) => string },
): string {
  const date = fromDay(start);
  const year = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', year: 'numeric' }).format(date);
  switch (period) {
    case 'year':
      return year;
    case 'quarter':
      return messages.quarter(
        new Intl.NumberFormat(locale).format(Math.floor(date.getUTCMonth() / 3) + 1),
        year,
      );
    case 'month':
      return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(
        date,
      );
    case 'week':
      return messages.week(
        new Intl.DateTimeFormat(locale, {
          timeZone: 'UTC',
          day: 'numeric',
          month: 'short',
          year: 'numeric',
        }).format(date),
      );
  }
}
