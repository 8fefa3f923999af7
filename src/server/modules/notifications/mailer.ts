import nodemailer from 'nodemailer';
import type { Clock } from '../../../core/clock';
import { type Db, inTransaction } from '../../platform/db/database';
import {
  type ClaimedEmail,
  claimNextEmail,
  markEmailSent,
  recordEmailFailure,
} from './email-outbox.repository';

/** What the mailer needs of an SMTP client; nodemailer's transport is one. */
export interface MailTransport {
  sendMail(message: {
    from: string;
    to: string;
    subject: string;
    text: string;
    messageId: string;
  }): Promise<unknown>;
  close(): void;
}

/** After this many tries a message is given up (its last error stays on the row). */
export const MAX_ATTEMPTS = 10;
/**
 * A claimed message is not offered to anyone else for this long: longer than
 * the SMTP client's own timeouts, so a live sender always finishes first, and
 * short enough that a message whose sender died goes out soon after.
 */
export const LEASE_MS = 5 * 60_000;
const FIRST_RETRY_MS = 30_000;
const LONGEST_RETRY_MS = 60 * 60_000;

/** 30 s, 1 min, 2 min, 4 min… at most an hour, after the `attempts`-th failure. */
export function retryDelay(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(attempts - 1, 0), LONGEST_RETRY_MS);
}

/**
 * The same Message-ID on every try of one message, so that a mail system that
 * receives a repeat (a sender died before recording its success) can tell.
 */
export function messageIdOf(outboxId: string, from: string): string {
  const domain = /@([^\s<>@]+)>?\s*$/.exec(from)?.[1] ?? 'localhost';
  return `<${outboxId}@${domain}>`;
}

/** An SMTP transport from SMTP_URL, with timeouts well inside the lease. */
export function smtpTransport(smtpUrl: string): MailTransport {
  return nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
}

/**
 * Sends the e-mail outbox. Each message is claimed with FOR UPDATE SKIP
 * LOCKED in a short transaction that leases it (pushes next_attempt_at past
 * the lease), sent with no transaction open — SMTP can take seconds, and the
 * embedded database has one connection to share — and its outcome recorded
 * in another. So each message goes out once however many instances run; only
 * a sender that dies between sending and recording can repeat one.
 */
export class Mailer {
  private running: Promise<number> | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly transport: MailTransport,
    private readonly from: string,
  ) {}

  /** Sends every due message; concurrent calls in one process share one run. Returns how many were sent. */
  sendDue(): Promise<number> {
    this.running ??= this.sendAll().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  close(): void {
    this.transport.close();
  }

  private async sendAll(): Promise<number> {
    let sent = 0;
    for (;;) {
      const message = await inTransaction(this.db, (tx) => {
        const now = this.clock.now();
        return claimNextEmail(tx, now, new Date(now.getTime() + LEASE_MS), MAX_ATTEMPTS);
      });
      if (!message) return sent;
      if (await this.deliver(message)) sent += 1;
    }
  }

  private async deliver(message: ClaimedEmail): Promise<boolean> {
    try {
      await this.transport.sendMail({
        from: this.from,
        to: message.to_address,
        subject: message.subject,
        text: message.body_text,
        messageId: messageIdOf(message.id, this.from),
      });
    } catch (error) {
      await this.recordFailure(message, error);
      return false;
    }
    await markEmailSent(this.db, message.id, this.clock.now());
    return true;
  }

  /** Retries later, backing off, until MAX_ATTEMPTS; then stops (next_attempt_at null, sent_at null). */
  private async recordFailure(message: ClaimedEmail, error: unknown): Promise<void> {
    const now = this.clock.now();
    const retry = message.attempts < MAX_ATTEMPTS;
    await recordEmailFailure(
      this.db,
      message,
      (error instanceof Error ? error.message : String(error)).slice(0, 1000),
      retry ? new Date(now.getTime() + retryDelay(message.attempts)) : null,
    );
  }
}
