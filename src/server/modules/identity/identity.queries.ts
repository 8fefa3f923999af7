import type { Clock } from '../../../core/clock';
import { notFound } from '../../../core/errors';
import { PRIVILEGED_ROLES, type Role } from '../../../core/identity/schemas';
import type { Db } from '../../platform/db/database';
import type { ApiTokenRow, SessionRow } from '../../platform/db/schema';
import { IdentityRepository, type UserWithParty } from './identity.repository';
import { API_TOKEN_PREFIX, sha256 } from './tokens';

export interface IdentitySettings {
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  totpRequiredForPrivilegedRoles: boolean;
  /** The classification scheme's lowest level: account events are not classified. */
  lowestLevel: string;
}

/** Who is making a request, and how they proved it. */
export interface Authenticated {
  user: UserWithParty;
  via: 'session' | 'token';
  sessionId: string | null;
  tokenId: string | null;
  mustEnrolTotp: boolean;
}

const SESSION_TOUCH_INTERVAL_MS = 60_000;

/** Whether the deployment requires a second factor of this user (by their roles). */
export function totpMandatoryFor(settings: IdentitySettings, user: UserWithParty): boolean {
  return (
    settings.totpRequiredForPrivilegedRoles && user.roles.some((role) => PRIVILEGED_ROLES.has(role as Role))
  );
}

/** How a user proved who they are, and whether they must still enrol a second factor. */
export function authenticated(
  settings: IdentitySettings,
  user: UserWithParty,
  via: 'session' | 'token',
  sessionId: string | null,
  tokenId: string | null,
): Authenticated {
  const mustEnrolTotp = totpMandatoryFor(settings, user) && user.totp_secret === null;
  return { user, via, sessionId, tokenId, mustEnrolTotp };
}

/** The account of `userId`, or 404 when it no longer exists. */
export async function accountOf(repo: IdentityRepository, userId: string): Promise<UserWithParty> {
  const user = await repo.findUserById(userId);
  if (!user) throw notFound('user_not_found', 'This account no longer exists.');
  return user;
}

/**
 * Reads of the identity module: who is behind a session cookie or an API
 * token (the hot path, on every request), the caller's account and tokens,
 * the list of users. The only writes here are the touches that keep a session
 * alive, at most once a minute; they are not account changes and not audited.
 */
export class IdentityQueries {
  private readonly repo: IdentityRepository;

  constructor(
    db: Db,
    private readonly clock: Clock,
    private readonly settings: IdentitySettings,
  ) {
    this.repo = new IdentityRepository(db);
  }

  /** The user behind a session cookie, or null when it is unknown, revoked, idle too long or too old. */
  async authenticateSession(sessionToken: string): Promise<Authenticated | null> {
    const now = this.clock.now();
    const session = await this.repo.findSessionByTokenHash(sha256(sessionToken));
    if (!session || !this.sessionHolds(session, now)) return null;
    const auth = await this.activeUser(session.user_id, 'session', session.id, null);
    // Write at most once a minute: idle timeouts need minute precision, not a write per request.
    if (auth && now.getTime() - new Date(session.last_seen_at).getTime() >= SESSION_TOUCH_INTERVAL_MS) {
      await this.repo.touchSession(session.id, now);
    }
    return auth;
  }

  async authenticateApiToken(token: string): Promise<Authenticated | null> {
    if (!token.startsWith(API_TOKEN_PREFIX)) return null;
    const now = this.clock.now();
    const row = await this.repo.findApiTokenByHash(sha256(token));
    if (!row || !tokenHolds(row, now)) return null;
    const auth = await this.activeUser(row.user_id, 'token', null, row.id);
    if (
      auth &&
      (!row.last_used_at || now.getTime() - row.last_used_at.getTime() >= SESSION_TOUCH_INTERVAL_MS)
    ) {
      await this.repo.touchApiToken(row.id, now);
    }
    return auth;
  }

  /**
   * Whether a sign-in checked earlier still holds, re-read without counting as
   * activity: a long-lived connection (the live events socket) must end when
   * its session or token does, and must not keep an idle session alive.
   */
  async recheck(auth: Authenticated): Promise<Authenticated | null> {
    const now = this.clock.now();
    if (auth.via === 'session') {
      const session = auth.sessionId ? await this.repo.findSessionById(auth.sessionId) : undefined;
      if (!session || !this.sessionHolds(session, now)) return null;
      return this.activeUser(session.user_id, 'session', session.id, null);
    }
    const row = auth.tokenId ? await this.repo.findApiTokenById(auth.tokenId) : undefined;
    if (!row || !tokenHolds(row, now)) return null;
    return this.activeUser(row.user_id, 'token', null, row.id);
  }

  private sessionHolds(session: SessionRow, now: Date): boolean {
    const idleLimit = new Date(session.last_seen_at).getTime() + this.settings.sessionIdleMinutes * 60_000;
    return !session.revoked_at && now < new Date(session.expires_at) && now.getTime() < idleLimit;
  }

  private async activeUser(
    userId: string,
    via: 'session' | 'token',
    sessionId: string | null,
    tokenId: string | null,
  ): Promise<Authenticated | null> {
    const user = await this.repo.findUserById(userId);
    if (!user || user.disabled_at) return null;
    return authenticated(this.settings, user, via, sessionId, tokenId);
  }

  /** The signed-in user's own account. */
  me(userId: string): Promise<UserWithParty> {
    return accountOf(this.repo, userId);
  }

  listApiTokens(userId: string) {
    return this.repo.listActiveApiTokens(userId);
  }

  listUsers() {
    return this.repo.listUsers();
  }

  countUsers() {
    return this.repo.countUsers();
  }
}

function tokenHolds(token: ApiTokenRow, now: Date): boolean {
  return !token.revoked_at && !(token.expires_at && now >= new Date(token.expires_at));
}
