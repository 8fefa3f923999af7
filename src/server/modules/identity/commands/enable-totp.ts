import { badRequest, conflict } from '../../../../core/errors';
import { accountOf } from '../identity.queries';
import type { UserWithParty } from '../identity.repository';
import { checkTotp } from '../totp';
import { accountChange, type IdentityDeps } from './account-change';

/**
 * Finishes the enrolment with a code from the app: two-step sign-in is on
 * (`user.totp-enabled`), and every other session of the account ends (one
 * begun with the password alone must now prove the second factor too).
 */
export async function enableTotp(
  deps: IdentityDeps,
  userId: string,
  code: string,
  keepSessionId: string | null,
): Promise<UserWithParty> {
  const user = await accountOf(deps.repo, userId);
  if (!user.totp_pending_secret) {
    throw conflict('totp_enrolment_not_started', 'Start the enrolment first to get a QR code.');
  }
  const step = await checkTotp(user.totp_pending_secret, code, deps.clock.now(), null);
  if (step === null) {
    throw badRequest('invalid_totp', 'The code does not match. Check the time on your phone and try again.', [
      { path: 'code', message: 'The code does not match.' },
    ]);
  }
  const secret = user.totp_pending_secret;
  await accountChange(deps, { action: 'user.totp-enabled', subject: user }, async (repo, now) => {
    await repo.updateUser(userId, {
      totp_secret: secret,
      totp_pending_secret: null,
      totp_last_step: step,
      updated_at: now,
    });
    await repo.revokeSessionsOfUser(userId, now, keepSessionId);
  });
  return accountOf(deps.repo, userId);
}
