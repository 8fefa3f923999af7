import type { Clock } from '../../../core/clock';
import type { Change } from '../../platform/change';
import type { Db } from '../../platform/db/database';
import type { DeploymentContext } from '../../platform/deployment-context';
import type { EventDraft } from '../../platform/event-draft';
import type { ReadAudit } from '../../platform/read-audit';
import type { NotificationsService } from '../notifications/notifications.service';
import { EntitiesRepository } from './entities.repository';
import { ReleasesRepository } from './releases.repository';
import { ReportsRepository } from './reports.repository';
import { VersionsRepository } from './versions.repository';

/** Who tells people of a review step: the notifications module (none for the command line). */
export type ReviewNotifier = Pick<NotificationsService, 'notifyAboutReport'>;

/**
 * What the reports module's commands and queries run with: the database for
 * checks, the envelope for writes, the deployment (scheme, access rule), the
 * read audit, the module's repositories, and who tells people of review steps.
 */
export interface ReportsDeps {
  db: Db;
  clock: Clock;
  deployment: DeploymentContext;
  change: Change;
  reads: ReadAudit;
  reports: ReportsRepository;
  entities: EntitiesRepository;
  versions: VersionsRepository;
  releases: ReleasesRepository;
  notifier: ReviewNotifier | null;
}

export function reportsDeps(options: {
  db: Db;
  clock: Clock;
  deployment: DeploymentContext;
  change: Change;
  reads: ReadAudit;
  notifier?: ReviewNotifier | null;
}): ReportsDeps {
  const { db } = options;
  return {
    ...options,
    notifier: options.notifier ?? null,
    reports: new ReportsRepository(db),
    entities: new EntitiesRepository(db),
    versions: new VersionsRepository(db),
    releases: new ReleasesRepository(db),
  };
}

/** What changed in a report, for the live pages of those who may see it (audience: `reportAudience`). */
export const reportEvent = (type: string, reportId: string): EventDraft => ({
  type,
  subjectType: 'report',
  subjectId: reportId,
});
