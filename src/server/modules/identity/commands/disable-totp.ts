import { forbidden } from '../../../../core/errors';
import { accountOf, totpMandatoryFor } from '../identity.queries';
import type { UserWithParty } from '../identity.repository';
import { accountChange, type IdentityDeps } from './account-change';
import { checkPassword } from './check-password';

/**
 * Turns two-step sign-in off, with the password (checked as a sign-in is),
 * unless the deployment requires it (`user.totp-disabled`); every other
 * session of the account ends.
 */
export async function disableTotp(
  deps: IdentityDeps,
  userId: string,
  password: string,
  address: string,
  /** The caller's own session, which stays signed in. */
  keepSessionId: string | null,
): Promise<UserWithParty> {
  const user = await accountOf(deps.repo, userId);
  if (totpMandatoryFor(deps.settings, user)) {
    throw forbidden('totp_mandatory', 'Two-step sign-in is mandatory for your role in this deployment.');
  }
  await checkPassword(deps, user, password, { address, field: 'password' });
  await accountChange(deps, { action: 'user.totp-disabled', subject: user }, async (repo, now) => {
    await repo.updateUser(userId, {
      totp_secret: null,
      totp_pending_secret: null,
      totp_last_step: null,
      updated_at: now,
    });
    await repo.revokeSessionsOfUser(userId, now, keepSessionId);
  });
  return accountOf(deps.repo, userId);
}
