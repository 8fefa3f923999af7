import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LiveClient } from '../test/support/live-client';
import { type ServerProcess, startServerProcess } from '../test/support/server-process';
import {
  auditVerify,
  type Call,
  deadlineFindings,
  hebron,
  moveDeadlines,
  officers,
  TRIAL_PASSWORD,
  withDatabase,
  writer,
} from './support';

/**
 * Crash trials: officers write (ISF submits requests, PASF acknowledges them,
 * the coordinator posts in a channel and releases a report to each party)
 * while the server is killed with SIGKILL at a random moment, then started
 * again. While it is down, some pending request deadlines are moved into the
 * past, as if they fell due during the outage. After each kill:
 * - the audit chain verifies (`concord audit verify`);
 * - every write a client was told succeeded is there, exactly once (a request
 *   once by its text, a message once by its idempotency key, an
 *   acknowledgement once in the request's history, a release by its id);
 * - PASF's live connection, resumed with `?after=`, has received every
 *   submitted request it was told of, and no event twice;
 * - every deadline that was due when the server last started has fired, and
 *   each fired deadline left exactly one mark in its request's history.
 * On PostgreSQL (`databaseUrl`) or on the embedded database in a data directory.
 */

const USERS = ['isf.hebron', 'pasf.hebron', 'coord.duty', 'ussc.chief'] as const;
/** Deadlines moved into the past while the server is down, before each start. */
const DEADLINES_MOVED_PER_TRIAL = 8;

export interface CrashTrialOptions {
  trials: number;
  /** A fresh PostgreSQL database; the embedded database in a new data directory without it. */
  databaseUrl?: string;
  log?: (line: string) => void;
}

export interface CrashTrialReport {
  trials: number;
  acknowledged: { requests: number; acknowledgements: number; messages: number; releases: number };
  /** Deadlines that fell due while the server was down, and fired after it started. */
  deadlinesFired: number;
  unacknowledged: number;
  eventsDelivered: number;
  restartMs: { median: number; max: number };
  failures: string[];
}

interface Ledger {
  requests: Map<string, string>; // who → id, acknowledged
  attempted: Set<string>; // who, sent (answered or not)
  acknowledgements: Set<string>; // request ids PASF was told it acknowledged
  messages: Map<string, number>; // idempotency key → seq
  releases: Set<string>; // release ids the coordinator was told were made
  /** Deadlines moved into the past before the server's next start, which must fire before it answers. */
  dueAtStart: Set<string>;
  deadlinesFired: number;
  unacknowledged: number;
  /** What has been checked after a restart already: a write that survived one kill is not checked again. */
  checked: Set<string>;
}

