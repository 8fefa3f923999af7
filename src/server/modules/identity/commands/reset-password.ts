import { notFound } from '../../../../core/errors';
import { accountOf } from '../identity.queries';
import type { UserWithParty } from '../identity.repository';
import { assertPasswordAcceptable } from '../passwords';
import type { IdentityDeps } from './account-change';
import { setPassword } from './set-password';

/**
 * An administrator (at the CLI) sets a user's password, as when an account
 * may have been taken: every session and every API token of theirs ends
 * (`user.password-reset`).
 */
export async function resetPassword(
  deps: IdentityDeps,
  username: string,
  password: string,
): Promise<UserWithParty> {
  const user = await deps.repo.findUserByUsername(username);
  if (!user) throw notFound('user_not_found', `There is no user ${username}.`);
  assertPasswordAcceptable(password, user.username);
  await setPassword(
    deps,
    user,
    password,
    { action: 'user.password-reset', subject: user, actor: null },
    { revokeTokens: true },
  );
  return accountOf(deps.repo, user.id);
}
