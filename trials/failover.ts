import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { sql } from 'kysely';
import { WebSocket } from 'ws';
import type { LiveMessage } from '../src/core/events/live';
import { deploymentSecret } from '../src/server/platform/db/deployment-secrets';
import { EventCursors } from '../src/server/platform/events/cursors';
import { type ServerProcess, startServerProcess } from '../test/support/server-process';
import {
  auditVerify,
  deadlineFindings,
  hebron,
  moveDeadlines,
  officers,
  TRIAL_PASSWORD,
  withDatabase,
  writer,
} from './support';

/**
 * Failover trials: two instances on one PostgreSQL database, as behind a load
 * balancer. While ISF submits requests through both and the coordinator posts
 * in a channel, four things go wrong in turn:
 * 1. every LISTEN connection is ended (pg_terminate_backend);
 * 2. PostgreSQL itself is stopped for a few seconds and started again, with
 *    request deadlines falling due while it is down;
 * 3. one instance is stopped; its clients reconnect to the other;
 * and, throughout, PASF's desk listens on both instances. Afterwards:
 * - each listener received every acknowledged submission once, every event
 *   once, in log order, and each within 20 s of its write (or of the
 *   database's return, for writes made before it went down);
 * - the deadlines due while the database was down fired after, once each;
 * - `concord audit verify` passes.
 */

const USERS = ['isf.hebron', 'pasf.hebron', 'coord.duty'] as const;
const DELIVERY_LIMIT_MS = 20_000;
const DEADLINES_DUE_IN_OUTAGE = 10;

export interface FailoverOptions {
  /** A fresh PostgreSQL database on the cluster that `restartPostgres` restarts. */
  databaseUrl: string;
  /** Stop and start PostgreSQL itself (the machine's cluster: only where nothing else uses it). */
  restartPostgres: boolean;
  /** How long officers write through each disruption (10 s by default; PostgreSQL's own restart gets 2.5 times that). */
  phaseSeconds?: number;
  log?: (line: string) => void;
}

export interface FailoverReport {
  /** Per phase: writes acknowledged, refused (by status) and cut off without an answer. */
  phases: {
    name: string;
    seconds: number;
    acknowledged: number;
    refused: Record<string, number>;
    unanswered: number;
  }[];
  acknowledged: { requests: number; messages: number };
  listeners: { name: string; events: number; reconnects: number; slowestMs: number }[];
  postgresDownMs: number | null;
  deadlinesDueInOutage: number;
  failures: string[];
}

/** A PASF desk's live connection that reconnects (to any instance still up) from its last cursor, and records all. */
class Listener {
  readonly received: { eventId: string; type: string; id?: string; at: number }[] = [];
  reconnects = 0;
  private socket: WebSocket | null = null;
  private last: string | undefined;
  private stopped = false;

  constructor(
    readonly name: string,
    private readonly cookie: string,
    private readonly urls: () => string[],
  ) {}

  async start(): Promise<void> {
    await this.connect();
  }

