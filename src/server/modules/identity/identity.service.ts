import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from '../../../core/clock';
import {
  badRequest,
  conflict,
  forbidden,
  notFound,
  tooManyRequests,
  unauthenticated,
} from '../../../core/errors';
import type { Locale } from '../../../core/i18n/locales';
import {
  secondsToWait,
  THROTTLE_MEMORY_MS,
  THROTTLE_RULES,
  throttleKey,
} from '../../../core/identity/login-throttle';
import {
  type CreateUserRequest,
  PRIVILEGED_ROLES,
  type Role,
  usernameSchema,
} from '../../../core/identity/schemas';
import type { Change } from '../../platform/change';
import type { Db } from '../../platform/db/database';
import type { ApiTokenRow, SessionRow } from '../../platform/db/schema';
import { actorOf } from '../audit/audit.service';
import { IdentityRepository, type UserWithParty } from './identity.repository';
import { assertPasswordAcceptable, hashPassword, verifyAgainstDummy, verifyPassword } from './passwords';
import { checkTotp, newTotpSecret, totpEnrolment } from './totp';

export interface IdentitySettings {
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  totpRequiredForPrivilegedRoles: boolean;
  /** The classification scheme's lowest level: account events are not classified. */
  lowestLevel: string;
}

/** An account event for the audit log: what happened to whose account, done by whom, from where. */
interface AccountEvent {
  action: string;
  subject: { id: string; party_id: string | null };
  /** Who did it; defaults to the subject (people act on their own accounts); null for the system. */
  actor?: UserWithParty | null;
  ip?: string | null;
  details?: Record<string, unknown>;
}

/** Who is making a request, and how they proved it. */
export interface Authenticated {
  user: UserWithParty;
  via: 'session' | 'token';
  sessionId: string | null;
  tokenId: string | null;
  mustEnrolTotp: boolean;
}

export interface LoginAttempt {
  username: string;
  password: string;
  totp?: string | undefined;
  address: string;
  userAgent?: string | undefined;
  /** The session cookie the browser presented, if any: it is revoked (no session fixation). */
  previousSessionToken?: string | undefined;
}

const SESSION_TOUCH_INTERVAL_MS = 60_000;
const API_TOKEN_PREFIX = 'cct_';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const newSecretToken = () => randomBytes(32).toString('base64url');

export class IdentityService {
  private readonly repo: IdentityRepository;

  constructor(
    db: Db,
    private readonly clock: Clock,
    private readonly settings: IdentitySettings,
    private readonly change: Change,
  ) {
    this.repo = new IdentityRepository(db);
  }

  /**
   * Runs an account change through the change envelope: its audit entry is
   * seen by the account's own party and by the coordinator, and names who did
   * it (by default the account's owner: people act on their own accounts).
   */
  private audited<T>(event: AccountEvent, work: (repo: IdentityRepository) => Promise<T>): Promise<T> {
    return this.change(null, event.action, async (unit) => {
      const repo = new IdentityRepository(unit.tx);
      const result = await work(repo);
      const actor = event.actor === undefined ? await repo.findUserById(event.subject.id) : event.actor;
      unit.audit({
        subject: { type: 'user', id: event.subject.id },
        actor: actor ? actorOf(actor) : null,
        ip: event.ip ?? null,
        ...(event.details ? { details: event.details } : {}),
        marking: {
          level: this.settings.lowestLevel,
          parties: await repo.partiesSeeingAccount(event.subject.party_id),
        },
      });
      return result;
    });
  }

  // Sign-in

  async login(attempt: LoginAttempt): Promise<{ token: string; auth: Authenticated }> {
    const now = this.clock.now();
    const keys = THROTTLE_RULES.map((rule) => throttleKey(rule.scope, attempt.username, attempt.address));
    await this.refuseWhileThrottled(keys, now);

    const user = await this.repo.findUserByUsername(attempt.username);
    const passwordOk = user
      ? await verifyPassword(user.password_hash, attempt.password)
      : await verifyAgainstDummy(attempt.password);
    if (!user || !passwordOk || user.disabled_at) {
      const failure = (repo: IdentityRepository) =>
        repo.recordFailures(keys, now, new Date(now.getTime() - THROTTLE_MEMORY_MS));
      if (user) {
        await this.audited(
          { action: 'user.sign-in-failed', subject: user, actor: null, ip: attempt.address },
          failure,
        );
      } else {
        await failure(this.repo);
      }
      throw unauthenticated('invalid_credentials', 'Wrong username or password.');
    }

    if (user.totp_secret) {
      if (!attempt.totp) {
        throw unauthenticated('totp_required', 'Enter the 6-digit code from your authenticator app.');
      }
      const step = await checkTotp(user.totp_secret, attempt.totp, now, user.totp_last_step);
      if (step === null) {
        await this.repo.recordFailures(keys, now, new Date(now.getTime() - THROTTLE_MEMORY_MS));
        throw unauthenticated('invalid_totp', 'The authenticator code is wrong or has already been used.');
      }
      await this.repo.updateUser(user.id, { totp_last_step: step });
    }

    // The user proved who they are: forget this account's failures (not the address's).
    await this.repo.clearThrottles(keys.slice(0, 2));
    if (attempt.previousSessionToken) await this.logout(attempt.previousSessionToken);
    return this.startSession(user, attempt.address, attempt.userAgent);
  }