export async function runCrashTrials(options: CrashTrialOptions): Promise<CrashTrialReport> {
  const log = options.log ?? (() => undefined);
  const env: Record<string, string> = {
    CONCORD_DEMO_PASSWORD: TRIAL_PASSWORD,
    LOG_LEVEL: 'error',
    ...(options.databaseUrl
      ? { DATABASE_URL: options.databaseUrl }
      : { CONCORD_DATA_DIR: mkdtempSync(join(tmpdir(), 'concord-crash-')) }),
  };
  const ledger: Ledger = {
    requests: new Map(),
    attempted: new Set(),
    acknowledgements: new Set(),
    messages: new Map(),
    releases: new Set(),
    dueAtStart: new Set(),
    deadlinesFired: 0,
    unacknowledged: 0,
    checked: new Set(),
  };
  const failures: string[] = [];
  const restarts: number[] = [];
  const seenEvents = new Set<string>();
  const announced = new Set<string>();
  let lastEventId: string | undefined;
  let channelId = '';
  let reportId = '';
  const target = options.databaseUrl
    ? ({ kind: 'postgres', url: options.databaseUrl } as const)
    : ({ kind: 'pglite', dataDir: env.CONCORD_DATA_DIR as string } as const);
  let server: ServerProcess | null = null;
  const { call, cookieOf, signIn } = officers(() => server?.url ?? '');

  try {
    for (let trial = 1; trial <= options.trials; trial += 1) {
      const reported = failures.length;
      const started = Date.now();
      server = await startServerProcess(env);
      restarts.push(Date.now() - started);
      if (trial === 1) await signIn(USERS);
      if (!channelId) channelId = await openChannel(call);
      if (!reportId) reportId = await approvedReport(call);
      const districtId = await hebron(call);

      // PASF listens, resuming where its last connection stopped.
      const {
        client: live,
        replayed,
        ready,
      } = await LiveClient.connect(server.url, { cookie: cookieOf('pasf.hebron') }, lastEventId);
      const take = (messages: unknown[]) => {
        for (const message of messages as { type: string; eventId?: string; id?: string }[]) {
          if (!message.type.includes('.') || message.eventId === undefined) continue;
          if (seenEvents.has(message.eventId))
            failures.push(`trial ${trial}: event ${message.eventId} delivered twice`);
          seenEvents.add(message.eventId);
          // Events arrive in log order: the last one received is where to resume.
          lastEventId = message.eventId;
          if (message.type === 'request.submitted' && message.id) announced.add(message.id);
        }
      };
      take(replayed);
      lastEventId = ready;

      // Every submission acknowledged before this trial began was announced to PASF by now.
      for (const id of ledger.requests.values())
        if (!announced.has(id)) failures.push(`trial ${trial}: request ${id} was never announced to PASF`);
      await verifyLedger(call, ledger, channelId, failures, trial);

      // Write until killed.
      const killAt = 300 + Math.floor(Math.random() * 1200);
      let killed = false;
      const writers = [
        writer(
          () => killed,
          async (n) => {
            const who = `trial ${trial} request ${n} ${randomUUID()}`;
            ledger.attempted.add(who);
            const response = await call('isf.hebron', 'POST', '/api/requests', {
              type: 'safe-return',
              districtId,
              fields: { who, description: 'A white car', lastKnownLocation: 'Bab al-Zawiya' },
            });
            if (response.status === 201) ledger.requests.set(who, (await response.json()).id);
          },
        ),
        writer(
          () => killed,
          async () => {
            const received = [...ledger.requests.values()].filter((id) => !ledger.acknowledgements.has(id));
            const id = received[Math.floor(Math.random() * received.length)];
            if (!id) return;
            const response = await call('pasf.hebron', 'POST', `/api/requests/${id}/transitions`, {
              action: 'acknowledge',
            });
            if (response.status === 200) ledger.acknowledgements.add(id);
          },
        ),
        writer(
          () => killed,
          async (n) => {
            const response = await call('coord.duty', 'POST', `/api/reports/${reportId}/releases`, {
              toParty: n % 2 ? 'ISF' : 'PASF',
              note: `trial ${trial} release ${n}`,
            });
            if (response.status === 201) ledger.releases.add((await response.json()).id);
          },
        ),
        writer(
          () => killed,
          async (n) => {
            const key = randomUUID();
            const response = await call('coord.duty', 'POST', `/api/channels/${channelId}/messages`, {
              body: `trial ${trial} message ${n}`,
              idempotencyKey: key,
            });
            if (response.status === 201) ledger.messages.set(key, (await response.json()).seq);
          },
        ),
      ];
      await new Promise((resolve) => setTimeout(resolve, killAt));
      killed = true;
      await server.stop('SIGKILL');
      server = null;
      const lost = (await Promise.all(writers)).reduce((sum, count) => sum + count, 0);
      ledger.unacknowledged += lost;
      take(live.drain());
      live.close();

      const verified = await auditVerify(env);
      if (!verified.ok) failures.push(`trial ${trial}: audit verify failed: ${verified.output}`);
      // The embedded database is open to the trial only while the server is down.
      await withDatabase(target, async (db) => {
        checkDeadlines(await deadlineFindings(db, [...ledger.dueAtStart]), ledger, failures, trial);
        ledger.dueAtStart = new Set(
          await moveDeadlines(db, DEADLINES_MOVED_PER_TRIAL, new Date(Date.now() - 1000)),
        );
      });
      log(
        `trial ${trial}: killed after ${killAt} ms; ${ledger.requests.size} requests, ${ledger.acknowledgements.size} acknowledgements, ${ledger.messages.size} messages, ${ledger.releases.size} releases acknowledged, ${ledger.deadlinesFired} overdue deadlines fired so far; ${failures.length} failures`,
      );
      for (const failure of failures.slice(reported)) log(`  ${failure}`);
    }
    // One last start: what the last kill interrupted is checked too.
    server = await startServerProcess(env);
    const { replayed } = await LiveClient.connect(
      server.url,
      { cookie: cookieOf('pasf.hebron') },
      lastEventId,
    );
    for (const message of replayed as { type: string; id?: string }[])
      if (message.type === 'request.submitted' && message.id) announced.add(message.id);
    for (const id of ledger.requests.values())
      if (!announced.has(id))
        failures.push(`after the last trial: request ${id} was never announced to PASF`);
    await verifyLedger(call, ledger, channelId, failures, options.trials + 1);
    await server.stop('SIGTERM');
    server = null;
    await withDatabase(target, async (db) =>
      checkDeadlines(
        await deadlineFindings(db, [...ledger.dueAtStart]),
        ledger,
        failures,
        options.trials + 1,
      ),
    );
  } finally {
    await server?.stop('SIGKILL');
  }
  const sorted = [...restarts].sort((a, b) => a - b);
  return {
    trials: options.trials,
    acknowledged: {
      requests: ledger.requests.size,
      acknowledgements: ledger.acknowledgements.size,
      messages: ledger.messages.size,
      releases: ledger.releases.size,
    },
    deadlinesFired: ledger.deadlinesFired,
    unacknowledged: ledger.unacknowledged,
    eventsDelivered: seenEvents.size,
    restartMs: { median: sorted[Math.floor(sorted.length / 2)] ?? 0, max: sorted.at(-1) ?? 0 },
    failures,
  };
}

