import type { UserWithParty } from '../identity.repository';
import { hashPassword } from '../passwords';
import { type AccountEvent, accountChange, type IdentityDeps } from './account-change';

/** Stores a new password and revokes every session of the user, as one account change. */
export async function setPassword(
  deps: IdentityDeps,
  user: UserWithParty,
  password: string,
  event: AccountEvent,
): Promise<void> {
  const hash = await hashPassword(password);
  await accountChange(deps, event, async (repo, now) => {
    await repo.updateUser(user.id, { password_hash: hash, password_changed_at: now, updated_at: now });
    await repo.revokeSessionsOfUser(user.id, now);
  });
}