  private async refuseWhileThrottled(keys: string[], now: Date): Promise<void> {
    const states = new Map((await this.repo.findThrottles(keys)).map((row) => [row.key, row]));
    const wait = Math.max(
      ...THROTTLE_RULES.map((rule, i) => {
        const row = states.get(keys[i] as string);
        return secondsToWait(
          rule,
          row && { failures: row.failures, lastFailureAt: new Date(row.last_failure_at) },
          now,
        );
      }),
    );
    if (wait > 0) {
      throw tooManyRequests(
        'login_throttled',
        `Too many failed sign-in attempts. Try again in ${wait} seconds.`,
        wait,
      );
    }
  }

  private async startSession(
    user: UserWithParty,
    address: string | null,
    userAgent: string | undefined,
  ): Promise<{ token: string; auth: Authenticated }> {
    const now = this.clock.now();
    const token = newSecretToken();
    const session = await this.audited(
      { action: 'user.signed-in', subject: user, actor: user, ip: address },
      (repo) =>
        repo.insertSession({
          token_hash: sha256(token),
          user_id: user.id,
          created_at: now,
          last_seen_at: now,
          expires_at: new Date(now.getTime() + this.settings.sessionMaxHours * 3_600_000),
          ip: address,
          user_agent: userAgent?.slice(0, 500) ?? null,
        }),
    );
    return { token, auth: this.authenticated(user, 'session', session.id, null) };
  }

  async logout(sessionToken: string): Promise<void> {
    const session = await this.repo.findSessionByTokenHash(sha256(sessionToken));
    if (!session || session.revoked_at) return;
    const user = await this.repo.findUserById(session.user_id);
    if (!user) return;
    await this.audited({ action: 'user.signed-out', subject: user, ip: session.ip }, (repo) =>
      repo.revokeSession(session.id, this.clock.now()),
    );
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
    return this.authenticated(user, via, sessionId, tokenId);
  }

  private authenticated(
    user: UserWithParty,
    via: 'session' | 'token',
    sessionId: string | null,
    tokenId: string | null,
  ): Authenticated {
    return { user, via, sessionId, tokenId, mustEnrolTotp: this.mustEnrolTotp(user) };
  }

  private totpMandatoryFor(user: UserWithParty): boolean {
    return (
      this.settings.totpRequiredForPrivilegedRoles &&
      user.roles.some((role) => PRIVILEGED_ROLES.has(role as Role))
    );
  }

  private mustEnrolTotp(user: UserWithParty): boolean {
    return this.totpMandatoryFor(user) && user.totp_secret === null;
  }

  // The signed-in user's own account

  async me(userId: string): Promise<UserWithParty> {
    const user = await this.repo.findUserById(userId);
    if (!user) throw notFound('user_not_found', 'This account no longer exists.');
    return user;
  }

  async updateMe(userId: string, changes: { language?: Locale; displayName?: string }) {
    const user = await this.me(userId);
    await this.audited(
      { action: 'user.updated', subject: user, details: { fields: Object.keys(changes) } },
      (repo) =>
        repo.updateUser(userId, {
          ...(changes.language ? { language: changes.language } : {}),
          ...(changes.displayName ? { display_name: changes.displayName } : {}),
          updated_at: this.clock.now(),
        }),
    );
    return this.me(userId);
  }

  /**
   * Changes the password and revokes every session of the user, this one
   * included; the caller gets a fresh session so they stay signed in here only.
   */
  async changePassword(auth: Authenticated, currentPassword: string, newPassword: string, address: string) {
    const user = await this.me(auth.user.id);
    if (!(await verifyPassword(user.password_hash, currentPassword))) {
      throw badRequest('wrong_current_password', 'The current password is wrong.', [
        { path: 'currentPassword', message: 'The current password is wrong.' },
      ]);
    }
    assertPasswordAcceptable(newPassword, user.username);
    await this.setPassword(user, newPassword, {
      action: 'user.password-changed',
      subject: user,
      ip: address,
    });
    return this.startSession(user, address, undefined);
  }

  private async setPassword(user: UserWithParty, password: string, event: AccountEvent): Promise<void> {
    const now = this.clock.now();
    const hash = await hashPassword(password);
    await this.audited(event, async (repo) => {
      await repo.updateUser(user.id, { password_hash: hash, password_changed_at: now, updated_at: now });
      await repo.revokeSessionsOfUser(user.id, now);
    });
  }

  async beginTotpEnrolment(userId: string) {
    const user = await this.me(userId);
    if (user.totp_secret) {
      throw conflict(
        'totp_already_enabled',
        'Two-step sign-in is already on. Turn it off first to re-enrol.',
      );
    }
    const secret = newTotpSecret();
    await this.repo.updateUser(userId, { totp_pending_secret: secret, updated_at: this.clock.now() });
    return totpEnrolment(secret, user.username);
  }