/** Deadlines due at the last start have fired (none lost), and each fired once (one mark in history). */
function checkDeadlines(
  findings: Awaited<ReturnType<typeof deadlineFindings>>,
  ledger: Ledger,
  failures: string[],
  trial: number,
) {
  for (const id of findings.unfired)
    failures.push(`trial ${trial}: deadline ${id}, due at the start, never fired`);
  ledger.deadlinesFired += ledger.dueAtStart.size - findings.unfired.length;
  for (const line of findings.mismatched) failures.push(`trial ${trial}: ${line}`);
}

/** What the clients were told succeeded is there, once. */
async function verifyLedger(
  call: Call,
  ledger: Ledger,
  channelId: string,
  failures: string[],
  trial: number,
) {
  // Distinct ids per text: the list is paged by offset and reorders as deadlines fire meanwhile, so a
  // request may show on two pages (the same id, counted once) or on none (then asked for by its id).
  const ids = new Map<string, Set<string>>();
  for (let cursor: string | null = ''; cursor !== null; ) {
    const page = (await (
      await call('isf.hebron', 'GET', `/api/requests?box=sent&limit=200${cursor ? `&cursor=${cursor}` : ''}`)
    ).json()) as { items: { id: string; summary: string }[]; next: string | null };
    for (const item of page.items) ids.set(item.summary, (ids.get(item.summary) ?? new Set()).add(item.id));
    cursor = page.next;
  }
  const fresh = (key: string) => !ledger.checked.has(key) && ledger.checked.add(key);
  for (const who of ledger.attempted) {
    if (!fresh(`request ${who}`)) continue;
    const count = ids.get(who)?.size ?? 0;
    const id = ledger.requests.get(who);
    if (id && count === 0 && (await call('isf.hebron', 'GET', `/api/requests/${id}`)).status !== 200)
      failures.push(`trial ${trial}: acknowledged request "${who}" is gone`);
    if (count > 1) failures.push(`trial ${trial}: request "${who}" was stored ${count} times`);
  }
  for (const id of ledger.acknowledgements) {
    if (!fresh(`acknowledgement ${id}`)) continue;
    const request = (await (await call('pasf.hebron', 'GET', `/api/requests/${id}`)).json()) as {
      timeline: { action: string }[];
    };
    const times = request.timeline.filter((entry) => entry.action === 'acknowledge').length;
    if (times !== 1)
      failures.push(`trial ${trial}: request ${id} acknowledged ${times} times in its history`);
  }
  for (const id of ledger.releases) {
    if (!fresh(`release ${id}`)) continue;
    const release = await call('coord.duty', 'GET', `/api/releases/${id}`);
    if (release.status !== 200) failures.push(`trial ${trial}: acknowledged release ${id} is gone`);
  }
  for (const [key, seq] of ledger.messages) {
    if (!fresh(`message ${key}`)) continue;
    const again = await call('coord.duty', 'POST', `/api/channels/${channelId}/messages`, {
      body: 'a retry: must not post anything',
      idempotencyKey: key,
    });
    const answer = (await again.json()) as { seq?: number };
    if (again.status !== 200 || answer.seq !== seq)
      failures.push(
        `trial ${trial}: message ${key} (seq ${seq}) answered ${again.status} seq ${answer.seq} on retry`,
      );
  }
}

async function openChannel(call: Call): Promise<string> {
  const response = await call('coord.duty', 'POST', '/api/channels', {
    kind: 'standing',
    name: 'Crash trials',
  });
  if (response.status !== 201)
    throw new Error(`opening the trial channel: ${response.status} ${await response.text()}`);
  return (await response.json()).id;
}

/** A report written, submitted and approved, ready to be released again and again. */
async function approvedReport(call: Call): Promise<string> {
  const created = await call('coord.duty', 'POST', '/api/reports', {
    title: 'Crash trials: a report to release',
    paragraphs: [{ text: 'Released to each party, again and again.', marking: { classification: '(U)' } }],
  });
  const { id } = (await created.json()) as { id: string };
  for (const [user, step] of [
    ['coord.duty', 'submit'],
    ['ussc.chief', 'approve'],
  ] as const) {
    const response = await call(user, 'POST', `/api/reports/${id}/${step}`, {});
    if (response.status !== 200) throw new Error(`${step} of the trial report: ${response.status}`);
  }
  return id;
}
