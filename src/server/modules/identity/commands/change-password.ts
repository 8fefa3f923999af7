import { badRequest } from '../../../../core/errors';
import { type Authenticated, accountOf } from '../identity.queries';
import { assertPasswordAcceptable, verifyPassword } from '../passwords';
import type { IdentityDeps } from './account-change';
import { setPassword } from './set-password';
import { startSession } from './start-session';

/**
 * Changes the password and revokes every session of the user, this one
 * included; the caller gets a fresh session so they stay signed in here only.
 */
export async function changePassword(
  deps: IdentityDeps,
  auth: Authenticated,
  currentPassword: string,
  newPassword: string,
  address: string,
): Promise<{ token: string; auth: Authenticated }> {
  const user = await accountOf(deps.repo, auth.user.id);
  if (!(await verifyPassword(user.password_hash, currentPassword))) {
    throw badRequest('wrong_current_password', 'The current password is wrong.', [
      { path: 'currentPassword', message: 'The current password is wrong.' },
    ]);
  }
  assertPasswordAcceptable(newPassword, user.username);
  await setPassword(deps, user, newPassword, { action: 'user.password-changed', subject: user, ip: address });
  return startSession(deps, user, address, undefined);
}
