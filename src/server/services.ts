import type { Clock } from '../core/clock';
import type { AuditService } from './modules/audit/audit.service';
import type { ChannelsModule } from './modules/channels/channels.module';
import type { ChannelAlerts } from './modules/channels/commands/fire-due-realerts';
import type { CommitmentsDeps } from './modules/commitments/commitments.deps';
import type { CommitmentReminders } from './modules/commitments/reminders.service';
import type { DirectoryService } from './modules/directory/directory.service';
import type { RosterService } from './modules/directory/roster.service';
import type { IdentityService } from './modules/identity/identity.service';
import type { Mailer } from './modules/notifications/mailer';
import type { NotificationsService } from './modules/notifications/notifications.service';
import type { ReportsDeps } from './modules/reports/reports.deps';
import type { RequestDeadlines } from './modules/requests/deadlines.service';
import type { RequestsQueries } from './modules/requests/requests.queries';
import type { SearchService } from './modules/search/search.service';
import type { SubmissionsDeps } from './modules/submissions/submissions.deps';
import type { Change } from './platform/change';
import type { DatabaseHandle } from './platform/db/database';
import type { DeploymentContext } from './platform/deployment-context';
import type { EventCursors } from './platform/events/cursors';
import type { Events } from './platform/events/events';

/**
 * What the composition root (app.ts) is given and what it builds: the
 * dependencies of an app and the services its routes, timers and tests reach.
 */
export interface AppDependencies {
  database: DatabaseHandle;
  /** The deployment configuration the server runs (classification scheme, access rule). */
  deployment: DeploymentContext;
  clock?: Clock;
  /** Sign-in requests per minute per address, before the per-account throttle (default 30). */
  loginRateLimitPerMinute?: number;
  /** How often this instance looks for request deadlines that fell due (default 5 s). */
  deadlineCheckMs?: number;
  /** How often PGlite's planner statistics are refreshed (it has no autovacuum). */
  analyzeEveryMs?: number;
  /** How often this instance looks for e-mail to send, when SMTP_URL is set (default 5 s). */
  mailCheckMs?: number;
  /** Pino options, or false for silence (tests). */
  logger?: boolean | Record<string, unknown>;
}

export interface Services {
  /** The envelope every write runs through. */
  change: Change;
  identity: IdentityService;
  directory: DirectoryService;
  roster: RosterService;
  audit: AuditService;
  notifications: NotificationsService;
  /** Reads of requests shared by routes, commands, search and live events. */
  requests: RequestsQueries;
  /** The channels module: its context for routes, and what the rest of the server calls. */
  channels: ChannelsModule;
  /** Re-alerts of urgent channel messages until they are acknowledged. */
  channelAlerts: ChannelAlerts;
  deadlines: RequestDeadlines;
  /** The reports module's repositories and what its commands and queries run with (releases too). */
  reports: ReportsDeps;
  /** The submissions module: what a party hands the coordinator for onward release, and the consents. */
  submissions: SubmissionsDeps;
  /** Commitments of working groups (issue 16, item 4), and their durable reminders. */
  commitments: CommitmentsDeps;
  commitmentReminders: CommitmentReminders;
  search: SearchService;
  /** Sends the e-mail outbox; null when no SMTP server is configured. */
  mailer: Mailer | null;
  /** Services append domain events inside their transactions; modules register who may see them. */
  events: Events;
  /** What clients see of an event's position in the log (an opaque cursor). */
  eventCursors: EventCursors;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
  }
}
