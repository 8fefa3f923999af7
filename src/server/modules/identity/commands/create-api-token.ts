import { accountOf } from '../identity.queries';
import { API_TOKEN_PREFIX, newSecretToken, sha256 } from '../tokens';
import { accountChange, type IdentityDeps } from './account-change';

/** Mints an API token for an integration (`api-token.created`); its secret is returned once, stored only as a digest. */
export async function createApiToken(
  deps: IdentityDeps,
  userId: string,
  name: string,
  expiresInDays: number | undefined,
) {
  const token = `${API_TOKEN_PREFIX}${newSecretToken()}`;
  const user = await accountOf(deps.repo, userId);
  const row = await accountChange(
    deps,
    { action: 'api-token.created', subject: user, details: { name } },
    (repo, now) =>
      repo.insertApiToken({
        user_id: userId,
        name,
        prefix: token.slice(0, 12),
        token_hash: sha256(token),
        created_at: now,
        expires_at: expiresInDays ? new Date(now.getTime() + expiresInDays * 86_400_000) : null,
      }),
  );
  return { token, row };
}