  private connect(): Promise<void> {
    const [url] = this.urls();
    if (!url || this.stopped) return Promise.resolve();
    const query = this.last ? `?after=${encodeURIComponent(this.last)}` : '';
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/api/events${query}`, {
      headers: { cookie: this.cookie },
    });
    this.socket = socket;
    return new Promise((resolve) => {
      socket.on('message', (data) => {
        const message = JSON.parse(String(data)) as LiveMessage & { eventId?: string; id?: string };
        if (message.type === 'ready') {
          this.last ??= message.eventId;
          resolve();
        } else if (message.type.includes('.') && message.eventId) {
          this.received.push({
            eventId: message.eventId,
            type: message.type,
            id: message.id,
            at: Date.now(),
          });
          this.last = message.eventId;
        }
      });
      const again = () => {
        if (this.stopped || this.socket !== socket) return;
        this.socket = null;
        this.reconnects += 1;
        setTimeout(() => void this.connect().then(resolve), 250);
      };
      socket.on('close', again);
      socket.on('error', () => socket.terminate());
    });
  }

  stop(): void {
    this.stopped = true;
    this.socket?.close();
  }
}

export async function runFailoverTrials(options: FailoverOptions): Promise<FailoverReport> {
  const log = options.log ?? (() => undefined);
  const env = {
    CONCORD_DEMO_PASSWORD: TRIAL_PASSWORD,
    LOG_LEVEL: 'error',
    DATABASE_URL: options.databaseUrl,
  };
  const target = { kind: 'postgres', url: options.databaseUrl } as const;
  const failures: string[] = [];
  const phases: FailoverReport['phases'] = [];
  const servers: ServerProcess[] = [];
  const listeners: Listener[] = [];
  const live = () => servers.filter((server) => server.child.exitCode === null).map((server) => server.url);
  let turn = 0;
  // Each call goes to the next instance still up, as a load balancer would send it.
  const { call, cookieOf, signIn } = officers(() => {
    const urls = live();
    turn += 1;
    return urls[turn % urls.length] ?? '';
  });
  const submitted = new Map<string, number>(); // request id → when acknowledged
  let messages = 0;
  let postgresDownMs: number | null = null;
  let backAt = 0;
  let deadlinesDue: string[] = [];

  try {
    // The first instance makes the schema and the demo; the second joins it.
    servers.push(await startServerProcess(env));
    servers.push(await startServerProcess(env));
    await signIn(USERS);
    const districtId = await hebron(call);
    const opened = await call('coord.duty', 'POST', '/api/channels', {
      kind: 'standing',
      name: 'Failover trials',
    });
    const channelId = ((await opened.json()) as { id: string }).id;
    for (const [i, server] of servers.entries()) {
      const listener = new Listener(`PASF on instance ${i === 0 ? 'A' : 'B'}`, cookieOf('pasf.hebron'), () =>
        [...new Set([server.url, ...live()]).values()].filter((url) => live().includes(url)),
      );
      await listener.start();
      listeners.push(listener);
    }

    /** Officers write for `seconds` while `disrupt` runs. */
    const phase = async (
      name: string,
      seconds: number,
      disrupt: () => Promise<void> = async () => undefined,
    ) => {
      let stop = false;
      let acknowledged = 0;
      const refused: Record<string, number> = {};
      const refuse = (status: number) => {
        refused[status] = (refused[status] ?? 0) + 1;
      };
      const started = Date.now();
      const writers = [
        writer(
          () => stop,
          async (n) => {
            const response = await call('isf.hebron', 'POST', '/api/requests', {
              type: 'safe-return',
              districtId,
              fields: { who: `${name} ${n}`, description: 'A white car', lastKnownLocation: 'Bab al-Zawiya' },
            });
            if (response.status === 201) {
              submitted.set(((await response.json()) as { id: string }).id, Date.now());
              acknowledged += 1;
            } else {
              refuse(response.status);
              await response.body?.cancel();
            }
          },
        ),
        writer(
          () => stop,
          async (n) => {
            const response = await call('coord.duty', 'POST', `/api/channels/${channelId}/messages`, {
              body: `${name} ${n}`,
              idempotencyKey: randomUUID(),
            });
            if (response.status === 201) {
              messages += 1;
              acknowledged += 1;
            } else refuse(response.status);
            await response.body?.cancel();
          },
        ),
      ];
      await disrupt();
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
      stop = true;
      const unanswered = (await Promise.all(writers)).reduce((sum, count) => sum + count, 0);
      phases.push({ name, seconds: (Date.now() - started) / 1000, acknowledged, refused, unanswered });
      log(
        `${name}: ${acknowledged} writes acknowledged, refused ${JSON.stringify(refused)}, ${unanswered} unanswered`,
      );
    };

    const seconds = options.phaseSeconds ?? 10;
    await phase('steady', seconds / 2);
    await phase('LISTEN connections ended', seconds, async () => {
      await withDatabase(target, async (db) => {
        const ended = await sql<{ pid: number }>`
          select pg_terminate_backend(pid) as pid from pg_stat_activity
          where datname = current_database() and application_name = 'concord-events'`.execute(db);
        log(`ended ${ended.rows.length} LISTEN connections`);
        if (ended.rows.length < 2)
          failures.push(`expected a LISTEN connection per instance, found ${ended.rows.length}`);
      });
    });
    if (options.restartPostgres) {
      await phase('PostgreSQL restarted', seconds * 2.5, async () => {
        const cluster = postgresCluster();
        // Deadlines that fall due while the database is down.
        deadlinesDue = await withDatabase(target, (db) =>
          moveDeadlines(db, DEADLINES_DUE_IN_OUTAGE, new Date(Date.now() + 1500)),
        );
        const down = Date.now();
        execFileSync('pg_ctlcluster', [
          '--skip-systemctl-redirect',
          cluster.version,
          cluster.name,
          'stop',
          '-m',
          'fast',
        ]);
        await new Promise((resolve) => setTimeout(resolve, 4000));
        execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', cluster.version, cluster.name, 'start']);
        backAt = Date.now();
        postgresDownMs = backAt - down;
        log(
          `PostgreSQL was down for ${postgresDownMs} ms; ${deadlinesDue.length} deadlines fell due meanwhile`,
        );
      });
      for (const server of servers)
        if (server.child.exitCode !== null)
          failures.push(`an instance died while PostgreSQL was down:\n${server.output().slice(-2000)}`);
    }
    await phase('instance A stopped', seconds, async () => {
      await servers[0]?.stop('SIGTERM');
    });

    // Settle: every acknowledged submission reaches every listener within the limit.
    const settleUntil = Date.now() + DELIVERY_LIMIT_MS;
    const everyone = () =>
      listeners.every((listener) => {
        const ids = new Set(listener.received.map((event) => event.id));
        return [...submitted.keys()].every((id) => ids.has(id));
      });
    while (!everyone() && Date.now() < settleUntil) await new Promise((resolve) => setTimeout(resolve, 200));
    for (const listener of listeners) listener.stop();

    const cursors = await withDatabase(
      target,
      async (db) => new EventCursors(await deploymentSecret(db, 'event-cursors')),
    );
    for (const listener of listeners) {
      const seen = new Set<string>();
      let position = 0;
      for (const event of listener.received) {
        if (seen.has(event.eventId))
          failures.push(`${listener.name}: event ${event.eventId} (${event.type}) twice`);
        seen.add(event.eventId);
        const at = cursors.position(event.eventId) ?? -1;
        if (at <= position) failures.push(`${listener.name}: event at ${at} came after ${position}`);
        position = Math.max(position, at);
      }
      const announced = new Map<string, number[]>();
      for (const event of listener.received)
        if (event.type === 'request.submitted' && event.id)
          announced.set(event.id, [...(announced.get(event.id) ?? []), event.at]);
      for (const [id, acknowledgedAt] of submitted) {
        const times = announced.get(id) ?? [];
        if (times.length !== 1)
          failures.push(`${listener.name}: request ${id} announced ${times.length} times`);
        const from = Math.max(acknowledgedAt, backAt);
        if (times[0] !== undefined && times[0] - from > DELIVERY_LIMIT_MS)
          failures.push(`${listener.name}: request ${id} announced ${times[0] - from} ms after its write`);
      }
    }

    const findings = await withDatabase(target, (db) => deadlineFindings(db, deadlinesDue));
    for (const id of findings.unfired)
      failures.push(`deadline ${id}, due while PostgreSQL was down, never fired`);
    failures.push(...findings.mismatched);
    const verified = await auditVerify(env);
    if (!verified.ok) failures.push(`audit verify failed: ${verified.output}`);

    return {
      phases,
      acknowledged: { requests: submitted.size, messages },
      listeners: listeners.map((listener) => ({
        name: listener.name,
        events: listener.received.length,
        reconnects: listener.reconnects,
        slowestMs: slowest(listener, submitted, backAt),
      })),
      postgresDownMs,
      deadlinesDueInOutage: deadlinesDue.length - findings.unfired.length,
      failures,
    };
  } finally {
    for (const listener of listeners) listener.stop();
    for (const server of servers) if (server.child.exitCode === null) await server.stop('SIGKILL');
  }
}

/** The longest a submission took to reach the listener: from its write, or from PostgreSQL's return. */
function slowest(listener: Listener, submitted: Map<string, number>, backAt: number): number {
  let worst = 0;
  for (const event of listener.received) {
    const acknowledgedAt =
      event.type === 'request.submitted' && event.id ? submitted.get(event.id) : undefined;
    if (acknowledgedAt !== undefined) worst = Math.max(worst, event.at - Math.max(acknowledgedAt, backAt));
  }
  return worst;
}

/** The machine's PostgreSQL cluster (Debian's pg_ctlcluster layout). */
function postgresCluster(): { version: string; name: string } {
  const [version] = readdirSync('/etc/postgresql');
  if (!version) throw new Error('No PostgreSQL cluster under /etc/postgresql to restart.');
  return { version, name: 'main' };
}
