import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  secondsToWait,
  THROTTLE_MEMORY_MS,
  THROTTLE_RULES,
  type ThrottleRule,
  type ThrottleScope,
  throttleKey,
} from './login-throttle';

function ruleOf(scope: ThrottleScope): ThrottleRule {
  const rule = THROTTLE_RULES.find((candidate) => candidate.scope === scope);
  if (!rule) throw new Error(`no rule for ${scope}`);
  return rule;
}
const accountAddress = ruleOf('account-address');
const account = ruleOf('account');
const at = (iso: string) => new Date(iso);

describe('sign-in throttle', () => {
  it('lets the free failures through, then doubles the wait', () => {
    const now = at('2026-01-01T00:00:00Z');
    const waitAfter = (failures: number) =>
      secondsToWait(accountAddress, { failures, lastFailureAt: now }, now);
    expect([0, 1, 2].map(waitAfter)).toEqual([0, 0, 0]);
    expect([3, 4, 5, 6].map(waitAfter)).toEqual([1, 2, 4, 8]);
    expect(waitAfter(40)).toBe(15 * 60);
  });

  it('counts the time already waited', () => {
    const last = at('2026-01-01T00:00:00Z');
    expect(
      secondsToWait(accountAddress, { failures: 6, lastFailureAt: last }, at('2026-01-01T00:00:05Z')),
    ).toBe(3);
    expect(
      secondsToWait(accountAddress, { failures: 6, lastFailureAt: last }, at('2026-01-01T00:00:09Z')),
    ).toBe(0);
  });

  it('never keeps an account out for more than a minute across addresses', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (failures) => {
        const now = new Date();
        return secondsToWait(account, { failures, lastFailureAt: now }, now) <= 60;
      }),
    );
  });

  it('forgets failures after an hour', () => {
    const last = at('2026-01-01T00:00:00Z');
    const later = new Date(last.getTime() + THROTTLE_MEMORY_MS);
    expect(secondsToWait(accountAddress, { failures: 50, lastFailureAt: last }, later)).toBe(0);
  });

  it('keys accounts case-insensitively', () => {
    expect(throttleKey('account', ' Coord.Duty ', '1.2.3.4')).toBe(
      throttleKey('account', 'coord.duty', '5.6.7.8'),
    );
  });
});
