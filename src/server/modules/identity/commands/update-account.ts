import type { Locale } from '../../../../core/i18n/locales';
import { accountOf } from '../identity.queries';
import type { UserWithParty } from '../identity.repository';
import { accountChange, type IdentityDeps } from './account-change';

/** The signed-in user changes their language or display name (`user.updated`). */
export async function updateAccount(
  deps: IdentityDeps,
  userId: string,
  changes: { language?: Locale; displayName?: string },
): Promise<UserWithParty> {
  const user = await accountOf(deps.repo, userId);
  await accountChange(
    deps,
    { action: 'user.updated', subject: user, details: { fields: Object.keys(changes) } },
    (repo, now) =>
      repo.updateUser(userId, {
        ...(changes.language ? { language: changes.language } : {}),
        ...(changes.displayName ? { display_name: changes.displayName } : {}),
        updated_at: now,
      }),
  );
  return accountOf(deps.repo, userId);
}
