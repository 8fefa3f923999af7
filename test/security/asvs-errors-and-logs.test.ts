import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock';
import { buildApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/platform/config';
import type { DatabaseHandle } from '../../src/server/platform/db/database';
import { deploymentContext } from '../../src/server/platform/deployment-context';
import { demoDeployment } from '../support/test-app';
import { createTestDatabase, testEngine } from '../support/test-database';

/**
 * OWASP ASVS 5.0, chapter V16: what a caller and the process log get when a
 * route fails in a way nobody planned. The real application, with its own
 * logger (JSON lines, as in production) writing into memory, and one route
 * added that fails as a bug would, echoing what the caller sent.
 */
const lines: string[] = [];
let app: FastifyInstance;
let database: DatabaseHandle;

const SECRET = 'sk-live-3f9a7c';
const FORGED = '{"level":30,"msg":"admin signed in","forged":true}';

beforeAll(async () => {
  database = await createTestDatabase();
  const config = loadConfig({ CONCORD_WEB_DIR: './dist/web' });
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  app = await buildApp(config, {
    database,
    deployment: deploymentContext(await demoDeployment()),
    clock: new ManualClock(new Date()),
    logger: { level: 'info', stream },
  });
  app.get('/api/asvs-probe/fail', async (request) => {
    const { note } = request.query as { note?: string };
    throw new Error(`query failed: SELECT password_hash FROM users WHERE api_key = '${SECRET}' -- ${note}`);
  });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
});

describe(`ASVS V16: an unexpected error (${testEngine()})`, () => {
  let response: Awaited<ReturnType<FastifyInstance['inject']>>;
  beforeAll(async () => {
    const note = `\r\n${FORGED}\n`;
    response = await app.inject({
      method: 'GET',
      url: `/api/asvs-probe/fail?note=${encodeURIComponent(note)}`,
    });
  });

  it('answers the caller with a generic problem: no message, query, secret, stack or file path', () => {
    expect(response.statusCode).toBe(500);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({
      status: 500,
      code: 'internal_error',
      detail: 'Something went wrong on the server. It has been logged.',
    });
    for (const leak of [
      'SELECT',
      'password_hash',
      SECRET,
      'forged',
      ' at ',
      '.ts:',
      '/work/',
      'node_modules',
    ])
      expect(response.body).not.toContain(leak);
  });

  it('logs it with its stack, and the request it failed, under one request id', () => {
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const failure = entries.find((entry) => entry.msg === 'unhandled error');
    expect(failure).toMatchObject({ level: 50, err: { type: 'Error' } });
    const err = failure?.err as { message: string; stack: string };
    expect(err.message).toContain('SELECT password_hash');
    expect(err.stack).toContain('asvs-errors-and-logs.test.ts');
    const completed = entries.find(
      (entry) => entry.reqId === failure?.reqId && entry.msg === 'request completed',
    );
    expect(completed).toMatchObject({ res: { statusCode: 500 } });
    expect(
      entries.find((entry) => entry.reqId === failure?.reqId && entry.msg === 'incoming request'),
    ).toMatchObject({ req: { method: 'GET', url: expect.stringContaining('/api/asvs-probe/fail') } });
    // Timestamps are milliseconds since the epoch: UTC, whatever the host's time zone.
    for (const entry of entries) expect(typeof entry.time).toBe('number');
  });

  it('logs every refusal with who was refused and why, under its request id (ASVS 16.3.2, 16.3.3)', async () => {
    const stranger = await app.inject({ method: 'GET', url: '/api/requests' });
    expect(stranger.statusCode).toBe(401);
    const invalid = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 1 } });
    expect(invalid.statusCode).toBe(400);
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const refusals = entries.filter((entry) => entry.msg === 'refused');
    expect(refusals).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ level: 40, problem: 'unauthenticated', status: 401, userId: null }),
        expect.objectContaining({ level: 30, problem: 'validation_failed', status: 400, userId: null }),
      ]),
    );
    for (const refusal of refusals)
      expect(entries.some((entry) => entry.reqId === refusal.reqId && entry.msg === 'incoming request')).toBe(
        true,
      );
  });

  it('cannot be made to write a forged line into the log: what the caller sent stays inside one JSON line', () => {
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.some((entry) => entry.forged === true || entry.msg === 'admin signed in')).toBe(false);
    // The forged text is there, escaped, inside the error's message.
    const failure = entries.find((entry) => entry.msg === 'unhandled error') as { err: { message: string } };
    expect(failure.err.message).toContain(`\r\n${FORGED}\n`);
  });
});
