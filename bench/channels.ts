import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { sql } from 'kysely';
import { WebSocket } from 'ws';
import { createTestApp } from '../test/support/test-app';
import { createTestDatabase } from '../test/support/test-database';

type Report = (name: string, value: string) => void;

const CLIENTS = Number(process.env.BENCH_CHANNEL_CLIENTS ?? 500);
const MESSAGES = 50;
const NOTIFY_ROUNDS = 200;
const MEMBERS = ['isf.hebron', 'pasf.hebron', 'coord.gbr', 'isf.supervisor', 'pasf.supervisor'];

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[
    Math.min(values.length - 1, Math.floor((p / 100) * values.length))
  ] as number;
const ms = (value: number) => `${value.toFixed(1)} ms`;
const pair = (values: number[]) => `${ms(percentile(values, 50))} / ${ms(percentile(values, 99))}`;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const settledMemory = async () => {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const usage = process.memoryUsage();
  return { rss: usage.rss, heap: usage.heapUsed + usage.external };
};

/** A bare WebSocket client of /api/events: records when each message.created of the channel arrives. */
function openClient(url: string, cookie: string, onCreated: (seq: number) => void): Promise<WebSocket> {
  const socket = new WebSocket(url, { headers: { cookie } });
  return new Promise((resolve, reject) => {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { type: string; seq?: number };
      if (message.type === 'ready') resolve(socket);
      else if (message.type === 'message.created') onCreated(message.seq as number);
    });
    socket.once('error', reject);
  });
}

/**
 * Channels, in process: how long a message posted in a channel takes to reach
 * each of 500 WebSocket clients in it (and the last of them), beside the raw
 * NOTIFY floor (pg_notify to a LISTEN callback on the same engine), and what
 * an idle live connection costs in memory. Uses the demo deployment on the
 * engine `TEST_DATABASE_URL` selects (the caller sets it).
 */
export async function channelsBench(engine: string, report: Report): Promise<void> {
  const t = await createTestApp({ database: await createTestDatabase(), demo: true });
  try {
    // The floor: NOTIFY committed to LISTEN callback, on this engine, measured now.
    const floor: number[] = [];
    let wake: (() => void) | null = null;
    const listening = await t.database.listen('bench_floor', {
      onNotify: () => wake?.(),
      onLost: () => undefined,
    });
    for (let i = 0; i < NOTIFY_ROUNDS; i++) {
      const startedAt = performance.now();
      const heard = new Promise<void>((resolve) => {
        wake = resolve;
      });
      await sql`select pg_notify('bench_floor', ${String(i)})`.execute(t.database.db);
      await heard;
      floor.push(performance.now() - startedAt);
    }
    await listening.close();
    report(`raw NOTIFY → LISTEN floor p50 / p99 (${engine})`, pair(floor));

    const cookies = new Map<string, string>();
    const ids: string[] = [];
    for (const user of ['coord.duty', ...MEMBERS]) {
      cookies.set(user, await t.login(user));
      const me = await t.app.inject({ url: '/api/me', headers: { cookie: cookies.get(user) as string } });
      if (user !== 'coord.duty') ids.push(me.json().user.id);
    }
    const coordinator = cookies.get('coord.duty') as string;
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/channels',
      headers: { cookie: coordinator },
      payload: { kind: 'crisis', name: 'bench', memberIds: ids },
    });
    if (created.statusCode !== 201) throw new Error(`creating the channel answered ${created.body}`);
    const channelId = created.json().id as string;

    const baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const eventsUrl = `${baseUrl.replace(/^http/, 'ws')}/api/events`;
    const before = await settledMemory();
    let current = 0;
    let postedAt = 0;
    let arrived = 0;
    let allArrived: (() => void) | null = null;
    const perClient: number[] = [];
    const sockets: WebSocket[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const cookie = cookies.get(MEMBERS[i % MEMBERS.length] as string) as string;
      sockets.push(
        await openClient(eventsUrl, cookie, (seq) => {
          if (seq !== current) return;
          perClient.push(performance.now() - postedAt);
          arrived += 1;
          if (arrived === CLIENTS) allArrived?.();
        }),
      );
    }
    const after = await settledMemory();
    report(
      `memory per idle live connection, both ends (${engine})`,
      `${((after.rss - before.rss) / CLIENTS / 1024).toFixed(1)} KiB RSS, ${((after.heap - before.heap) / CLIENTS / 1024).toFixed(1)} KiB heap`,
    );

    const toAll: number[] = [];
    const posting: number[] = [];
    for (let i = 1; i <= MESSAGES; i++) {
      // A fresh channel: the i-th message is seq i (checked below); its events may arrive before the answer.
      current = i;
      arrived = 0;
      const done = new Promise<void>((resolve) => {
        allArrived = resolve;
      });
      postedAt = performance.now();
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/channels/${channelId}/messages`,
        headers: { cookie: coordinator },
        payload: { body: `fan-out ${i}`, idempotencyKey: `bench-${i.toString().padStart(6, '0')}` },
      });
      posting.push(performance.now() - postedAt);
      if (response.statusCode !== 201) throw new Error(`posting answered ${response.body}`);
      if (response.json().seq !== i) throw new Error('the bench channel was not fresh');
      await done;
      toAll.push(performance.now() - postedAt);
    }
    for (const socket of sockets) socket.close();
    report(`POST /api/channels/{id}/messages p50 / p99 (${engine})`, pair(posting));
    report(`posted → each of ${CLIENTS} WebSockets p50 / p99 (${engine})`, pair(perClient));
    report(`posted → all ${CLIENTS} WebSockets p50 / p99 (${engine})`, pair(toAll));
    report(
      `fan-out to ${CLIENTS} / NOTIFY floor, p50 ratio (${engine})`,
      (percentile(toAll, 50) / percentile(floor, 50)).toFixed(1),
    );
  } finally {
    await t.close();
  }
}
