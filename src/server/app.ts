import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { type Clock, systemClock } from '../core/clock';
import { buildLinkables } from './linkables';
import { auditRoutes } from './modules/audit/audit.routes';
import { AuditService, scheduleCheckpoints } from './modules/audit/audit.service';
import { type ChannelsModule, createChannelsModule } from './modules/channels/channels.module';
import { channelsRoutes } from './modules/channels/channels.routes';
import type { ChannelAlerts } from './modules/channels/commands/fire-due-realerts';
import type { CommitmentsDeps } from './modules/commitments/commitments.deps';
import { commitmentAudience } from './modules/commitments/commitments.queries';
import { commitmentsRoutes } from './modules/commitments/commitments.routes';
import { CommitmentReminders } from './modules/commitments/reminders.service';
import { directoryRoutes } from './modules/directory/directory.routes';
import { DirectoryService } from './modules/directory/directory.service';
import { RosterService } from './modules/directory/roster.service';
import { identityRoutes } from './modules/identity/identity.routes';
import { IdentityService } from './modules/identity/identity.service';
import { mapRoutes } from './modules/map/map.routes';
import { Mailer, smtpTransport } from './modules/notifications/mailer';
import { notificationsRoutes } from './modules/notifications/notifications.routes';
import { NotificationsService } from './modules/notifications/notifications.service';
import { releaseAudience } from './modules/reports/releases.queries';
import { type ReportsDeps, reportsDeps } from './modules/reports/reports.deps';
import { reportAudience } from './modules/reports/reports.queries';
import { reportsRoutes } from './modules/reports/reports.routes';
import type { RequestCommandDeps } from './modules/requests/commands/deps';
import { RequestDeadlines } from './modules/requests/deadlines.service';
import { RequestsQueries } from './modules/requests/requests.queries';
import { requestsRoutes } from './modules/requests/requests.routes';
import { searchRoutes } from './modules/search/search.routes';
import { SearchService } from './modules/search/search.service';
import { type SubmissionsDeps, submissionsDeps } from './modules/submissions/submissions.deps';
import { consentAudience, submissionAudience } from './modules/submissions/submissions.queries';
import { submissionsRoutes } from './modules/submissions/submissions.routes';
import type { MeetingsDeps } from './modules/working-groups/meetings.deps';
import { meetingAudience } from './modules/working-groups/meetings.queries';
import { meetingsRoutes } from './modules/working-groups/meetings.routes';
import { minutesAudience } from './modules/working-groups/minutes.queries';
import { minutesRoutes } from './modules/working-groups/minutes.routes';
import { workingGroupsRoutes } from './modules/working-groups/working-groups.routes';
import { registerAuthentication } from './platform/auth';
import { type Change, createChange } from './platform/change';
import type { Config } from './platform/config';
import { type DatabaseHandle, refreshStatistics } from './platform/db/database';
import { deploymentSecret } from './platform/db/deployment-secrets';
import type { DeploymentContext } from './platform/deployment-context';
import { EventCursors } from './platform/events/cursors';
import { Events } from './platform/events/events';
import { eventsRoutes } from './platform/events/events.routes';
import { LiveHub } from './platform/events/live-hub';
import { healthRoutes } from './platform/health';
import { registerOpenApi } from './platform/openapi';
import { onReadyEvery } from './platform/periodic';
import { makeErrorHandler } from './platform/problem';
import { createReadAudit } from './platform/read-audit';
import { registerSecurityHeaders } from './platform/security';
import { registerTextEdge } from './platform/text-edge';
import { registerWeb } from './platform/web';

export const VERSION = '0.1.0';

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

/**
 * Builds the Concord HTTP application: platform plugins first, then each
 * module's routes, explicitly. The database is opened and migrated by the
 * caller (see start.ts); closing the app closes it.
 */
