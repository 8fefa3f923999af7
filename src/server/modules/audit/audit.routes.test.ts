import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import { checkpointSchema } from '../../../core/audit/schemas';
import { inTransaction } from '../../platform/db/database';
import { signatureRefusal } from './checkpoint';

let t: TestApp;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  const keyFile = join(mkdtempSync(join(tmpdir(), 'concord-audit-routes-')), 'audit-signing-key.pem');
  t = await createTestApp({ env: { CONCORD_AUDIT_KEY_FILE: keyFile, CONCORD_DEPLOYMENT_NAME: 'USSC demo' } });
  for (const username of ['admin', 'coord.gbr', 'isf.hebron', 'pasf.supervisor']) {
    cookies[username] = await t.login(username);
  }
});
afterAll(() => t.close());

const request = (method: 'GET' | 'POST', url: string, username?: string) =>
  t.app.inject({ method, url, headers: username ? { cookie: cookies[username] as string } : {} });

/** Appends an entry and answers the new head's number (sign-ins and seeding write entries too). */
async function recordEntry(): Promise<number> {
  const stored = await inTransaction(t.database.db, (tx) =>
    t.app.services.audit.record(tx, {
      action: 'desk.updated',
      actor: null,
      subject: { type: 'desk', id: 'hebron' },
      marking: { level: 'U', parties: ['ISF', 'PASF', 'USSC'] },
    }),
  );
  return stored.seq;
}

describe('audit checkpoints over HTTP', () => {
  it('has no checkpoint to download before one is signed', async () => {
    expect((await request('GET', '/api/audit/checkpoints/latest', 'isf.hebron')).json()).toMatchObject({
      status: 404,
      code: 'no_checkpoint',
    });
  });

  it('lets administrators and coordinators sign one on demand', async () => {
    for (const username of ['admin', 'coord.gbr']) {
      const head = await recordEntry();
      const response = await request('POST', '/api/audit/checkpoints', username);
      expect(response.statusCode).toBe(201);
      const checkpoint = checkpointSchema.parse(response.json());
      expect(checkpoint).toMatchObject({ deployment: 'USSC demo', seq: head });
      expect(signatureRefusal(checkpoint, t.app.services.audit.trustedKeyId())).toBeNull();
    }
  });

  it('answers everyone else as if the endpoint did not exist', async () => {
    const hidden = await request('POST', '/api/audit/checkpoints', 'isf.hebron');
    const missing = await request('POST', '/api/audit/no-such-thing', 'isf.hebron');
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json()).toEqual({
      ...missing.json(),
      detail: 'There is no POST /api/audit/checkpoints in this API.',
      instance: '/api/audit/checkpoints',
    });
    expect(hidden.headers['content-type']).toBe(missing.headers['content-type']);
    expect((await request('POST', '/api/audit/checkpoints')).statusCode).toBe(401);
  });

  it('hides the endpoint also from a supervisor who must still enrol a second factor', async () => {
    const strict = await createTestApp({ env: { CONCORD_TOTP_REQUIRED: '1' } });
    try {
      const cookie = await strict.login('isf.supervisor');
      const response = await strict.app.inject({
        method: 'POST',
        url: '/api/audit/checkpoints',
        headers: { cookie },
      });
      expect(response.json()).toMatchObject({ status: 404, code: 'route_not_found' });
    } finally {
      await strict.close();
    }
  });

  it('lets every signed-in user list checkpoints and download the latest as a file', async () => {
    const earlier = (await request('GET', '/api/audit/checkpoints?limit=1', 'admin')).json().checkpoints[0]
      .seq;
    const head = await recordEntry();
    await request('POST', '/api/audit/checkpoints', 'admin');
    for (const username of ['isf.hebron', 'pasf.supervisor']) {
      const list = await request('GET', '/api/audit/checkpoints?limit=2', username);
      expect(list.statusCode).toBe(200);
      expect(list.json().checkpoints.map((c: { seq: number }) => c.seq)).toEqual([head, earlier]);

      const latest = await request('GET', '/api/audit/checkpoints/latest', username);
      expect(latest.statusCode).toBe(200);
      expect(latest.headers['content-disposition']).toBe(
        `attachment; filename="concord-audit-checkpoint-ussc-demo-${head}.json"`,
      );
      const checkpoint = checkpointSchema.parse(latest.json());
      expect(checkpoint).toEqual(list.json().checkpoints[0]);
      expect(signatureRefusal(checkpoint, t.app.services.audit.trustedKeyId())).toBeNull();
    }
    expect((await request('GET', '/api/audit/checkpoints')).statusCode).toBe(401);
    expect((await request('GET', '/api/audit/checkpoints?limit=0', 'isf.hebron')).statusCode).toBe(400);
  });
});
