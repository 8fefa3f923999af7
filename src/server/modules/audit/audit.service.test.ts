import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, testEngine } from '../../../../test/support/test-database';
import { ManualClock } from '../../../core/clock';
import type { AuditEntry } from '../../platform/audit-entry';
import { type DatabaseHandle, inTransaction, openDatabase } from '../../platform/db/database';
import { presentCheckpoint } from './audit.presenter';
import { AuditService, scheduleCheckpoints } from './audit.service';
import { digestOf, GENESIS_HASH } from './chain';
import { signatureRefusal } from './checkpoint';

let database: DatabaseHandle;
let audit: AuditService;
const clock = new ManualClock(new Date('2026-11-22T08:00:00.000Z'));
const keyFile = join(mkdtempSync(join(tmpdir(), 'concord-audit-')), 'keys', 'audit-signing-key.pem');

beforeAll(async () => {
  database = await createTestDatabase();
  audit = new AuditService(database.db, clock, { deployment: 'test-deployment', keyFile });
});
afterAll(() => database.close());

const entry = (overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  action: 'desk.updated',
  actor: { userId: null, username: 'coord.duty', partyCode: 'USSC' },
  subject: { type: 'desk', id: 'hebron-isf' },
  ip: '10.0.0.7',
  marking: { level: 'U', parties: ['ISF', 'USSC'] },
  ...overrides,
});

const record = (overrides: Partial<AuditEntry> = {}) =>
  inTransaction(database.db, (tx) => audit.record(tx, entry(overrides)));

async function expectIntact(count: number) {
  const report = await audit.verify();
  expect(report).toMatchObject({ ok: true, count });
}

it('has nothing to sign while the log is empty', async () => {
  await expect(audit.createCheckpoint()).rejects.toMatchObject({ code: 'audit_log_empty' });
  expect(await audit.checkpointIfMoved()).toBeNull();
  expect(await audit.verify()).toEqual({ ok: true, count: 0, headHash: GENESIS_HASH });
});

