import { sha256 } from '../tokens';
import { accountChange, type IdentityDeps } from './account-change';

/** Revokes the session of a cookie (`user.signed-out`); an unknown or revoked one is nothing to do. */
export async function signOut(deps: IdentityDeps, sessionToken: string): Promise<void> {
  const session = await deps.repo.findSessionByTokenHash(sha256(sessionToken));
  if (!session || session.revoked_at) return;
  const user = await deps.repo.findUserById(session.user_id);
  if (!user) return;
  await accountChange(deps, { action: 'user.signed-out', subject: user, ip: session.ip }, (repo, now) =>
    repo.revokeSession(session.id, now),
  );
}
