import { conflict } from '../../../../core/errors';
import { accountOf } from '../identity.queries';
import { newTotpSecret, totpEnrolment } from '../totp';
import { type IdentityDeps, unauditedChange } from './account-change';

/**
 * Starts enrolling an authenticator app: a pending secret, shown once as a QR
 * code. Nothing is on yet, so nothing is audited until the enrolment is confirmed.
 */
export async function beginTotpEnrolment(deps: IdentityDeps, userId: string) {
  const user = await accountOf(deps.repo, userId);
  if (user.totp_secret) {
    throw conflict('totp_already_enabled', 'Two-step sign-in is already on. Turn it off first to re-enrol.');
  }
  const secret = newTotpSecret();
  await unauditedChange(deps, 'user.totp-enrolment-started', (repo, now) =>
    repo.updateUser(userId, { totp_pending_secret: secret, updated_at: now }),
  );
  return totpEnrolment(secret, user.username);
}
