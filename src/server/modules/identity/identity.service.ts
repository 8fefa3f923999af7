import type { Clock } from '../../../core/clock';
import type { Locale } from '../../../core/i18n/locales';
import type { CreateUserRequest } from '../../../core/identity/schemas';
import type { Change } from '../../platform/change';
import type { Db } from '../../platform/db/database';
import type { IdentityDeps } from './commands/account-change';
import { beginTotpEnrolment } from './commands/begin-totp-enrolment';
import { changePassword } from './commands/change-password';
import { createApiToken } from './commands/create-api-token';
import { type CreatedBy, createUser } from './commands/create-user';
import { disableTotp } from './commands/disable-totp';
import { enableTotp } from './commands/enable-totp';
import { ensureParty, type PartyToEnsure } from './commands/ensure-party';
import { resetPassword } from './commands/reset-password';
import { revokeApiToken } from './commands/revoke-api-token';
import { type LoginAttempt, signIn } from './commands/sign-in';
import { signOut } from './commands/sign-out';
import { updateAccount } from './commands/update-account';
import { type Authenticated, IdentityQueries, type IdentitySettings } from './identity.queries';
import { IdentityRepository } from './identity.repository';

export type { LoginAttempt } from './commands/sign-in';
export type { Authenticated, IdentitySettings } from './identity.queries';

/**
 * The identity module's public face, for its routes, the platform's
 * authentication, the CLI and the modules that create accounts. Reads are
 * those of IdentityQueries (authentication on every request among them); each
 * write is one command under `commands/`, run through the change envelope,
 * and here only handed its dependencies.
 */
export class IdentityService extends IdentityQueries {
  readonly #deps: IdentityDeps;

  constructor(db: Db, clock: Clock, settings: IdentitySettings, change: Change) {
    super(db, clock, settings);
    this.#deps = { db, clock, settings, change, repo: new IdentityRepository(db) };
  }

  // Sign-in and out

  login(attempt: LoginAttempt) {
    return signIn(this.#deps, attempt);
  }

  logout(sessionToken: string) {
    return signOut(this.#deps, sessionToken);
  }

  // The signed-in user's own account

  updateMe(userId: string, changes: { language?: Locale; displayName?: string }) {
    return updateAccount(this.#deps, userId, changes);
  }

  changePassword(auth: Authenticated, currentPassword: string, newPassword: string, address: string) {
    return changePassword(this.#deps, auth, currentPassword, newPassword, address);
  }

  beginTotpEnrolment(userId: string) {
    return beginTotpEnrolment(this.#deps, userId);
  }

  confirmTotpEnrolment(userId: string, code: string, keepSessionId: string | null) {
    return enableTotp(this.#deps, userId, code, keepSessionId);
  }

  disableTotp(userId: string, password: string, address: string, keepSessionId: string | null) {
    return disableTotp(this.#deps, userId, password, address, keepSessionId);
  }

  createApiToken(userId: string, name: string, expiresInDays: number | undefined) {
    return createApiToken(this.#deps, userId, name, expiresInDays);
  }

  revokeApiToken(userId: string, tokenId: string) {
    return revokeApiToken(this.#deps, userId, tokenId);
  }

  // Administration (the CLI, the directory's account pages, seeding)

  createUser(request: CreateUserRequest, by: CreatedBy | null = null) {
    return createUser(this.#deps, request, by);
  }

  resetPassword(username: string, password: string) {
    return resetPassword(this.#deps, username, password);
  }

  ensureParty(party: PartyToEnsure) {
    return ensureParty(this.#deps, party);
  }
}
