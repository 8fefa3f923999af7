import { type Authenticated, authenticated } from '../identity.queries';
import type { UserWithParty } from '../identity.repository';
import { newSecretToken, sha256 } from '../tokens';
import { accountChange, type IdentityDeps } from './account-change';

/** Opens a session for a user who proved who they are (`user.signed-in`); the token is the cookie's value. */
export async function startSession(
  deps: IdentityDeps,
  user: UserWithParty,
  address: string | null,
  userAgent: string | undefined,
): Promise<{ token: string; auth: Authenticated }> {
  const token = newSecretToken();
  const session = await accountChange(
    deps,
    { action: 'user.signed-in', subject: user, actor: user, ip: address },
    (repo, now) =>
      repo.insertSession({
        token_hash: sha256(token),
        user_id: user.id,
        created_at: now,
        last_seen_at: now,
        expires_at: new Date(now.getTime() + deps.settings.sessionMaxHours * 3_600_000),
        ip: address,
        user_agent: userAgent?.slice(0, 500) ?? null,
      }),
  );
  return { token, auth: authenticated(deps.settings, user, 'session', session.id, null) };
}