export async function buildApp(config: Config, deps: AppDependencies): Promise<FastifyInstance> {
  const clock = deps.clock ?? systemClock;
  const { db } = deps.database;

  const app = Fastify({
    logger: deps.logger ?? { level: config.logLevel },
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    // Graceful shutdown: close() stops accepting, lets in-flight requests finish, then runs onClose.
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true },
    // A URL the router cannot take (bad percent-encoding, an overlong part) is a problem like any other.
    frameworkErrors: (error, request, reply) => errorHandler(error, request, reply),
  });
  const errorHandler = makeErrorHandler(config.bodyLimit);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);

  // The audit log first: every service that writes records into it.
  const audit = new AuditService(db, clock, {
    deployment: config.deploymentName,
    keyFile: config.auditKeyFile,
  });
  const events = new Events(deps.database, clock, app.log, {
    heartbeatMs: config.eventsHeartbeatSeconds * 1000,
  });
  // The one envelope every write runs through (transaction, audit entry, events, retries).
  const change = createChange({ db, clock, audit, events });
  const reads = createReadAudit(change, deps.deployment);
  const directory = new DirectoryService(db, clock);
  // E-mail is queued only when it can be sent: without SMTP_URL, the outbox stays empty.
  const notifications = new NotificationsService(
    db,
    deps.deployment,
    config.smtpUrl ? { publicUrl: config.publicUrl } : null,
  );
  const reports = reportsDeps({
    db,
    clock,
    deployment: deps.deployment,
    change,
    reads,
    notifier: notifications,
  });
  events.registerAudience('report', (event) => reportAudience(reports, event));
  events.registerAudience('release', (event) => releaseAudience(reports, event));
  const submissions = submissionsDeps({
    db,
    clock,
    deployment: deps.deployment,
    change,
    reads,
    notifier: notifications,
    reports,
  });
  events.registerAudience('submission', (event) => submissionAudience(submissions, event));
  events.registerAudience('consent', (event) => consentAudience(submissions, event));
  // Meetings of working groups: whoever may know a meeting exists (a member cleared for the group's marking).
  const meetings: MeetingsDeps = { db, deployment: deps.deployment, change, notifications };
  events.registerAudience('meeting', (event) => meetingAudience(meetings, event));
  // Clients see opaque cursors, never log positions: a gap would count the events kept from them.
  const eventCursors = new EventCursors(await deploymentSecret(db, 'event-cursors'));
  const hub = new LiveHub(events, app.log, eventCursors);
  const channels = createChannelsModule({
    db,
    clock,
    deployment: deps.deployment,
    change,
    reads,
    notifications,
    options: {
      urgentRealertSeconds: config.urgentRealertSeconds,
      // Two heartbeats and a little: an instance that missed one beat still counts its users as online.
      presenceWindowMs: config.eventsHeartbeatSeconds * 2_500,
      onlineHere: () => hub.onlineUserIds(),
    },
  });
  events.registerAudience('channel', (event) => channels.audienceOf(event));
  const threads = channels.threads;
  const requests = new RequestsQueries(db, deps.deployment, reads, threads);
  const requestCommands: RequestCommandDeps = {
    db,
    deployment: deps.deployment,
    change,
    queries: requests,
    notifications,
    threads,
    clock,
    linkables: buildLinkables({ requests, reports, channels, submissions }),
    rooms: channels,
  };
  events.registerAudience('request', (event) => requests.audienceOf(event));
  const linkables = buildLinkables({ requests, reports, channels, submissions });
  const commitments: CommitmentsDeps = {
    db,
    clock,
    deployment: deps.deployment,
    change,
    notifier: notifications,
    linkables,
  };
  events.registerAudience('commitment', (event) => commitmentAudience(commitments, event));
  events.registerAudience('minutes', (event) =>
    minutesAudience({ db, deployment: deps.deployment, change }, event),
  );
  events.registerAudience('presence', (event) => channels.presenceAudience(event));
  events.onHeartbeat(() => channels.recordPresence(hub.onlineUserIds()));

  const services: Services = {
    change,
    audit,
    events,
    eventCursors,
    identity: new IdentityService(
      db,
      clock,
      {
        sessionIdleMinutes: config.sessionIdleMinutes,
        sessionMaxHours: config.sessionMaxHours,
        totpRequiredForPrivilegedRoles: config.totpRequiredForPrivilegedRoles,
        lowestLevel: deps.deployment.lowest,
      },
      change,
    ),
    directory,
    roster: new RosterService(db, clock, deps.deployment, reads),
    notifications,
    requests,
    channels,
    reports,
    submissions,
    commitments,
    commitmentReminders: new CommitmentReminders(commitments),
    search: new SearchService(db, deps.deployment, reads, {
      requestsVisibleTo: (actor) => requests.condition(actor),
      messages: (caller, input) => channels.search(caller, input),
    }),
    deadlines: new RequestDeadlines({
      change,
      typeOf: (code) => requests.typeOf(code),
      visibleAmong: (tx, userIds, row) => requests.visibleAmong(tx, userIds, row),
      notifications,
    }),
    channelAlerts: channels.alerts,
    mailer: config.smtpUrl ? new Mailer(db, clock, smtpTransport(config.smtpUrl), config.mailFrom) : null,
  };
  app.decorate('services', services);

  await registerSecurityHeaders(app);
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  // Clients only listen: a message from one is never larger than a few bytes.
  await app.register(websocket, { options: { maxPayload: 4096 } });
  await registerOpenApi(app, VERSION);
  registerAuthentication(app, services.identity);
  registerTextEdge(app);

  await app.register(healthRoutes, { db });
  await app.register(identityRoutes, {
    identity: services.identity,
    loginRateLimitPerMinute: deps.loginRateLimitPerMinute ?? 30,
  });
  await app.register(directoryRoutes, { ...services, commands: { db, change, deployment: deps.deployment } });
  await app.register(auditRoutes, {
    audit: services.audit,
    deployment: deps.deployment,
    actorOf: (id: string) => services.directory.actorOf(id),
    recordAudience: (subjectType: string, id: string) => events.recordAudience(subjectType, id),
  });
  await app.register(requestsRoutes, { requests: requestCommands, directory });
  await app.register(channelsRoutes, { channels: channels.ctx, directory });
  await app.register(reportsRoutes, { reports, directory });
  await app.register(submissionsRoutes, { submissions, directory });
  await app.register(commitmentsRoutes, { commitments, directory });
  await app.register(workingGroupsRoutes, { groups: { db, deployment: deps.deployment, change }, directory });
  await app.register(meetingsRoutes, { meetings, directory, publicUrl: config.publicUrl });
  await app.register(minutesRoutes, { minutes: { db, deployment: deps.deployment, change }, directory });
  await app.register(searchRoutes, { search: services.search, directory });
  await app.register(mapRoutes, { db, deployment: deps.deployment, directory });
  await app.register(notificationsRoutes, { notifications, directory, clock });
  await app.register(eventsRoutes, {
    hub,
    identity: services.identity,
    actorOf: (id: string) => services.directory.actorOf(id),
  });
  await registerWeb(app, config.webDir);

  const checkpoints = scheduleCheckpoints(services.audit, (error) =>
    app.log.error({ err: error }, 'the hourly audit checkpoint failed'),
  );
  // Deadlines, commitment reminders and re-alerts of urgent messages that fell due while no instance
  // ran fire before the app answers anyone; then every few seconds, like the mail.
  const every = deps.deadlineCheckMs ?? 5_000;
  const failed = (what: string) => (error: unknown) => app.log.error({ err: error }, `${what} failed`);
  const timers = [
    onReadyEvery(app, () => services.deadlines.fireDue(), {
      intervalMs: every,
      catchUp: true,
      onError: failed('firing request deadlines'),
    }),
    onReadyEvery(app, () => services.commitmentReminders.fireDue(), {
      intervalMs: every,
      catchUp: true,
      onError: failed('firing commitment reminders'),
    }),
    onReadyEvery(app, () => services.channelAlerts.fireDue(), {
      intervalMs: every,
      catchUp: true,
      onError: failed('firing urgent message re-alerts'),
    }),
  ];
  const mailer = services.mailer;
  // The mailer records each outcome in the database: it stops with the timers, before the database closes.
  if (mailer)
    timers.push(
      onReadyEvery(app, () => mailer.sendDue(), {
        intervalMs: deps.mailCheckMs ?? 5_000,
        catchUp: false,
        onError: failed('sending e-mail notifications'),
      }),
    );

  // PGlite has no autovacuum: without statistics the planner guesses, and a search may read every
  // report. The server refreshes them itself every quarter of an hour (a sampled ANALYZE is cheap).
  if (deps.database.engine === 'pglite')
    timers.push(
      onReadyEvery(app, () => refreshStatistics(deps.database.db), {
        intervalMs: deps.analyzeEveryMs ?? 15 * 60_000,
        catchUp: false,
        onError: failed('refreshing the planner statistics'),
      }),
    );

  // The live event log is a delivery channel, not a record: what is older than the retention goes,
  // hourly (a client away longer reloads instead of replaying).
  timers.push(
    onReadyEvery(app, () => events.prune(config.eventsRetentionDays * 86_400_000), {
      intervalMs: 60 * 60_000,
      catchUp: false,
      onError: failed('pruning the live event log'),
    }),
  );

  // While closing, answer in-flight requests with "Connection: close", so that
  // keep-alive clients do not hold the shutdown open until their idle timeout.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  // Presence changes as sockets open and close; not while the instance goes (its users reconnect
  // elsewhere, which says so), and the writes under way finish before the database closes.
  const presenceWrites = new Set<Promise<void>>();
  hub.onPresenceChange((userId, online) => {
    if (closing) return;
    const write = channels
      .presenceChanged(userId, online)
      .catch((error) => app.log.error({ err: error }, 'recording a change of presence failed'))
      .finally(() => presenceWrites.delete(write));
    presenceWrites.add(write);
  });
  app.addHook('onReady', () => events.start());
  app.addHook('onClose', async () => {
    await checkpoints.stop();
    for (const timer of timers) await timer.stop();
    services.mailer?.close();
    await events.stop();
    await Promise.all(presenceWrites);
    await deps.database.close();
  });
  return app;
}
