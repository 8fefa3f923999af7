import type { Clock } from '../../../core/clock';
import type { Change } from '../../platform/change';
import type { Db } from '../../platform/db/database';
import type { DeploymentContext } from '../../platform/deployment-context';
import type { EventDraft } from '../../platform/event-draft';
import type { Linkables } from '../../platform/links';
import type { NotificationsService } from '../notifications/notifications.service';

/** Who tells people of reminders and of deliveries to confirm: the notifications module. */
export type CommitmentNotifier = Pick<NotificationsService, 'notifyAboutCommitment'>;

/**
 * What the commitments module's commands and queries run with: the database,
 * the clock (what "today" and "overdue" are), the deployment (scheme, access
 * rule, time zone), the envelope for writes, who notifies, and how evidence
 * links to a request or a report are read (as the caller may see them).
 */
export interface CommitmentsDeps {
  db: Db;
  clock: Clock;
  deployment: DeploymentContext;
  change: Change;
  notifier: CommitmentNotifier | null;
  linkables: Pick<Linkables, 'request' | 'report'> | null;
}

/** What changed in a commitment, for whoever the access rule admits to it (audience: `commitmentAudience`). */
export const commitmentEvent = (type: string, id: string, data?: Record<string, string>): EventDraft => ({
  type,
  subjectType: 'commitment',
  subjectId: id,
  ...(data && { data }),
});
