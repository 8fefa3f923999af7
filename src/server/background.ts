import type { FastifyInstance } from 'fastify';
import { scheduleCheckpoints } from './modules/audit/audit.service';
import type { Config } from './platform/config';
import { refreshStatistics } from './platform/db/database';
import type { Events } from './platform/events/events';
import type { LiveHub } from './platform/events/live-hub';
import { onReadyEvery } from './platform/periodic';
import type { AppDependencies, Services } from './services';

/**
 * What an instance does besides answering requests: the audit checkpoints,
 * the timers that fire deadlines, reminders, re-alerts and e-mail, the
 * upkeep of PGlite and the event log, presence; and the order in which it
 * all stops when the app closes (timers before the database).
 */
export function startBackgroundWork(
  app: FastifyInstance,
  {
    config,
    deps,
    services,
    events,
    hub,
  }: { config: Config; deps: AppDependencies; services: Services; events: Events; hub: LiveHub },
) {
  const channels = services.channels;
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
}
