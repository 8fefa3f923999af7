import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { systemClock } from '../core/clock';
import { startBackgroundWork } from './background';
import { buildLinkables } from './linkables';
import { auditRoutes } from './modules/audit/audit.routes';
import { AuditService } from './modules/audit/audit.service';
import { createChannelsModule } from './modules/channels/channels.module';
import { channelsRoutes } from './modules/channels/channels.routes';
import type { CommitmentsDeps } from './modules/commitments/commitments.deps';
import { commitmentAudience } from './modules/commitments/commitments.queries';
import { commitmentsRoutes } from './modules/commitments/commitments.routes';
import { CommitmentReminders } from './modules/commitments/reminders.service';
import { searchCommitments } from './modules/commitments/search.queries';
import { directoryRoutes } from './modules/directory/directory.routes';
import { DirectoryService } from './modules/directory/directory.service';
import { RosterService } from './modules/directory/roster.service';
import { exchangesDeps } from './modules/exchanges/exchanges.deps';
import { exchangeAudience } from './modules/exchanges/exchanges.queries';
import { exchangesRoutes } from './modules/exchanges/exchanges.routes';
import { identityRoutes } from './modules/identity/identity.routes';
import { IdentityService } from './modules/identity/identity.service';
import { mapRoutes } from './modules/map/map.routes';
import { Mailer, smtpTransport } from './modules/notifications/mailer';
import { notificationsRoutes } from './modules/notifications/notifications.routes';
import { NotificationsService } from './modules/notifications/notifications.service';
import { releaseAudience } from './modules/reports/releases.queries';
import { reportsDeps } from './modules/reports/reports.deps';
import { reportAudience } from './modules/reports/reports.queries';
import { reportsRoutes } from './modules/reports/reports.routes';
import type { RequestCommandDeps } from './modules/requests/commands/deps';
import { RequestDeadlines } from './modules/requests/deadlines.service';
import { RequestsQueries } from './modules/requests/requests.queries';
import { requestsRoutes } from './modules/requests/requests.routes';
import { searchRoutes } from './modules/search/search.routes';
import { SearchService } from './modules/search/search.service';
import { submissionsDeps } from './modules/submissions/submissions.deps';
import { consentAudience, submissionAudience } from './modules/submissions/submissions.queries';
import { submissionsRoutes } from './modules/submissions/submissions.routes';
import type { MeetingsDeps } from './modules/working-groups/meetings.deps';
import { meetingAudience } from './modules/working-groups/meetings.queries';
import { meetingsRoutes } from './modules/working-groups/meetings.routes';
import { minutesAudience } from './modules/working-groups/minutes.queries';
import { minutesRoutes } from './modules/working-groups/minutes.routes';
import { searchMeetings, searchMinutes } from './modules/working-groups/search.queries';
import { workingGroupsRoutes } from './modules/working-groups/working-groups.routes';
import { registerAuthentication } from './platform/auth';
import { createChange } from './platform/change';
import type { Config } from './platform/config';
import { deploymentSecret } from './platform/db/deployment-secrets';
import { EventCursors } from './platform/events/cursors';
import { Events } from './platform/events/events';
import { eventsRoutes } from './platform/events/events.routes';
import { LiveHub } from './platform/events/live-hub';
import { healthRoutes } from './platform/health';
import { registerOpenApi } from './platform/openapi';
import { makeErrorHandler } from './platform/problem';
import { createReadAudit } from './platform/read-audit';
import { registerSecurityHeaders } from './platform/security';
import { registerTextEdge } from './platform/text-edge';
import { registerWeb } from './platform/web';
import type { AppDependencies, Services } from './services';

export const VERSION = '0.1.0';

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
  events.registerAudience('exchange', (event) =>
    exchangeAudience({ db, deployment: deps.deployment }, event),
  );
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
      meeting: (caller, input) => searchMeetings(meetings, caller, input),
      minutes: (caller, input) => searchMinutes(meetings, caller, input),
      commitment: (caller, input) => searchCommitments(commitments, caller, input),
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
  await app.register(minutesRoutes, {
    minutes: { db, deployment: deps.deployment, change, notifications },
    directory,
  });
  await app.register(searchRoutes, { search: services.search, directory });
  await app.register(exchangesRoutes, {
    exchanges: exchangesDeps({ db, deployment: deps.deployment, clock, requests }),
    directory,
  });
  await app.register(mapRoutes, { db, deployment: deps.deployment, directory });
  await app.register(notificationsRoutes, { notifications, directory, clock });
  await app.register(eventsRoutes, {
    hub,
    identity: services.identity,
    actorOf: (id: string) => services.directory.actorOf(id),
  });
  await registerWeb(app, config.webDir);

  startBackgroundWork(app, { config, deps, services, events, hub });
  return app;
}
