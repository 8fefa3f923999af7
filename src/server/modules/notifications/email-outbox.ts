import { DEFAULT_LOCALE, isLocale, type Locale } from '../../../core/i18n/locales';
import type { RequestNotificationKind } from '../../../core/notifications/schemas';
import { requestReference } from '../../../core/requests/reference';
import type { Priority } from '../../../core/requests/request-type';
import type { Tx } from '../../platform/db/database';
import type { DeploymentContext } from '../../platform/deployment-context';
import { addressees, districtLabels } from '../directory/directory-lookups.repository';
import { requestHeadlines } from '../requests/requests.repository';
import { type AlertKind, composeAlertEmail, composeEmail, type EmailContent } from './email-content';
import { insertEmails } from './email-outbox.repository';

/** Every kind of request notification is worth an e-mail: each one asks someone to act or to know. */
export const EMAILED_KINDS: ReadonlySet<RequestNotificationKind> = new Set<RequestNotificationKind>([
  'request.submitted',
  'request.escalated',
  'request.realerted',
  'request.breached',
  'request.transitioned',
  'request.answer-drafted',
  'request.answer-returned',
]);

export interface EmailSettings {
  /** Base of links (no trailing slash); without it, links are paths. */
  publicUrl?: string | undefined;
}

interface About {
  kind: RequestNotificationKind;
  requestId: string;
  priority: Priority;
  at: Date;
}

/**
 * Writes the e-mails of notifications into the outbox, inside the
 * notification's transaction: one per recipient who has an address, in their
 * language. The mailer sends them after commit.
 */
export class EmailOutbox {
  constructor(
    private readonly deployment: DeploymentContext,
    private readonly settings: EmailSettings,
  ) {}

  async enqueue(tx: Tx, notifications: { id: string; user_id: string }[], about: About): Promise<void> {
    if (!EMAILED_KINDS.has(about.kind) || notifications.length === 0) return;
    const addressees = await this.addressees(
      tx,
      notifications.map((row) => row.user_id),
    );
    if (addressees.length === 0) return;
    const request = await this.requestFacts(tx, about.requestId);
    await this.write(tx, notifications, addressees, about.at, (language) =>
      composeEmail(language, {
        kind: about.kind,
        reference: requestReference(request.number),
        typeName: this.typeName(request.type_code, language),
        districtName: request.districtNames[language],
        priority: about.priority,
        link: this.link(`/requests/${about.requestId}`),
      }),
    );
  }

  /** The e-mails of notifications about a channel message or a report: that something waits, and the link. */
  async enqueueAlert(
    tx: Tx,
    notifications: { id: string; user_id: string }[],
    about: { kind: AlertKind; path: string; at: Date },
  ): Promise<void> {
    if (notifications.length === 0) return;
    const addressees = await this.addressees(
      tx,
      notifications.map((row) => row.user_id),
    );
    await this.write(tx, notifications, addressees, about.at, (language) =>
      composeAlertEmail(language, about.kind, this.link(about.path)),
    );
  }

  private link(path: string) {
    return `${this.settings.publicUrl ?? ''}${path}`;
  }

  private async write(
    tx: Tx,
    notifications: { id: string; user_id: string }[],
    addressees: { id: string; email: string; language: Locale }[],
    at: Date,
    compose: (language: Locale) => EmailContent,
  ) {
    if (addressees.length === 0) return;
    const notificationOf = new Map(notifications.map((row) => [row.user_id, row.id]));
    await insertEmails(
      tx,
      addressees.map((user) => {
        const content = compose(user.language);
        return {
          notification_id: notificationOf.get(user.id) as string,
          to_address: user.email,
          subject: content.subject,
          body_text: content.text,
          created_at: at,
          next_attempt_at: at,
        };
      }),
    );
  }

  /** The recipients with an e-mail address and an account still in use. */
  private async addressees(tx: Tx, userIds: string[]) {
    const rows = await addressees(tx, userIds);
    return rows.map((row) => ({
      id: row.id,
      email: row.email as string,
      language: (isLocale(row.language) ? row.language : DEFAULT_LOCALE) as Locale,
    }));
  }

  /** Only the columns every recipient may see; the request's content is never read here. */
  private async requestFacts(tx: Tx, requestId: string) {
    const row = await requestHeadlines(tx).where('r.id', '=', requestId).executeTakeFirstOrThrow();
    const [district] = await districtLabels(tx, [row.district_id]);
    const districtNames: Record<Locale, string> = {
      en: district?.name_en ?? '',
      ar: district?.name_ar ?? '',
      he: district?.name_he ?? '',
    };
    return { number: row.number, type_code: row.type_code, districtNames };
  }

  private typeName(code: string, language: Locale): string {
    const type = this.deployment.deployment.requestTypes.find((candidate) => candidate.code === code);
    return type?.names[language] ?? code;
  }
}
