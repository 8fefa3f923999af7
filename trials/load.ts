import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { type ServerProcess, startServerProcess } from '../test/support/server-process';
import { TRIAL_PASSWORD } from './support';

/**
 * The load trial: ten times the demo's peak for `minutes`. Hundreds of
 * officers of both parties, each with several live connections (1,000 in
 * all), behind one reverse proxy (each officer from their own address, by
 * X-Forwarded-For). ISF's desks submit safe returns at a steady rate, PASF's
 * acknowledge them, the coordinator posts in a crisis room, and everyone
 * refreshes their inbox, bell and profile. Arrivals are open-loop: a slow
 * server does not slow the officers down.
 *
 * Floors (issue 14): 5xx and failed calls at most 0.025 % of all calls, an
 * average answer within 100 ms, and memory flat (the server's resident memory
 * in the last quarter of the run at most 1.25 times its peak in the second).
 */

export interface LoadOptions {
  /** PostgreSQL (a fresh database); the embedded database in a new data directory without it. */
  databaseUrl?: string;
  minutes: number;
  officers: number;
  sockets: number;
  submissionsPerSecond: number;
  log?: (line: string) => void;
}

export interface LoadReport {
  minutes: number;
  officers: number;
  sockets: number;
  calls: number;
  failedCalls: number;
  failedShare: number;
  averageMs: number;
  p50Ms: number;
  p99Ms: number;
  byRoute: Record<string, { calls: number; failed: number; averageMs: number; p99Ms: number }>;
  shed: number;
  submitted: number;
  deliveries: number;
  deliveryP50Ms: number;
  deliveryP99Ms: number;
  memoryMb: { start: number; secondQuarterPeak: number; lastQuarterPeak: number; end: number };
  failures: string[];
}

const OFFICER_PASSWORD = 'load-trial-officer-passphrase-2026';
const MAX_IN_FLIGHT = 400;

interface Officer {
  username: string;
  party: 'ISF' | 'PASF';
  address: string;
  cookie: string;
}

