import { notFound } from '../../../../core/errors';
import { accountOf } from '../identity.queries';
import { accountChange, type IdentityDeps } from './account-change';

/** Revokes one of the caller's API tokens (`api-token.revoked`). */
export async function revokeApiToken(deps: IdentityDeps, userId: string, tokenId: string): Promise<void> {
  // Someone else's token answers like a missing one: its existence is not revealed.
  const user = await accountOf(deps.repo, userId);
  await accountChange(
    deps,
    { action: 'api-token.revoked', subject: user, details: { tokenId } },
    async (repo, now) => {
      // Throwing here also rolls back the audit entry: nothing was revoked.
      if (!(await repo.revokeApiToken(userId, tokenId, now))) {
        throw notFound('token_not_found', 'No such API token.');
      }
    },
  );
}
