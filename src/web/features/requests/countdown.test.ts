import { describe, expect, it } from 'vitest';
import { countdownTo } from './countdown';

const NOW = Date.parse('2026-11-29T20:00:00Z');
const at = (ms: number) => new Date(NOW + ms).toISOString();
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('the countdown to a deadline', () => {
  it('shows minutes and seconds under an hour, rounding towards the deadline', () => {
    expect(countdownTo(at(4 * MINUTE + 32 * SECOND), NOW, 'en')).toEqual({
      overdue: false,
      days: 0,
      clock: '04:32',
    });
    expect(countdownTo(at(4500), NOW, 'en').clock).toBe('00:05');
    expect(countdownTo(at(0), NOW, 'en')).toMatchObject({ overdue: false, clock: '00:00' });
  });

  it('adds hours under a day, and whole days beyond', () => {
    expect(countdownTo(at(3 * HOUR + 4 * MINUTE + 5 * SECOND), NOW, 'en').clock).toBe('3:04:05');
    expect(countdownTo(at(2 * DAY + 4 * HOUR), NOW, 'en')).toEqual({
      overdue: false,
      days: 2,
      clock: '4:00:00',
    });
  });

  it('counts up once the deadline has passed', () => {
    expect(countdownTo(at(-(MINUTE + 10 * SECOND)), NOW, 'en')).toEqual({
      overdue: true,
      days: 0,
      clock: '01:10',
    });
    expect(countdownTo(at(-500), NOW, 'en')).toMatchObject({ overdue: true, clock: '00:00' });
  });

  it('writes the digits of the locale, as its dates are written', () => {
    expect(countdownTo(at(4 * MINUTE + 32 * SECOND), NOW, 'ar-u-nu-arab').clock).toBe('٠٤:٣٢');
    expect(countdownTo(at(4 * MINUTE + 32 * SECOND), NOW, 'he').clock).toBe('04:32');
  });
});
