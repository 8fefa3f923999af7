/**
 * How failed sign-ins slow an attacker down without locking a real user out
 * for long. Three counters, each with free failures and then an exponential
 * wait between attempts (1 s, 2 s, 4 s …) up to a cap:
 * - per account and address: a guesser at one address soon waits up to 15 minutes;
 * - per account from anywhere: a spray across many addresses meets a wait, but
 *   capped at one minute, so the real user is never kept out longer than that;
 * - per address: one address guessing many accounts waits up to 15 minutes.
 * Counters are forgotten an hour after their last failure.
 */
export type ThrottleScope = 'account-address' | 'account' | 'address';

export interface ThrottleRule {
  scope: ThrottleScope;
  freeFailures: number;
  maxWaitSeconds: number;
}

export const THROTTLE_RULES: readonly ThrottleRule[] = [
  { scope: 'account-address', freeFailures: 3, maxWaitSeconds: 15 * 60 },
  { scope: 'account', freeFailures: 10, maxWaitSeconds: 60 },
  { scope: 'address', freeFailures: 20, maxWaitSeconds: 15 * 60 },
];

export const THROTTLE_MEMORY_MS = 60 * 60 * 1000;

export function throttleKey(scope: ThrottleScope, username: string, address: string): string {
  const account = username.trim().toLowerCase();
  if (scope === 'account-address') return `account-address:${account}|${address}`;
  if (scope === 'account') return `account:${account}`;
  return `address:${address}`;
}

export interface ThrottleState {
  failures: number;
  lastFailureAt: Date;
}

/** Seconds to wait before the next attempt is heard; 0 when it may go ahead. */
export function secondsToWait(rule: ThrottleRule, state: ThrottleState | undefined, now: Date): number {
  if (!state) return 0;
  const sinceLast = now.getTime() - state.lastFailureAt.getTime();
  if (sinceLast >= THROTTLE_MEMORY_MS || state.failures < rule.freeFailures) return 0;
  const waitSeconds = Math.min(2 ** (state.failures - rule.freeFailures), rule.maxWaitSeconds);
  return Math.max(0, Math.ceil((waitSeconds * 1000 - sinceLast) / 1000));
}
