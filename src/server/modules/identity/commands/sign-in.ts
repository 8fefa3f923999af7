import { unauthenticated } from '../../../../core/errors';
import { THROTTLE_MEMORY_MS, THROTTLE_RULES, throttleKey } from '../../../../core/identity/login-throttle';
import type { Authenticated } from '../identity.queries';
import type { IdentityRepository } from '../identity.repository';
import { verifyAgainstDummy, verifyPassword } from '../passwords';
import { checkTotp } from '../totp';
import { accountChange, type IdentityDeps, unauditedChange } from './account-change';
import { refuseWhileThrottled } from './check-password';
import { signOut } from './sign-out';
import { startSession } from './start-session';

export interface LoginAttempt {
  username: string;
  password: string;
  totp?: string | undefined;
  address: string;
  userAgent?: string | undefined;
  /** The session cookie the browser presented, if any: it is revoked (no session fixation). */
  previousSessionToken?: string | undefined;
}

/**
 * Signs in with a password (and a code from the authenticator app when the
 * account has one), behind the throttle on the account and on the address.
 * A failure on a known account is audited (`user.sign-in-failed`).
 */
export async function signIn(
  deps: IdentityDeps,
  attempt: LoginAttempt,
): Promise<{ token: string; auth: Authenticated }> {
  const now = deps.clock.now();
  const keys = THROTTLE_RULES.map((rule) => throttleKey(rule.scope, attempt.username, attempt.address));
  await refuseWhileThrottled(deps.repo, keys, now);
  const recordFailure = (repo: IdentityRepository) =>
    repo.recordFailures(keys, now, new Date(now.getTime() - THROTTLE_MEMORY_MS));

  const user = await deps.repo.findUserByUsername(attempt.username);
  const passwordOk = user
    ? await verifyPassword(user.password_hash, attempt.password)
    : await verifyAgainstDummy(attempt.password);
  if (!user || !passwordOk || user.disabled_at) {
    if (user) {
      await accountChange(
        deps,
        { action: 'user.sign-in-failed', subject: user, actor: null, ip: attempt.address },
        recordFailure,
      );
    } else {
      await unauditedChange(deps, 'user.sign-in-failed', recordFailure);
    }
    throw unauthenticated('invalid_credentials', 'Wrong username or password.');
  }

  if (user.totp_secret) {
    if (!attempt.totp) {
      throw unauthenticated('totp_required', 'Enter the 6-digit code from your authenticator app.');
    }
    const step = await checkTotp(user.totp_secret, attempt.totp, now, user.totp_last_step);
    if (step === null) {
      await unauditedChange(deps, 'user.sign-in-failed', recordFailure);
      throw unauthenticated('invalid_totp', 'The authenticator code is wrong or has already been used.');
    }
    await unauditedChange(deps, 'user.totp-used', (repo) =>
      repo.updateUser(user.id, { totp_last_step: step }),
    );
  }

  // The user proved who they are: forget this account's failures (not the address's).
  await unauditedChange(deps, 'user.throttle-cleared', (repo) => repo.clearThrottles(keys.slice(0, 2)));
  if (attempt.previousSessionToken) await signOut(deps, attempt.previousSessionToken);
  return startSession(deps, user, attempt.address, attempt.userAgent);
}