describe('the writer', () => {
  it('chains entries from the genesis hash, numbering them 1, 2, 3', async () => {
    const first = await record({ action: 'user.created', actor: null, subject: { type: 'user' } });
    const second = await record();
    expect(first).toMatchObject({
      seq: 1,
      prev_hash: GENESIS_HASH,
      actor_username: 'system',
      actor_user_id: null,
      subject_id: null,
    });
    expect(second).toMatchObject({ seq: 2, prev_hash: first.hash });
    await expectIntact(2);
  });

  it('stores what it hashed: every kind of value round-trips through the database', async () => {
    const before = { name: 'Hebron ISF desk', phones: ['+972 2 000 0000'], updatedAt: new Date() };
    const stored = await record({
      actor: { userId: '7d7a3b56-0e0e-4a8e-9a43-4f4b1d2f1e01', username: 'isf.hebron', partyCode: 'ISF' },
      before,
      after: { ...before, name: 'مكتب الخليل' },
      details: {
        fields: ['name'],
        note: 'הערה — ملاحظة',
        nested: { b: 2.5, a: -1, big: 1e21, none: null, gone: undefined },
        when: new Date('2026-11-22T08:00:00.001Z'),
        count: 10n,
      },
      marking: {
        level: 'S',
        caveats: ['NOFORN'],
        relTo: ['USA', 'GBR'],
        parties: ['ISF'],
        groups: ['hebron-wg'],
      },
    });
    expect(stored.before_digest).toBe(digestOf(before));
    expect(stored.details).toEqual({
      count: '10',
      fields: ['name'],
      nested: { a: -1, b: 2.5, big: 1e21, none: null },
      note: 'הערה — ملاحظة',
      when: '2026-11-22T08:00:00.001Z',
    });
    await record({ marking: { level: 'U', parties: [], relTo: [] } }); // empty REL TO is not "no restriction"
    await expectIntact(4);
  });

  it('refuses an action that is not subject.verb, and details that are not small', async () => {
    await expect(record({ action: 'Updated desk' })).rejects.toThrow(/subject\.verb/);
    await expect(record({ details: { text: 'x'.repeat(5000) } })).rejects.toThrow(/exceed/);
  });

  it('leaves no gap when the change it records is rolled back', async () => {
    await expect(
      inTransaction(database.db, async (tx) => {
        await audit.record(tx, entry());
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect((await record()).seq).toBe(5);
    await expectIntact(5);
  });

  it('numbers concurrent writers one at a time, without gaps, into a valid chain', async () => {
    // On PostgreSQL these run on several pooled connections at once; PGlite has one connection.
    const writers = Array.from({ length: 24 }, (_, i) =>
      inTransaction(database.db, async (tx) => {
        await sql`select pg_sleep(${(i % 4) / 200})`.execute(tx); // the caller's own work, of varying length
        return audit.record(tx, entry({ subject: { type: 'desk', id: `desk-${i}` } }));
      }),
    );
    const seqs = (await Promise.all(writers)).map((stored) => stored.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 24 }, (_, i) => i + 6));
    await expectIntact(29);
  });

  it.runIf(testEngine() === 'postgres')('holds writers on separate database sessions in line', async () => {
    // Two independent pools: nothing in the application serialises them, only the database lock.
    const url = new URL(process.env.TEST_DATABASE_URL as string);
    const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(database.db);
    url.pathname = `/${rows[0]?.name}`;
    const others = await Promise.all(
      [1, 2, 3].map(() => openDatabase({ kind: 'postgres', url: url.toString() })),
    );
    try {
      await Promise.all(
        others.flatMap((other, s) => {
          const service = new AuditService(other.db, clock, { deployment: 'x', keyFile });
          return Array.from({ length: 8 }, (_, i) =>
            inTransaction(other.db, async (tx) => {
              await sql`select pg_sleep(${(i % 3) / 200})`.execute(tx);
              return service.record(tx, entry({ subject: { type: 'desk', id: `s${s}-${i}` } }));
            }),
          );
        }),
      );
    } finally {
      await Promise.all(others.map((other) => other.close()));
    }
    await expectIntact(53);
  });
});

describe('the guard', () => {
  const refusals = [
    ['UPDATE', sql`update audit_log set actor_username = 'nobody'`],
    ['DELETE', sql`delete from audit_log where seq = 1`],
    ['TRUNCATE', sql`truncate audit_log`],
    ['UPDATE', sql`update audit_checkpoints set seq = 1`],
    ['DELETE', sql`delete from audit_checkpoints`],
    ['TRUNCATE', sql`truncate audit_checkpoints`],
  ] as const;

  it.each(refusals)('refuses %s, saying the log is append-only', async (operation, statement) => {
    await audit.createCheckpoint();
    await expect(statement.execute(database.db)).rejects.toThrow(
      new RegExp(`The audit log is append-only: ${operation} on audit_(log|checkpoints) is refused`),
    );
  });

  it('left the log as it was', async () => {
    const report = await audit.verify();
    expect(report.ok && report.count).toBeGreaterThan(0);
  });
});

describe('checkpoints', () => {
  afterEach(() => vi.useRealTimers());

  it('signs the head with a key it creates, readable by its owner only', async () => {
    const head = await record();
    clock.advance(60_000);
    const checkpoint = presentCheckpoint(await audit.createCheckpoint());
    expect(checkpoint).toMatchObject({
      deployment: 'test-deployment',
      seq: head.seq,
      headHash: head.hash,
      createdAt: clock.now().toISOString(),
    });
    expect(signatureRefusal(checkpoint, audit.trustedKeyId())).toBeNull();
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
  });

  it('skips the hourly checkpoint while the log has not moved', async () => {
    expect(await audit.checkpointIfMoved()).toBeNull();
    const head = await record();
    expect(Number((await audit.checkpointIfMoved())?.seq)).toBe(head.seq);
    expect(await audit.checkpointIfMoved()).toBeNull();
  });

  it('signs every interval on a timer that stop() clears', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const errors: unknown[] = [];
    const schedule = scheduleCheckpoints(audit, (error) => errors.push(error), 3_600_000);
    const head = await record();
    vi.advanceTimersByTime(3_600_000);
    await schedule.stop(); // waits for the signing in flight
    expect(Number((await audit.latestCheckpoint())?.seq)).toBe(head.seq);
    await record();
    vi.advanceTimersByTime(3_600_000); // cleared: nothing more is signed
    expect(Number((await audit.latestCheckpoint())?.seq)).toBe(head.seq);
    expect(errors).toEqual([]);
  });
});
