import { type Authenticated, accountOf } from '../identity.queries';
import { assertPasswordAcceptable } from '../passwords';
import type { IdentityDeps } from './account-change';
import { checkPassword } from './check-password';
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
  await checkPassword(deps, user, currentPassword, { address, field: 'currentPassword' });
  assertPasswordAcceptable(newPassword, user.username);
  await setPassword(deps, user, newPassword, { action: 'user.password-changed', subject: user, ip: address });
  return startSession(deps, user, address, undefined);
}
