/** How long until a deadline (or since it passed), as the inbox and the request page show it. */
export interface Countdown {
  overdue: boolean;
  /** Whole days, for the part before the clock ("2 days 04:10:00"). */
  days: number;
  /** The rest as a clock: "04:32" under an hour, "3:04:32" under a day. */
  clock: string;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The time between now and a deadline, counted in whole seconds towards it (a
 * deadline 4.5 s away shows 00:05, and 00:00 only once it has passed). Digits
 * follow the locale (Arabic-Indic in Arabic).
 */
export function countdownTo(deadline: string, now: number, locale: string): Countdown {
  const left = Date.parse(deadline) - now;
  const overdue = left < 0;
  const seconds = overdue ? Math.floor(-left / SECOND) : Math.ceil(left / SECOND);
  const ms = seconds * SECOND;
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  const secs = Math.floor((ms % MINUTE) / SECOND);
  const two = new Intl.NumberFormat(locale, { minimumIntegerDigits: 2, useGrouping: false });
  const one = new Intl.NumberFormat(locale, { useGrouping: false });
  const clock =
    hours > 0 || days > 0
      ? `${one.format(hours)}:${two.format(minutes)}:${two.format(secs)}`
      : `${two.format(minutes)}:${two.format(secs)}`;
  return { overdue, days, clock };
}
