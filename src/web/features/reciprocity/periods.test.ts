import { describe, expect, it } from 'vitest';
import { lastTwelveMonths, periodEnd, periodName, periodWithin, todayIn } from './periods';

const messages = { quarter: (q: string, y: string) => `Q${q} ${y}`, week: (d: string) => `week of ${d}` };

describe('the periods of the reciprocity page', () => {
  it('end on the last day of the week, month, quarter or year that starts on the day given', () => {
    expect(periodEnd('week', '2026-05-04')).toBe('2026-05-10');
    expect(periodEnd('month', '2024-02-01')).toBe('2024-02-29');
    expect(periodEnd('month', '2026-12-01')).toBe('2026-12-31');
    expect(periodEnd('quarter', '2026-10-01')).toBe('2026-12-31');
    expect(periodEnd('year', '2026-01-01')).toBe('2026-12-31');
  });

  it('are cut to the chosen range, as the figures were counted', () => {
    expect(periodWithin('month', '2026-05-01', { since: '2026-05-15', until: '2027-05-14' })).toEqual({
      since: '2026-05-15',
      until: '2026-05-31',
    });
    expect(periodWithin('year', '2027-01-01', { since: '2026-05-15', until: '2027-05-14' })).toEqual({
      since: '2027-01-01',
      until: '2027-05-14',
    });
  });

  it('default to the last twelve months, to today on the deployment clock', () => {
    expect(lastTwelveMonths('2026-05-14')).toEqual({ since: '2025-05-15', until: '2026-05-14' });
    expect(lastTwelveMonths('2024-02-29')).toEqual({ since: '2023-03-01', until: '2024-02-29' });
    expect(todayIn('Asia/Jerusalem', new Date('2026-05-14T22:30:00Z'))).toBe('2026-05-15');
  });

  it('are named in the reader language', () => {
    expect(periodName('en', 'month', '2026-05-01', messages)).toBe('May 2026');
    expect(periodName('en', 'quarter', '2026-04-01', messages)).toBe('Q2 2026');
    expect(periodName('en', 'week', '2026-05-04', messages)).toBe('week of May 4, 2026');
    expect(periodName('ar', 'year', '2026-01-01', messages)).toMatch(/^(٢٠٢٦|2026)$/);
  });
});
