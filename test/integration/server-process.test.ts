import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type ServerProcess, startServerProcess } from '../support/server-process';
import { createPostgresDatabaseUrl } from '../support/test-database';

const running: ServerProcess[] = [];
afterAll(async () => {
  await Promise.all(running.map((server) => server.stop('SIGKILL')));
});

async function start(env: Record<string, string>): Promise<ServerProcess> {
  const server = await startServerProcess(env);
  running.push(server);
  return server;
}

const login = (server: ServerProcess, username: string, password: string) =>
  fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });

describe('the server as a process, on the embedded database', () => {
  it('prints the demo password once, refuses a second process on the same data, stops cleanly, keeps data', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'concord-process-'));
    const first = await start({ CONCORD_DATA_DIR: dataDir });
    expect(first.output()).toContain('DEMO MODE');
    const password = /shown this once: (\S+)/.exec(first.output())?.[1];
    expect(password).toBeDefined();
    expect((await login(first, 'isf.hebron', password as string)).status).toBe(200);

    const second = startServerProcess({ CONCORD_DATA_DIR: dataDir });
    const refusal = await second.then(
      () => null,
      (error: { code: number; output: string }) => error,
    );
    expect(refusal?.code).toBe(1);
    expect(refusal?.output).toContain('is in use by another Concord process');

    expect(await first.stop('SIGTERM')).toBe(0);
    expect(existsSync(join(dataDir, 'concord.lock'))).toBe(false);

    const again = await start({ CONCORD_DATA_DIR: dataDir });
    expect(again.output()).not.toContain('shown this once');
    expect(again.output()).toContain('already exist');
    expect((await login(again, 'isf.hebron', password as string)).status).toBe(200);
    expect(await again.stop('SIGINT')).toBe(0);
  }, 120_000); // three cold starts of a process on a shared, busy machine

  it('starts without demo passwords with CONCORD_DEMO=0 and refuses bad configuration by name', async () => {
    const empty = await start({
      CONCORD_DATA_DIR: mkdtempSync(join(tmpdir(), 'concord-empty-')),
      CONCORD_DEMO: '0',
    });
    expect(empty.output()).not.toContain('DEMO MODE');
    expect(empty.output()).toContain('Set their passwords with: npm run concord -- user reset-password');
    expect((await login(empty, 'admin', 'anything-at-all-1')).status).toBe(401);
    await empty.stop();

    const bad = await startServerProcess({ PORT: 'http' }).catch(
      (error: { code: number; output: string }) => error,
    );
    expect(bad).toMatchObject({ code: 1 });
    expect((bad as { output: string }).output).toMatch(/PORT/);

    // A broken deployment file stops start-up with the file, line, field and reason of the first problem.
    const brokenFile = join(mkdtempSync(join(tmpdir(), 'concord-broken-')), 'deployment.yaml');
    writeFileSync(
      brokenFile,
      readFileSync('deployments/demo.yaml', 'utf8').replace(
        'counterpart: PASF-HEBRON',
        'counterpart: PASF-HEBRN',
      ),
    );
    const broken = await startServerProcess({
      CONCORD_DATA_DIR: mkdtempSync(join(tmpdir(), 'concord-broken-data-')),
      CONCORD_DEPLOYMENT_FILE: brokenFile,
    }).catch((error: { code: number; output: string }) => error);
    expect(broken).toMatchObject({ code: 1 });
    expect((broken as { output: string }).output).toMatch(
      /Concord cannot start\. .*deployment\.yaml:\d+: desks\[\d+\]\.counterpart: Unknown desk "PASF-HEBRN"; did you mean "PASF-HEBRON"\?/,
    );
  }, 90_000); // two process starts on a shared machine
});

describe.runIf(process.env.TEST_DATABASE_URL)('the server as a process, on PostgreSQL', () => {
  it('migrates an empty database, seeds the demo, and keeps data across a restart', async () => {
    const database = await createPostgresDatabaseUrl(process.env.TEST_DATABASE_URL as string);
    try {
      const env = { DATABASE_URL: database.url, CONCORD_DEMO_PASSWORD: 'postgres-demo-pass-1' };
      const first = await start(env);
      expect(first.output()).toContain('PostgreSQL');
      expect((await login(first, 'coord.duty', 'postgres-demo-pass-1')).status).toBe(200);
      expect(await first.stop()).toBe(0);
      const again = await start(env);
      expect((await login(again, 'coord.duty', 'postgres-demo-pass-1')).status).toBe(200);
      expect(await again.stop()).toBe(0);
    } finally {
      await database.drop();
    }
  });
});
