import type { UserWithParty } from '../identity.repository';
import { hashPassword } from '../passwords';
import { type AccountEvent, accountChange, type IdentityDeps } from './account-change';

/**
 * Stores a new password and revokes every session of the user, as one
 * account change; with `revokeTokens` (a reset, when the account may have
 * been taken), every API token too.
 */
export async function setPassword(
  deps: IdentityDeps,
  user: UserWithParty,
  password: string,
  event: AccountEvent,
  options: { revokeTokens?: boolean } = {},
): Promise<void> {
  const hash = await hashPassword(password);
  await accountChange(deps, event, async (repo, now) => {
    await repo.updateUser(user.id, { password_hash: hash, password_changed_at: now, updated_at: now });
    await repo.revokeSessionsOfUser(user.id, now);
    if (options.revokeTokens) await repo.revokeApiTokensOfUser(user.id, now);
  });
}