  async confirmTotpEnrolment(userId: string, code: string) {
    const user = await this.me(userId);
    if (!user.totp_pending_secret) {
      throw conflict('totp_enrolment_not_started', 'Start the enrolment first to get a QR code.');
    }
    const step = await checkTotp(user.totp_pending_secret, code, this.clock.now(), null);
    if (step === null) {
      throw badRequest(
        'invalid_totp',
        'The code does not match. Check the time on your phone and try again.',
        [{ path: 'code', message: 'The code does not match.' }],
      );
    }
    const secret = user.totp_pending_secret;
    await this.audited({ action: 'user.totp-enabled', subject: user }, (repo) =>
      repo.updateUser(userId, {
        totp_secret: secret,
        totp_pending_secret: null,
        totp_last_step: step,
        updated_at: this.clock.now(),
      }),
    );
    return this.me(userId);
  }

  async disableTotp(userId: string, password: string) {
    const user = await this.me(userId);
    if (this.totpMandatoryFor(user)) {
      throw forbidden('totp_mandatory', 'Two-step sign-in is mandatory for your role in this deployment.');
    }
    if (!(await verifyPassword(user.password_hash, password))) {
      throw badRequest('wrong_current_password', 'The password is wrong.', [
        { path: 'password', message: 'The password is wrong.' },
      ]);
    }
    await this.audited({ action: 'user.totp-disabled', subject: user }, (repo) =>
      repo.updateUser(userId, {
        totp_secret: null,
        totp_pending_secret: null,
        totp_last_step: null,
        updated_at: this.clock.now(),
      }),
    );
    return this.me(userId);
  }

  // API tokens

  async createApiToken(userId: string, name: string, expiresInDays: number | undefined) {
    const now = this.clock.now();
    const token = `${API_TOKEN_PREFIX}${newSecretToken()}`;
    const user = await this.me(userId);
    const row = await this.audited(
      { action: 'api-token.created', subject: user, details: { name } },
      (repo) =>
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

  listApiTokens(userId: string) {
    return this.repo.listActiveApiTokens(userId);
  }

  async revokeApiToken(userId: string, tokenId: string): Promise<void> {
    // Someone else's token answers like a missing one: its existence is not revealed.
    const user = await this.me(userId);
    await this.audited({ action: 'api-token.revoked', subject: user, details: { tokenId } }, async (repo) => {
      // Throwing here also rolls back the audit entry: nothing was revoked.
      if (!(await repo.revokeApiToken(userId, tokenId, this.clock.now()))) {
        throw notFound('token_not_found', 'No such API token.');
      }
    });
  }

  // Administration (CLI and, later, the directory pages)

  /** `by`: the administrator who creates the account and from where; absent for the system (seeding, CLI). */
  async createUser(
    request: CreateUserRequest,
    by: { actor: UserWithParty; ip: string | null } | null = null,
  ): Promise<UserWithParty> {
    const username = usernameSchema.parse(request.username);
    if (await this.repo.findUserByUsername(username)) {
      throw conflict('username_taken', `The username ${username} is already taken.`);
    }
    assertPasswordAcceptable(request.password, username);
    let partyId: string | null = null;
    if (request.partyCode) {
      const party = await this.repo.findPartyByCode(request.partyCode);
      if (!party) throw badRequest('unknown_party', `There is no party with code ${request.partyCode}.`);
      partyId = party.id;
    }
    const now = this.clock.now();
    const id = randomUUID();
    const hash = await hashPassword(request.password);
    const event = {
      action: 'user.created',
      subject: { id, party_id: partyId },
      actor: by?.actor ?? null,
      ip: by?.ip ?? null,
    };
    await this.audited(event, (repo) =>
      repo.insertUser({
        id,
        username,
        display_name: request.displayName,
        email: request.email ?? null,
        password_hash: hash,
        roles: [...new Set(request.roles)],
        language: request.language,
        nationality: request.nationality,
        clearance: request.clearance,
        party_id: partyId,
        password_changed_at: now,
        created_at: now,
        updated_at: now,
      }),
    );
    return this.me(id);
  }

  async resetPassword(username: string, password: string): Promise<UserWithParty> {
    const user = await this.repo.findUserByUsername(username);
    if (!user) throw notFound('user_not_found', `There is no user ${username}.`);
    assertPasswordAcceptable(password, user.username);
    await this.setPassword(user, password, { action: 'user.password-reset', subject: user, actor: null });
    return this.me(user.id);
  }

  listUsers() {
    return this.repo.listUsers();
  }

  countUsers() {
    return this.repo.countUsers();
  }

  async ensureParty(party: { code: string; kind: 'coordinator' | 'party'; names: Record<Locale, string> }) {
    const existing = await this.repo.findPartyByCode(party.code);
    if (existing) return existing.id;
    const { id } = await this.repo.insertParty({
      code: party.code,
      kind: party.kind,
      name_en: party.names.en,
      name_ar: party.names.ar,
      name_he: party.names.he,
    });
    return id;
  }
}

function tokenHolds(token: ApiTokenRow, now: Date): boolean {
  return !token.revoked_at && !(token.expires_at && now >= new Date(token.expires_at));
}
