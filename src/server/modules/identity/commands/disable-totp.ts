import { badRequest, forbidden } from '../../../../core/errors';
import { accountOf, totpMandatoryFor } from '../identity.queries';
import type { UserWithParty } from '../identity.repository';
import { verifyPassword } from '../passwords';
import { accountChange, type IdentityDeps } from './account-change';

/** Turns two-step sign-in off, with the password, unless the deployment requires it (`user.totp-disabled`). */
export async function disableTotp(
  deps: IdentityDeps,
  userId: string,
  password: string,
): Promise<UserWithParty> {
  const user = await accountOf(deps.repo, userId);
  if (totpMandatoryFor(deps.settings, user)) {
    throw forbidden('totp_mandatory', 'Two-step sign-in is mandatory for your role in this deployment.');
  }
  if (!(await verifyPassword(user.password_hash, password))) {
    throw badRequest('wrong_current_password', 'The password is wrong.', [
      { path: 'password', message: 'The password is wrong.' },
    ]);
  }
  await accountChange(deps, { action: 'user.totp-disabled', subject: user }, (repo, now) =>
    repo.updateUser(userId, {
      totp_secret: null,
      totp_pending_secret: null,
      totp_last_step: null,
      updated_at: now,
    }),
  );
  return accountOf(deps.repo, userId);
}
