import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app';
import { conflict } from '../../core/errors';
import type { Caller } from './caller';

let t: TestApp;
let caller: Caller;

beforeAll(async () => {
  t = await createTestApp();
  const ids = await t.signInAll(['coord.duty']);
  caller = {
    actor: await t.app.services.directory.actorOf(ids.get('coord.duty') as string),
    username: 'coord.duty',
    roles: ['coordinator'],
    ip: '192.0.2.7',
  };
  await sql`create table change_probe (id serial primary key, code text unique not null)`.execute(
    t.database.db,
  );
}, 60_000);
afterAll(() => t?.close());

const marking = { level: 'U', parties: ['USSC'] };
const lastEntry = () =>
  t.database.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
const lastEvent = () =>
  t.database.db.selectFrom('event_log').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();

describe('the change envelope', () => {
  it('commits the work with its audit entry (actor, address, digests) and its events, audit first', async () => {
    const id = await t.app.services.change(caller, 'probe.created', async ({ tx, audit, emit }) => {
      const row = await sql<{
        id: number;
      }>`insert into change_probe (code) values ('a') returning id`.execute(tx);
      const id = String(row.rows[0]?.id);
      emit({ type: 'probe.created', subjectType: 'probe', subjectId: id });
      audit({ subject: { type: 'probe', id }, after: { code: 'a' }, marking });
      return id;
    });
    const entry = await lastEntry();
    expect(entry).toMatchObject({
      action: 'probe.created',
      actor_username: 'coord.duty',
      actor_party: 'USSC',
      ip: '192.0.2.7',
      subject_type: 'probe',
      subject_id: id,
    });
    expect(entry.after_digest).toMatch(/^[0-9a-f]{64}$/);
    const event = await lastEvent();
    expect(event).toMatchObject({ type: 'probe.created', subject_id: id });
    // The event was appended after the entry, in the same transaction.
    expect(event.created_at.getTime()).toBeGreaterThanOrEqual(entry.occurred_at.getTime());
  });

  it('keeps nothing of a change whose work fails: no row, no entry, no event', async () => {
    const entryBefore = await lastEntry();
    const eventBefore = await lastEvent();
    await expect(
      t.app.services.change(caller, 'probe.created', async ({ tx, audit, emit }) => {
        await sql`insert into change_probe (code) values ('doomed')`.execute(tx);
        audit({ subject: { type: 'probe', id: 'x' }, marking });
        emit({ type: 'probe.created', subjectType: 'probe', subjectId: 'x' });
        throw conflict('probe_refused', 'Refused.');
      }),
    ).rejects.toMatchObject({ code: 'probe_refused' });
    const doomed = await sql`select 1 from change_probe where code = 'doomed'`.execute(t.database.db);
    expect(doomed.rows).toEqual([]);
    expect((await lastEntry()).seq).toBe(entryBefore.seq);
    expect((await lastEvent()).id).toBe(eventBefore.id);
  });

  it('runs a unit chosen as a deadlock victim again, from the start, and records it once', async () => {
    let attempts = 0;
    const before = await lastEntry();
    await t.app.services.change(caller, 'probe.retried', async ({ tx, audit }) => {
      attempts += 1;
      await sql`insert into change_probe (code) values (${`retry-${attempts}`})`.execute(tx);
      if (attempts < 3) throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
      audit({ subject: { type: 'probe', id: 'r' }, marking });
    });
    expect(attempts).toBe(3);
    const kept = await sql<{ code: string }>`select code from change_probe where code like 'retry-%'`.execute(
      t.database.db,
    );
    expect(kept.rows.map((row) => row.code)).toEqual(['retry-3']);
    expect(Number((await lastEntry()).seq)).toBe(Number(before.seq) + 1);
  });

  it('gives up after a bounded number of attempts and lets the error through', async () => {
    let attempts = 0;
    await expect(
      t.app.services.change(caller, 'probe.retried', async () => {
        attempts += 1;
        throw Object.assign(new Error('could not serialize access'), { code: '40001' });
      }),
    ).rejects.toMatchObject({ code: '40001' });
    expect(attempts).toBe(5);
  });

  it('turns an integrity error into the problem the change names', async () => {
    await expect(
      t.app.services.change(
        caller,
        'probe.created',
        async ({ tx }) => {
          await sql`insert into change_probe (code) values ('a')`.execute(tx);
        },
        {
          onConstraint: (violation) =>
            violation.kind === 'unique' ? conflict('probe_code_taken', 'That code is taken.') : null,
        },
      ),
    ).rejects.toMatchObject({ code: 'probe_code_taken', kind: 'conflict' });
  });
});
