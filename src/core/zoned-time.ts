/** Wall-clock times in an IANA time zone, for datetime-local inputs (pure: no DOM, testable in Node). */

function wallClock(utcMs: number, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(utcMs));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((part) => part.type === type)?.value ?? '00';
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

/** How far the zone's clock is ahead of UTC at this instant, in milliseconds. */
function offsetAt(utcMs: number, timeZone: string): number {
  const c = wallClock(utcMs, timeZone);
  const asUtc = Date.UTC(+c.year, +c.month - 1, +c.day, +c.hour, +c.minute, +c.second);
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** "2026-03-01T08:00" read on the zone's clock, as an ISO instant; null for an incomplete value. */
export function zonedInputToIso(value: string, timeZone: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const naive = Date.parse(`${value}:00Z`);
  const first = naive - offsetAt(naive, timeZone);
  return new Date(naive - offsetAt(first, timeZone)).toISOString();
}

/**
 * "2026-03-01T08:00" read on the zone's clock, written with the zone's offset
 * ("2026-03-01T08:00:00+02:00"): the same instant as zonedInputToIso, but it
 * keeps the wall-clock time the user typed for whoever reads the raw value.
 */
export function zonedInputToOffsetIso(value: string, timeZone: string): string | null {
  const iso = zonedInputToIso(value, timeZone);
  if (iso === null) return null;
  const offsetMinutes = Math.round(offsetAt(Date.parse(iso), timeZone) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const hours = String(Math.floor(Math.abs(offsetMinutes) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(offsetMinutes) % 60).padStart(2, '0');
  return `${value}:00${sign}${hours}:${minutes}`;
}

/** An instant as a datetime-local value on the zone's clock. */
export function isoToZonedInput(iso: string, timeZone: string): string {
  const c = wallClock(Date.parse(iso), timeZone);
  return `${c.year}-${c.month}-${c.day}T${c.hour}:${c.minute}`;
}

/** The first instant of the month or year that `at` falls in, on the zone's clock (statistics "this month", "this year"). */
export function startOfPeriod(period: 'month' | 'year', at: Date, timeZone: string): Date {
  const c = wallClock(at.getTime(), timeZone);
  return new Date(
    zonedInputToIso(`${c.year}-${period === 'year' ? '01' : c.month}-01T00:00`, timeZone) as string,
  );
}
