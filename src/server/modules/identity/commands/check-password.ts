import { badRequest, tooManyRequests } from '../../../../core/errors';
import {
  secondsToWait,
  THROTTLE_MEMORY_MS,
  THROTTLE_RULES,
  throttleKey,
} from '../../../../core/identity/login-throttle';
import type { IdentityRepository, UserWithParty } from '../identity.repository';
import { verifyPassword } from '../passwords';
import { accountChange, type IdentityDeps } from './account-change';

/**
 * The password asked again of a signed-in user before a sensitive change (a
 * new password, two-step sign-in turned off). It sits behind the sign-in
 * throttle on the account and the address, and a wrong one is audited
 * (`user.password-check-failed`): whoever holds a stolen session cannot guess
 * the password without limit, nor unseen.
 */
export async function checkPassword(
  deps: IdentityDeps,
  user: UserWithParty,
  password: string,
  check: { address: string; field: string },
): Promise<void> {
  const now = deps.clock.now();
  const keys = THROTTLE_RULES.map((rule) => throttleKey(rule.scope, user.username, check.address));
  await refuseWhileThrottled(deps.repo, keys, now);
  if (await verifyPassword(user.password_hash, password)) return;
  await accountChange(
    deps,
    { action: 'user.password-check-failed', subject: user, ip: check.address },
    (repo) => repo.recordFailures(keys, now, new Date(now.getTime() - THROTTLE_MEMORY_MS)),
  );
  throw badRequest('wrong_current_password', 'The password is wrong.', [
    { path: check.field, message: 'The password is wrong.' },
  ]);
}

/** 429 while any of the throttle's counters for these keys asks the caller to wait. */
export async function refuseWhileThrottled(
  repo: IdentityRepository,
  keys: string[],
  now: Date,
): Promise<void> {
  const states = new Map((await repo.findThrottles(keys)).map((row) => [row.key, row]));
  const wait = Math.max(
    ...THROTTLE_RULES.map((rule, i) => {
      const row = states.get(keys[i] as string);
      return secondsToWait(
        rule,
        row && { failures: row.failures, lastFailureAt: new Date(row.last_failure_at) },
        now,
      );
    }),
  );
  if (wait > 0) {
    throw tooManyRequests(
      'login_throttled',
      `Too many failed sign-in attempts. Try again in ${wait} seconds.`,
      wait,
    );
  }
}
