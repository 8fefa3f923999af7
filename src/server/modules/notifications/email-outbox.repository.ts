import type { Insertable } from 'kysely';
import type { Db, Tx } from '../../platform/db/database';
import type { EmailOutboxTable } from '../../platform/db/schema';

/**
 * Kysely queries for the e-mail outbox: writing messages in a notification's
 * transaction, and claiming, sending and retrying them. No policy here: the
 * outbox decides what is e-mailed, the mailer when to try again.
 */

export async function insertEmails(tx: Tx, emails: Insertable<EmailOutboxTable>[]) {
  if (emails.length === 0) return;
  await tx.insertInto('email_outbox').values(emails).execute();
}

/** A message taken from the outbox to be sent. */
export interface ClaimedEmail {
  id: string;
  to_address: string;
  subject: string;
  body_text: string;
  attempts: number;
}

/**
 * Claims the next due message that has tries left (FOR UPDATE SKIP LOCKED)
 * and leases it until `leaseUntil`, counting the try; null when none is due.
 */
export async function claimNextEmail(
  tx: Tx,
  now: Date,
  leaseUntil: Date,
  maxAttempts: number,
): Promise<ClaimedEmail | null> {
  const row = await tx
    .selectFrom('email_outbox')
    .select(['id', 'to_address', 'subject', 'body_text', 'attempts'])
    .where('next_attempt_at', '<=', now)
    // A message whose last allowed try died with its sender (lease run out) is not tried again.
    .where('attempts', '<', maxAttempts)
    .orderBy('next_attempt_at')
    .limit(1)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
  if (!row) return null;
  const attempts = row.attempts + 1;
  await tx
    .updateTable('email_outbox')
    .set({ attempts, next_attempt_at: leaseUntil })
    .where('id', '=', row.id)
    .execute();
  return { ...row, attempts };
}

export async function markEmailSent(db: Db, id: string, at: Date) {
  await db
    .updateTable('email_outbox')
    .set({ sent_at: at, next_attempt_at: null, last_error: null })
    .where('id', '=', id)
    .execute();
}

/**
 * Records a failed try: the error, and when to try again (null: never). Only
 * while the try is still the message's last and it was not sent, so a slower
 * sender whose lease ran out does not undo what the next one recorded.
 */
export async function recordEmailFailure(
  db: Db,
  message: { id: string; attempts: number },
  lastError: string,
  nextAttemptAt: Date | null,
) {
  await db
    .updateTable('email_outbox')
    .set({ last_error: lastError, next_attempt_at: nextAttemptAt })
    .where('id', '=', message.id)
    .where('attempts', '=', message.attempts)
    .where('sent_at', 'is', null)
    .execute();
}
