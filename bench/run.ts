import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { hashPassword, verifyPassword } from '../src/server/modules/identity/passwords';
import { migrateToLatest, openDatabase } from '../src/server/platform/db/database';
import { startServerProcess } from '../test/support/server-process';
import { createPostgresDatabaseUrl } from '../test/support/test-database';
import { accessAndAudit } from './access-and-audit';
import { channelsBench } from './channels';
import { commitmentsBench } from './commitments';
import { meetingsBench } from './meetings';
import { reciprocityBench } from './reciprocity';
import { requestsBench } from './requests';
import { searchBench } from './search';

/**
 * `npm run bench`: prints figures and ratios for the platform. Asserts nothing
 * about time; compare the figures with the floors measured in the same run.
 */
const PASSWORD = 'bench-password-2026';
const results: [string, string][] = [];
const report = (name: string, value: string) => {
  results.push([name, value]);
  console.log(`${name.padEnd(52)} ${value}`);
};

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
};
const ms = (value: number) => `${value.toFixed(1)} ms`;

async function timeToReady(env: Record<string, string>) {
  const startedAt = performance.now();
  const server = await startServerProcess(env);
  while ((await fetch(`${server.url}/api/ready`).catch(() => null))?.status !== 200) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { server, elapsed: performance.now() - startedAt };
}

async function coldStart(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'concord-bench-'));
  const env = { CONCORD_DATA_DIR: dataDir, CONCORD_DEMO_PASSWORD: PASSWORD };
  const first = await timeToReady(env);
  report('cold start to ready, new PGlite dir (init+demo)', ms(first.elapsed));
  await first.server.stop();
  const again = await timeToReady(env);
  report('start to ready, existing PGlite dir', ms(again.elapsed));
  await again.server.stop();
  const bare = await timeToReady({
    CONCORD_DATA_DIR: mkdtempSync(join(tmpdir(), 'concord-bench-')),
    CONCORD_DEMO: '0',
  });
  report('cold start to ready, new PGlite dir, no demo', ms(bare.elapsed));
  await bare.server.stop();
}

function cannon(url: string, headers: Record<string, string> = {}) {
  return autocannon({ url, connections: 10, duration: 5, headers });
}

async function startBareFastify(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'bare-fastify.ts')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      const match = /listening (\S+)/.exec(String(chunk));
      if (match?.[1]) resolve(match[1]);
    });
  });
  return { url, child };
}

async function throughputAndLogin(engine: string, env: Record<string, string>): Promise<void> {
  const server = await startServerProcess({ ...env, CONCORD_DEMO_PASSWORD: PASSWORD });
  try {
    const login = () =>
      fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'isf.hebron', password: PASSWORD }),
      });
    const latencies: number[] = [];
    let cookie = '';
    for (let i = 0; i < 20; i++) {
      const startedAt = performance.now();
      const response = await login();
      latencies.push(performance.now() - startedAt);
      cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] as string;
    }
    report(
      `POST /api/auth/login latency p50 / p99 (${engine})`,
      `${ms(percentile(latencies, 50))} / ${ms(percentile(latencies, 99))}`,
    );

    const bare = await startBareFastify();
    try {
      const floor = await cannon(`${bare.url}/bare`);
      const me = await cannon(`${server.url}/api/me`, { cookie });
      if (me.non2xx > 0) throw new Error(`/api/me answered ${me.non2xx} non-2xx responses`);
      report('bare Fastify route, requests/s (floor)', floor.requests.average.toFixed(0));
      report(`GET /api/me (session, ${engine}), requests/s`, me.requests.average.toFixed(0));
      report(
        `GET /api/me / bare Fastify ratio (${engine})`,
        (me.requests.average / floor.requests.average).toFixed(3),
      );
      report(`GET /api/me latency p50 / p99 (${engine})`, `${me.latency.p50} ms / ${me.latency.p99} ms`);
    } finally {
      bare.child.kill();
    }
  } finally {
    await server.stop();
  }
}

async function argon2Cost(): Promise<void> {
  const hash = await hashPassword(PASSWORD);
  const durations: number[] = [];
  for (let i = 0; i < 20; i++) {
    const startedAt = performance.now();
    await verifyPassword(hash, PASSWORD);
    durations.push(performance.now() - startedAt);
  }
  report(
    'argon2id verify alone p50 / p99 (n=20)',
    `${ms(percentile(durations, 50))} / ${ms(percentile(durations, 99))}`,
  );
}

// `npm run bench -- search` runs one part; no argument runs them all.
const only = process.argv[2];
const runs = (part: string) => !only || only === part;

console.log(`Concord benchmarks on Node ${process.version}, ${new Date().toISOString()}\n`);
if (runs('platform')) {
  await coldStart();
  await argon2Cost();
  await throughputAndLogin('PGlite', { CONCORD_DATA_DIR: mkdtempSync(join(tmpdir(), 'concord-bench-')) });
  const embedded = await openDatabase({ kind: 'pglite-memory' });
  await migrateToLatest(embedded.db);
  await accessAndAudit('PGlite', embedded, report).finally(() => embedded.close());
}
const postgresForTests = process.env.TEST_DATABASE_URL;
delete process.env.TEST_DATABASE_URL; // the in-process benches pick their engine from this variable
if (runs('requests')) await requestsBench('PGlite', report);
if (runs('search')) await searchBench('PGlite', report);
if (runs('channels')) await channelsBench('PGlite', report);
if (runs('meetings')) await meetingsBench('PGlite', report);
if (runs('commitments')) await commitmentsBench('PGlite', report);
if (runs('reciprocity')) await reciprocityBench('PGlite', report);
if (postgresForTests) process.env.TEST_DATABASE_URL = postgresForTests;
// With a PostgreSQL server at hand (the test suite's), measure the production engine as well.
const postgresServer = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (postgresServer) {
  const database = await createPostgresDatabaseUrl(postgresServer);
  try {
    if (runs('platform')) {
      await throughputAndLogin('PostgreSQL', { DATABASE_URL: database.url });
      const handle = await openDatabase({ kind: 'postgres', url: database.url });
      await migrateToLatest(handle.db);
      await accessAndAudit('PostgreSQL', handle, report).finally(() => handle.close());
    }
    process.env.TEST_DATABASE_URL = postgresServer;
    if (runs('requests')) await requestsBench('PostgreSQL', report);
    if (runs('search')) await searchBench('PostgreSQL', report);
    if (runs('channels')) await channelsBench('PostgreSQL', report);
    if (runs('meetings')) await meetingsBench('PostgreSQL', report);
    if (runs('commitments')) await commitmentsBench('PostgreSQL', report);
    if (runs('reciprocity')) await reciprocityBench('PostgreSQL', report);
  } finally {
    await database.drop();
  }
} else {
  console.log('(set TEST_DATABASE_URL or BENCH_DATABASE_URL to measure on PostgreSQL too)');
}