export async function runLoadTrial(options: LoadOptions): Promise<LoadReport> {
  const log = options.log ?? (() => undefined);
  const env: Record<string, string> = {
    CONCORD_DEMO_PASSWORD: TRIAL_PASSWORD,
    CONCORD_TRUST_PROXY: 'true',
    LOG_LEVEL: 'error',
    ...(options.databaseUrl
      ? { DATABASE_URL: options.databaseUrl }
      : { CONCORD_DATA_DIR: mkdtempSync(join(tmpdir(), 'concord-load-')) }),
  };
  const server = await startServerProcess(env);
  const sockets: WebSocket[] = [];
  const failures: string[] = [];
  try {
    const base = server.url;
    const timings = new Map<string, number[]>();
    const failed = new Map<string, number>();
    let inFlight = 0;
    let shed = 0;
    const call = async (
      who: { cookie: string; address: string },
      route: string,
      method: string,
      path: string,
      body?: unknown,
    ) => {
      const started = performance.now();
      try {
        const response = await fetch(`${base}${path}`, {
          method,
          headers: {
            cookie: who.cookie,
            origin: base,
            'x-forwarded-for': who.address,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        const text = await response.text();
        if (response.status >= 500) {
          failed.set(route, (failed.get(route) ?? 0) + 1);
          if ((failed.get(route) ?? 0) <= 3) log(`${route}: ${response.status} ${text.slice(0, 200)}`);
        }
        return { status: response.status, json: () => JSON.parse(text) };
      } catch (error) {
        failed.set(route, (failed.get(route) ?? 0) + 1);
        if ((failed.get(route) ?? 0) <= 3) log(`${route}: ${(error as Error).message}`);
        return { status: 0, json: () => ({}) };
      } finally {
        const list = timings.get(route) ?? [];
        list.push(performance.now() - started);
        timings.set(route, list);
      }
    };

    // The office: the demo's administrator makes the officers, each at their party's Hebron desk.
    const admin = { cookie: await signIn(base, 'admin', TRIAL_PASSWORD, '10.0.0.1'), address: '10.0.0.1' };
    const desks = (await call(admin, 'setup', 'GET', '/api/directory/desks')).json() as {
      id: string;
      code: string;
    }[];
    const deskOf = (party: string) => desks.find((desk) => desk.code === `${party}-HEBRON`)?.id;
    const officers: Officer[] = [];
    for (let i = 0; i < options.officers; i += 1) {
      const party = i % 2 === 0 ? 'ISF' : 'PASF';
      const username = `load.${party.toLowerCase()}.${i}`;
      const desk = deskOf(party);
      const made = await call(admin, 'setup', 'POST', '/api/directory/users', {
        username,
        displayName: `Load officer ${i}`,
        password: OFFICER_PASSWORD,
        roles: ['officer', 'duty-officer'],
        nationality: party === 'ISF' ? 'ISR' : 'PSE',
        clearance: 'C',
        partyCode: party,
        ...(desk ? { deskIds: [desk] } : {}),
      });
      if (made.status !== 201)
        throw new Error(`making ${username}: ${made.status} ${JSON.stringify(made.json())}`);
      const address = `10.${1 + Math.floor(i / 250)}.${i % 250}.${party === 'ISF' ? 1 : 2}`;
      officers.push({
        username,
        party,
        address,
        cookie: await signIn(base, username, OFFICER_PASSWORD, address),
      });
    }
    const coordinator = {
      cookie: await signIn(base, 'coord.duty', TRIAL_PASSWORD, '10.0.0.2'),
      address: '10.0.0.2',
    };
    const isf = officers.filter((officer) => officer.party === 'ISF');
    const pasf = officers.filter((officer) => officer.party === 'PASF');
    const districts = (await call(admin, 'setup', 'GET', '/api/directory/districts')).json() as {
      id: string;
      code: string;
    }[];
    const districtId = districts.find((district) => district.code === 'HEBRON')?.id;
    const me = async (officer: Officer) =>
      (await call(officer, 'setup', 'GET', '/api/me')).json().user.id as string;
    const room = await call(coordinator, 'setup', 'POST', '/api/channels', {
      kind: 'crisis',
      name: 'Hebron under load',
      memberIds: await Promise.all([...isf.slice(0, 10), ...pasf.slice(0, 10)].map(me)),
    });
    const roomId = room.json().id as string;
    log(`${officers.length} officers signed in`);

    // 1,000 live connections, several per officer (desks, tabs, phones).
    // A submission's event can reach a socket before its own 201 reaches the officer: arrivals wait for their send time.
    const sentAt = new Map<string, number>();
    const early = new Map<string, number[]>();
    const deliveries: number[] = [];
    let opened = 0;
    for (let i = 0; i < options.sockets; i += 1) {
      const officer = officers[i % officers.length] as Officer;
      const socket = new WebSocket(`${base.replace(/^http/, 'ws')}/api/events`, {
        headers: { cookie: officer.cookie, 'x-forwarded-for': officer.address },
      });
      socket.on('message', (data) => {
        const message = JSON.parse(String(data)) as { type: string; id?: string };
        if (message.type !== 'request.submitted' || !message.id) return;
        const at = sentAt.get(message.id);
        if (at !== undefined) deliveries.push(Date.now() - at);
        else early.set(message.id, [...(early.get(message.id) ?? []), Date.now()]);
      });
      await new Promise<void>((resolve, reject) => {
        socket.once('open', () => {
          opened += 1;
          resolve();
        });
        socket.once('error', reject);
      });
      sockets.push(socket);
    }
    const closedEarly = () => sockets.filter((socket) => socket.readyState !== WebSocket.OPEN).length;
    log(`${opened} live connections open`);

    // Memory, sampled from the server's own process.
    const memory: { at: number; mb: number }[] = [];
    const sample = () => memory.push({ at: Date.now(), mb: residentMb(server) });
    sample();

    const received: string[] = [];
    const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)] as T;
    const rate = options.submissionsPerSecond;
    // Per second: [what, how many times].
    const mix: [string, number, () => Promise<void>][] = [
      [
        'POST /api/requests',
        rate,
        async () => {
          const sent = Date.now();
          const response = await call(pick(isf), 'POST /api/requests', 'POST', '/api/requests', {
            type: 'safe-return',
            districtId,
            fields: {
              who: `Load ${randomUUID()}`,
              description: 'A white car',
              lastKnownLocation: 'Bab al-Zawiya',
            },
          });
          if (response.status === 201) {
            const id = response.json().id as string;
            sentAt.set(id, sent);
            for (const at of early.get(id) ?? []) deliveries.push(at - sent);
            early.delete(id);
            received.push(id);
          }
        },
      ],
      [
        'POST /api/requests/{id}/transitions',
        rate / 2,
        async () => {
          const id = received.shift();
          if (!id) return;
          await call(
            pick(pasf),
            'POST /api/requests/{id}/transitions',
            'POST',
            `/api/requests/${id}/transitions`,
            {
              action: 'acknowledge',
            },
          );
        },
      ],
      [
        'POST /api/channels/{id}/messages',
        rate / 4,
        async () => {
          await call(
            coordinator,
            'POST /api/channels/{id}/messages',
            'POST',
            `/api/channels/${roomId}/messages`,
            {
              body: `Update ${randomUUID().slice(0, 8)}`,
              idempotencyKey: randomUUID(),
            },
          );
        },
      ],
      [
        'GET /api/requests',
        rate,
        async () => {
          await call(pick(officers), 'GET /api/requests', 'GET', '/api/requests?box=received&limit=50');
        },
      ],
      [
        'GET /api/notifications',
        rate / 2,
        async () => {
          await call(pick(officers), 'GET /api/notifications', 'GET', '/api/notifications');
        },
      ],
      [
        'GET /api/me',
        rate / 2,
        async () => {
          await call(pick(officers), 'GET /api/me', 'GET', '/api/me');
        },
      ],
    ];

    const endAt = Date.now() + options.minutes * 60_000;
    const started = Date.now();
    const timers = mix.map(([, perSecond, work]) =>
      setInterval(() => {
        if (inFlight >= MAX_IN_FLIGHT) {
          shed += 1;
          return;
        }
        inFlight += 1;
        void work().finally(() => {
          inFlight -= 1;
        });
      }, 1000 / perSecond),
    );
    const sampler = setInterval(sample, 5_000);
    const progress = setInterval(() => {
      const calls = [...timings.values()].reduce((sum, list) => sum + list.length, 0);
      log(
        `${Math.round((Date.now() - started) / 1000)} s: ${calls} calls, ${[...failed.values()].reduce((a, b) => a + b, 0)} failed, ${residentMb(server)} MB, ${closedEarly()} sockets closed`,
      );
    }, 60_000);
    await new Promise((resolve) => setTimeout(resolve, endAt - Date.now()));
    for (const timer of [...timers, sampler, progress]) clearInterval(timer);
    while (inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 50));
    sample();

    const all = [...timings.entries()]
      .filter(([route]) => route !== 'setup')
      .flatMap(([, list]) => list)
      .sort((a, b) => a - b);
    const calls = all.length;
    const failedCalls = [...failed.entries()]
      .filter(([route]) => route !== 'setup')
      .reduce((a, [, n]) => a + n, 0);
    const averageMs = all.reduce((sum, ms) => sum + ms, 0) / Math.max(calls, 1);
    const quarter = (q: number) =>
      Math.max(
        0,
        ...memory
          .filter((point) => {
            const share = (point.at - started) / (endAt - started);
            return share >= q / 4 && share < (q + 1) / 4 + 0.001;
          })
          .map((point) => point.mb),
      );
    const memoryMb = {
      start: memory[0]?.mb ?? 0,
      secondQuarterPeak: quarter(1),
      lastQuarterPeak: quarter(3),
      end: memory.at(-1)?.mb ?? 0,
    };
    const failedShare = failedCalls / Math.max(calls, 1);
    if (failedShare > 0.00025)
      failures.push(`${failedCalls} of ${calls} calls failed (${(failedShare * 100).toFixed(3)} %)`);
    if (averageMs > 100) failures.push(`the average answer took ${averageMs.toFixed(1)} ms`);
    if (memoryMb.lastQuarterPeak > memoryMb.secondQuarterPeak * 1.25)
      failures.push(`memory grew from ${memoryMb.secondQuarterPeak} MB to ${memoryMb.lastQuarterPeak} MB`);
    if (closedEarly() > 0) failures.push(`${closedEarly()} live connections closed during the run`);
    const sortedDeliveries = [...deliveries].sort((a, b) => a - b);
    return {
      minutes: options.minutes,
      officers: officers.length,
      sockets: opened,
      calls,
      failedCalls,
      failedShare,
      averageMs: round(averageMs),
      p50Ms: round(percentile(all, 0.5)),
      p99Ms: round(percentile(all, 0.99)),
      byRoute: Object.fromEntries(
        [...timings.entries()]
          .filter(([route]) => route !== 'setup')
          .map(([route, list]) => {
            const sorted = [...list].sort((a, b) => a - b);
            return [
              route,
              {
                calls: list.length,
                failed: failed.get(route) ?? 0,
                averageMs: round(list.reduce((a, b) => a + b, 0) / list.length),
                p99Ms: round(percentile(sorted, 0.99)),
              },
            ];
          }),
      ),
      shed,
      submitted: sentAt.size,
      deliveries: deliveries.length,
      deliveryP50Ms: percentile(sortedDeliveries, 0.5),
      deliveryP99Ms: percentile(sortedDeliveries, 0.99),
      memoryMb,
      failures,
    };
  } finally {
    for (const socket of sockets) socket.terminate();
    await server.stop('SIGTERM');
  }
}

async function signIn(base: string, username: string, password: string, address: string): Promise<string> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200)
    throw new Error(`sign-in of ${username}: ${response.status} ${await response.text()}`);
  return (response.headers.get('set-cookie') ?? '').split(';')[0] as string;
}

/** The server process's resident memory, in MB (Linux). */
function residentMb(server: ServerProcess): number {
  try {
    const status = readFileSync(`/proc/${server.child.pid}/status`, 'utf8');
    return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
  } catch {
    return 0;
  }
}

const percentile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
const round = (ms: number) => Math.round(ms * 10) / 10;
