import { describe, expect, it } from 'vitest';
import { isoToZonedInput, startOfPeriod, zonedInputToIso, zonedInputToOffsetIso } from './zoned-time';

describe('datetime inputs on the deployment clock', () => {
  it('reads a wall-clock time in Jerusalem, summer and winter', () => {
    expect(zonedInputToIso('2026-07-01T08:00', 'Asia/Jerusalem')).toBe('2026-07-01T05:00:00.000Z');
    expect(zonedInputToIso('2026-01-15T08:00', 'Asia/Jerusalem')).toBe('2026-01-15T06:00:00.000Z');
    expect(zonedInputToIso('2026-01-15T08:00', 'UTC')).toBe('2026-01-15T08:00:00.000Z');
  });

  it('round-trips through the input format', () => {
    for (const iso of ['2026-03-27T10:30:00.000Z', '2026-10-25T21:15:00.000Z']) {
      expect(zonedInputToIso(isoToZonedInput(iso, 'Asia/Hebron'), 'Asia/Hebron')).toBe(iso);
    }
  });

  it('refuses an incomplete value', () => {
    expect(zonedInputToIso('2026-01-15', 'UTC')).toBeNull();
    expect(zonedInputToOffsetIso('2026-01-15', 'UTC')).toBeNull();
  });

  it("writes the wall-clock time with the zone's offset of that day", () => {
    expect(zonedInputToOffsetIso('2026-07-01T08:00', 'Asia/Jerusalem')).toBe('2026-07-01T08:00:00+03:00');
    expect(zonedInputToOffsetIso('2026-01-15T08:00', 'Asia/Jerusalem')).toBe('2026-01-15T08:00:00+02:00');
    expect(zonedInputToOffsetIso('2026-01-15T08:00', 'America/St_Johns')).toBe('2026-01-15T08:00:00-03:30');
    expect(zonedInputToOffsetIso('2026-01-15T08:00', 'UTC')).toBe('2026-01-15T08:00:00+00:00');
  });
});

describe('the start of a month or year on a zone clock', () => {
  it('is midnight of the first day in Jerusalem, whatever the UTC date', () => {
    // 22:30 UTC on 31 December is already 1 January in Jerusalem (UTC+2).
    const newYear = new Date('2026-12-31T22:30:00Z');
    expect(startOfPeriod('year', newYear, 'Asia/Jerusalem').toISOString()).toBe('2026-12-31T22:00:00.000Z');
    expect(startOfPeriod('month', new Date('2026-07-15T12:00:00Z'), 'Asia/Jerusalem').toISOString()).toBe(
      '2026-06-30T21:00:00.000Z',
    );
  });
});
