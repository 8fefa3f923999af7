import type { Clock } from '../../../core/clock';
import type { Change } from '../../platform/change';
import type { Db } from '../../platform/db/database';
import type { DeploymentContext } from '../../platform/deployment-context';
import type { EventDraft } from '../../platform/event-draft';
import type { ReadAudit } from '../../platform/read-audit';
import type { NotificationsService } from '../notifications/notifications.service';
import { ReleasesRepository } from '../reports/releases.repository';
import type { ReportsDeps } from '../reports/reports.deps';
import { SubmissionsRepository } from './submissions.repository';

/** Who tells people that a consent waits or was decided: the notifications module. */
export type ConsentNotifier = Pick<NotificationsService, 'notifyAboutSubmission'>;

/**
 * What the submissions module's commands and queries run with: the database
 * for checks, the envelope for writes, the deployment (scheme, access rule),
 * the read audit, its repository, the reports module's releases repository
 * (a release of a submission is read as a report release is), and who tells
 * people of consents.
 */
export interface SubmissionsDeps {
  db: Db;
  clock: Clock;
  deployment: DeploymentContext;
  change: Change;
  reads: ReadAudit;
  submissions: SubmissionsRepository;
  releases: ReleasesRepository;
  notifier: ConsentNotifier | null;
  /** The reports module, which writes the report portions are extracted into; null where there is none (tests of the rule alone). */
  reports: ReportsDeps | null;
}

export function submissionsDeps(options: {
  db: Db;
  clock: Clock;
  deployment: DeploymentContext;
  change: Change;
  reads: ReadAudit;
  notifier?: ConsentNotifier | null;
  reports?: ReportsDeps | null;
}): SubmissionsDeps {
  return {
    ...options,
    notifier: options.notifier ?? null,
    reports: options.reports ?? null,
    submissions: new SubmissionsRepository(options.db),
    releases: new ReleasesRepository(options.db),
  };
}

/** What changed in a submission, for the live pages of those who may see it (audience: `submissionAudience`). */
export const submissionEvent = (type: string, id: string): EventDraft => ({
  type,
  subjectType: 'submission',
  subjectId: id,
});

/** What changed in a consent (audience: `consentAudience`). */
export const consentEvent = (type: string, id: string): EventDraft => ({
  type,
  subjectType: 'consent',
  subjectId: id,
});
