import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveClient } from '../../../../test/support/live-client';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import type { CommitmentBoard, CommitmentDetail, CommitmentSummary } from '../../../core/commitments/schemas';
import type { LiveEvent } from '../../../core/events/live';
import type { NotificationDto } from '../../../core/notifications/schemas';
import type { WorkingGroupSummary } from '../../../core/working-groups/schemas';

/**
 * Commitments of working groups (issue 16, item 4): raised by members, owned
 * by one side, completed with evidence and confirmed by the other side (an
 * information exchange on the ledger), reminders before and after the due
 * date; nothing of them reaches anyone outside the group by any path.
 *
 * WG-CID: ISF (isf.supervisor chair, isf.police), PASF (pasf.supervisor chair,
 * pasf.police), USSC (coord.gbr secretary). Outsiders: isf.hebron, coord.duty.
 */

let t: TestApp;
let baseUrl: string;
const ids = new Map<string, string>();
const groups = new Map<string, string>();
const USERS = [
  'isf.supervisor',
  'isf.police',
  'pasf.supervisor',
  'pasf.police',
  'coord.gbr',
  'isf.hebron',
  'coord.duty',
] as const;
type User = (typeof USERS)[number];

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2027-03-01T10:00:00Z'));
  for (const [username, id] of await t.signInAll(USERS)) ids.set(username, id);
  for (const group of (
    await t.call('isf.police', 'GET', '/api/working-groups')
  ).json() as WorkingGroupSummary[])
    groups.set(group.code, group.id);
  baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
}, 60_000);
afterAll(() => t?.close());

const call = (user: User, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
  t.call(user, method, url, payload);
const cid = () => groups.get('WG-CID') as string;
const id = (user: User) => ids.get(user) as string;

const raise = (user: User, overrides: Record<string, unknown> = {}) =>
  call(user, 'POST', '/api/commitments', {
    group: cid(),
    title: 'Share the forensic report of the Bab al-Zawiya case',
    doneMeans: 'The report is handed to the other side through the coordinator',
    ownerParty: 'PASF',
    ownerId: id('pasf.police'),
    dueOn: '2027-03-10',
    ...overrides,
  });

const raised = async (user: User = 'coord.gbr', overrides: Record<string, unknown> = {}) => {
  const response = await raise(user, overrides);
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as CommitmentDetail;
};

const transition = (user: User, commitmentId: string, body: Record<string, unknown>) =>
  call(user, 'POST', `/api/commitments/${commitmentId}/transitions`, body);

const list = async (user: User, query = '') => {
  const response = await call(user, 'GET', `/api/commitments${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { items: CommitmentSummary[]; total: number; today: string };
};

const board = async (user: User, query = '') =>
  (await call(user, 'GET', `/api/commitments/board${query}`)).json() as CommitmentBoard;

const notifications = async (user: User) =>
  ((await call(user, 'GET', '/api/notifications')).json() as { items: NotificationDto[] }).items;

const count = async (table: string, where = sql`true`) =>
  Number(
    (
      await sql<{ n: string }>`select count(*) as n from ${sql.table(table)} where ${where}`.execute(
        t.database.db,
      )
    ).rows[0]?.n,
  );

describe('raising a commitment', () => {
  it('lets any member raise one for an owner of one side, marked as the group is', async () => {
    const commitment = await raised('pasf.police');
    expect(commitment).toMatchObject({
      groupCode: 'WG-CID',
      ownerParty: 'PASF',
      owner: { id: id('pasf.police') },
      dueOn: '2027-03-10',
      status: 'open',
      overdue: false,
      confirmed: false,
      marking: { level: 'C', groups: ['WG-CID'], parties: ['USSC', 'ISF', 'PASF'] },
      raisedBy: { id: id('pasf.police') },
      actions: ['start', 'complete'],
    });
    const other = (await call('isf.supervisor', 'GET', `/api/commitments/${commitment.id}`)).json();
    expect(other.actions).toEqual([]);
    const secretary = (await call('coord.gbr', 'GET', `/api/commitments/${commitment.id}`)).json();
    expect(secretary.actions).toEqual(['drop']);
  });

  it('refuses bad input naming the field, and stores nothing', async () => {
    const before = await count('commitments');
    const cases: [Record<string, unknown>, string, string][] = [
      [{ ownerParty: 'USSC' }, 'owner_party_not_in_group', 'body.ownerParty'],
      [{ ownerParty: 'NOPE' }, 'owner_party_not_in_group', 'body.ownerParty'],
      [{ ownerId: id('isf.police') }, 'owner_not_in_party', 'body.ownerId'],
      [{ ownerId: id('isf.hebron'), ownerParty: 'ISF' }, 'owner_not_in_party', 'body.ownerId'],
      [{ dueOn: '2027-02-30' }, 'validation_failed', 'body.dueOn'],
      [{ dueOn: 'next week' }, 'validation_failed', 'body.dueOn'],
      [{ dueOn: '2027-03-10T10:00:00Z' }, 'validation_failed', 'body.dueOn'],
    ];
    for (const [overrides, code, path] of cases) {
      const response = await raise('isf.supervisor', overrides);
      expect(response.statusCode, JSON.stringify(overrides)).toBe(400);
      expect(response.json().code).toBe(code);
      expect(response.json().errors.map((issue: { path: string }) => issue.path)).toContain(path);
    }
    expect(await count('commitments')).toBe(before);
  });

  it('is raised in a meeting of its group, marked as the meeting, and listed by it; never in another group', async () => {
    const schedule = async (group: string, classification?: string, secretary = 'coord.gbr') => {
      const response = await t.call(secretary, 'POST', `/api/working-groups/${group}/meetings`, {
        title: 'Monthly review',
        startsAt: '2027-03-25T10:00:00+02:00',
        endsAt: '2027-03-25T12:00:00+02:00',
        place: 'DCO Hebron',
        ...(classification && { classification }),
      });
      expect(response.statusCode, response.body).toBe(201);
      return (response.json() as { id: string }).id;
    };
    const meetingId = await schedule(cid(), 'SECRET');
    const commitment = await raised('isf.supervisor', { meetingId });
    expect(commitment).toMatchObject({ meetingId, marking: { level: 'S', groups: ['WG-CID'] } });
    expect((await list('isf.supervisor', `?meeting=${meetingId}`)).items.map((item) => item.id)).toEqual([
      commitment.id,
    ]);
    // A member cleared only for the group's level sees neither the SECRET meeting's commitment nor its count.
    expect((await list('pasf.police', `?meeting=${meetingId}`)).total).toBe(0);

    const before = await count('commitments');
    await t.signInAll(['coord.can']);
    const elsewhere = await schedule(groups.get('WG-TRAFFIC') as string, undefined, 'coord.can');
    for (const wrong of [elsewhere, '00000000-0000-4000-8000-000000000000']) {
      const response = await raise('isf.supervisor', { meetingId: wrong });
      expect([response.statusCode, response.json().code, response.json().errors[0].path]).toEqual([
        400,
        'meeting_not_in_group',
        'body.meetingId',
      ]);
    }
    expect(await count('commitments')).toBe(before);
  });

  it('answers someone outside the group as for a group that does not exist', async () => {
    const response = await raise('isf.hebron', { ownerParty: 'ISF', ownerId: id('isf.hebron') });
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('working_group_not_found');
  });
});

describe('the lifecycle', () => {
  it('is completed with evidence by the owner side and confirmed by the other side, once, on the ledger', async () => {
    const commitment = await raised();
    const started = await transition('pasf.police', commitment.id, { action: 'start' });
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json().status).toBe('in-progress');

    const bare = await transition('pasf.police', commitment.id, { action: 'complete' });
    expect(bare.statusCode).toBe(400);
    expect(bare.json()).toMatchObject({
      code: 'commitment_needs_evidence',
      errors: [{ path: 'body.evidence' }],
    });

    const byOtherSide = await transition('isf.police', commitment.id, {
      action: 'complete',
      evidence: { text: 'done' },
    });
    expect(byOtherSide.statusCode).toBe(403);
    expect(byOtherSide.json().code).toBe('commitment_not_yours');

    const completed = await transition('pasf.supervisor', commitment.id, {
      action: 'complete',
      evidence: { text: 'التقرير الجنائي سُلّم عبر المنسق' },
    });
    expect(completed.statusCode, completed.body).toBe(200);
    expect(completed.json()).toMatchObject({
      status: 'done',
      evidence: { text: 'التقرير الجنائي سُلّم عبر المنسق', link: null },
      completedBy: { id: id('pasf.supervisor') },
      confirmed: false,
    });
    // The other side hears a delivery waits for its confirmation; the owner's side and outsiders do not.
    const asked = (await notifications('isf.supervisor')).filter(
      (item) => item.kind === 'commitment.completed' && item.link === `/commitments/${commitment.id}`,
    );
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ about: 'commitment', reference: 'WG-CID', detail: commitment.title });
    expect((await notifications('isf.police')).some((item) => item.kind === 'commitment.completed')).toBe(
      true,
    );
    expect(
      (await notifications('pasf.supervisor')).some((item) => item.kind === 'commitment.completed'),
    ).toBe(false);
    expect((await notifications('isf.hebron')).some((item) => item.about === 'commitment')).toBe(false);

    const isf = (await call('isf.supervisor', 'GET', `/api/commitments/${commitment.id}`)).json();
    expect(isf.actions).toEqual(['confirm', 'reopen']);

    const exchanges = () =>
      count('information_exchanges', sql`kind = 'commitment' and subject_id = ${commitment.id}`);
    const own = await transition('pasf.supervisor', commitment.id, { action: 'confirm' });
    expect(own.statusCode).toBe(403);
    expect(own.json()).toMatchObject({ code: 'commitment_own_party', errors: [{ path: 'body.action' }] });
    const secretary = await transition('coord.gbr', commitment.id, { action: 'confirm' });
    expect(secretary.statusCode).toBe(403);
    expect(await exchanges()).toBe(0);

    const confirmed = await transition('isf.supervisor', commitment.id, { action: 'confirm' });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({
      status: 'done',
      confirmed: true,
      confirmedBy: { id: id('isf.supervisor'), party: 'ISF' },
      actions: [],
    });
    const rows = await sql<Record<string, unknown>>`
      select from_party, to_party, kind, category, subject_type, marking_groups from information_exchanges
      where subject_id = ${commitment.id}`.execute(t.database.db);
    // On the ledger in the group's category, marked as the commitment: only the group's members count it.
    expect(rows.rows).toEqual([
      {
        from_party: 'PASF',
        to_party: 'ISF',
        kind: 'commitment',
        category: 'criminal',
        subject_type: 'commitment',
        marking_groups: ['WG-CID'],
      },
    ]);
    const again = await transition('isf.police', commitment.id, { action: 'confirm' });
    expect(again.statusCode).toBe(409);
    expect(
      await transition('isf.police', commitment.id, { action: 'reopen' }).then((r) => r.statusCode),
    ).toBe(409);
    expect(await exchanges()).toBe(1);
  });

  it('links evidence only to a record the completer may read', async () => {
    const commitment = await raised();
    const missing = await transition('pasf.police', commitment.id, {
      action: 'complete',
      evidence: { link: { kind: 'request', id: '00000000-0000-4000-8000-000000000000' } },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({
      code: 'evidence_link_not_found',
      errors: [{ path: 'body.evidence.link.id' }],
    });
    expect((await call('pasf.police', 'GET', `/api/commitments/${commitment.id}`)).json().status).toBe(
      'open',
    );
  });

  it('is dropped with a reason by the chair of its side or the secretary, and reopened', async () => {
    const commitment = await raised();
    const owner = await transition('pasf.police', commitment.id, {
      action: 'drop',
      reason: 'no longer needed',
    });
    expect(owner.statusCode).toBe(403);
    const bare = await transition('coord.gbr', commitment.id, { action: 'drop' });
    expect(bare.json()).toMatchObject({ code: 'commitment_needs_reason', errors: [{ path: 'body.reason' }] });
    const dropped = await transition('pasf.supervisor', commitment.id, {
      action: 'drop',
      reason: 'overtaken',
    });
    expect(dropped.json()).toMatchObject({ status: 'dropped', dropReason: 'overtaken' });
    const reopened = await transition('coord.gbr', commitment.id, { action: 'reopen' });
    expect(reopened.json()).toMatchObject({ status: 'open', dropReason: null });
  });

  it('is edited by its owner side or the secretary, not by the other side', async () => {
    const commitment = await raised();
    const other = await call('isf.supervisor', 'PATCH', `/api/commitments/${commitment.id}`, { title: 'x' });
    expect(other.statusCode).toBe(403);
    const bad = await call('coord.gbr', 'PATCH', `/api/commitments/${commitment.id}`, {
      dueOn: '2027-13-01',
    });
    expect(bad.statusCode).toBe(400);
    const moved = await call('coord.gbr', 'PATCH', `/api/commitments/${commitment.id}`, {
      dueOn: '2027-03-20',
      ownerId: id('pasf.supervisor'),
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ dueOn: '2027-03-20', owner: { id: id('pasf.supervisor') } });
    const wrongOwner = await call('coord.gbr', 'PATCH', `/api/commitments/${commitment.id}`, {
      ownerId: id('isf.police'),
    });
    expect(wrongOwner.json()).toMatchObject({
      code: 'owner_not_in_party',
      errors: [{ path: 'body.ownerId' }],
    });
  });
});

describe('lists and the board', () => {
  it('filters by group, party, owner, status, overdue and due dates, overdue first', async () => {
    const late = await raised('coord.gbr', {
      ownerParty: 'ISF',
      ownerId: id('isf.police'),
      dueOn: '2027-02-20',
    });
    const soon = await raised('coord.gbr', {
      ownerParty: 'ISF',
      ownerId: id('isf.police'),
      dueOn: '2027-03-05',
    });
    const isf = await list('pasf.supervisor', `?group=${cid()}&party=ISF&status=open,in-progress`);
    expect(isf.items.map((item) => item.id).slice(0, 2)).toEqual([late.id, soon.id]);
    expect(isf.items[0]).toMatchObject({
      overdue: true,
      ownerParty: 'ISF',
      owner: { displayName: expect.any(String) },
    });
    const overdue = await list('pasf.supervisor', '?overdue=true');
    expect(overdue.items.every((item) => item.overdue)).toBe(true);
    expect(overdue.items.map((item) => item.id)).toContain(late.id);
    const carried = await list(
      'pasf.supervisor',
      `?group=${cid()}&status=open,in-progress&dueBefore=2027-03-06`,
    );
    expect(carried.items.map((item) => item.id)).toEqual(expect.arrayContaining([late.id, soon.id]));
    expect(carried.items.every((item) => item.dueOn < '2027-03-06')).toBe(true);
    const after = await list('pasf.supervisor', '?dueAfter=2027-03-05');
    expect(after.items.every((item) => item.dueOn > '2027-03-05')).toBe(true);
    const mine = await list('isf.police', `?owner=${id('isf.police')}`);
    expect(mine.items.every((item) => item.owner.id === id('isf.police'))).toBe(true);
    const bad = await call('isf.police', 'GET', '/api/commitments?status=open,finished');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toContain('status');
  });

  it('counts per party what each side promised and delivered, and the on-time rate', async () => {
    const result = await board('coord.gbr', `?group=${cid()}`);
    const pasf = result.parties.find((row) => row.party === 'PASF');
    const isf = result.parties.find((row) => row.party === 'ISF');
    expect(pasf).toMatchObject({ delivered: 1, onTime: 1 });
    expect(isf).toMatchObject({ overdue: 1, delivered: 0, onTime: 0, onTimeRate: 0 });
    expect(pasf?.onTimeRate).toBeGreaterThan(0);
    expect(result.items[0]?.overdue).toBe(true);
    expect(result.items.length).toBe((await list('coord.gbr', `?group=${cid()}`)).total);
  });
});

describe('leaks', () => {
  it('shows an outsider of the group nothing: get, list, board, transitions, notes', async () => {
    const commitment = await raised();
    for (const outsider of ['isf.hebron', 'coord.duty'] as const) {
      const get = await call(outsider, 'GET', `/api/commitments/${commitment.id}`);
      expect(get.statusCode).toBe(404);
      expect(get.json().code).toBe('commitment_not_found');
      expect((await list(outsider)).total).toBe(0);
      expect((await list(outsider, `?group=${cid()}`)).items).toEqual([]);
      expect(await board(outsider)).toMatchObject({ parties: [], items: [] });
      expect(await board(outsider, `?group=${cid()}`)).toMatchObject({ parties: [], items: [] });
      for (const body of [{ action: 'confirm' }, { action: 'drop', reason: 'x' }]) {
        const response = await transition(outsider, commitment.id, body);
        expect(response.statusCode).toBe(404);
      }
      expect(
        (await call(outsider, 'POST', `/api/commitments/${commitment.id}/notes`, { body: 'x' })).statusCode,
      ).toBe(404);
      expect(
        (await call(outsider, 'PATCH', `/api/commitments/${commitment.id}`, { title: 'x' })).statusCode,
      ).toBe(404);
    }
  });

  it("keeps a commitment's internal notes with their party", async () => {
    const commitment = await raised();
    const internal = await call('pasf.police', 'POST', `/api/commitments/${commitment.id}/notes`, {
      body: 'ملاحظة داخلية: نحتاج موافقة النيابة أولاً',
      internal: true,
    });
    expect(internal.statusCode, internal.body).toBe(201);
    t.clock.set(new Date(t.clock.now().getTime() + 60_000));
    await call('isf.police', 'POST', `/api/commitments/${commitment.id}/notes`, {
      body: 'Shared: thank you',
    });
    const bodies = async (user: User) =>
      ((await call(user, 'GET', `/api/commitments/${commitment.id}`)).json() as CommitmentDetail).notes.map(
        (note) => note.body,
      );
    expect(await bodies('pasf.supervisor')).toEqual([
      'ملاحظة داخلية: نحتاج موافقة النيابة أولاً',
      'Shared: thank you',
    ]);
    expect(await bodies('isf.supervisor')).toEqual(['Shared: thank you']);
    expect(await bodies('coord.gbr')).toEqual(['Shared: thank you']);
    // Its audit entry is marked for the party alone.
    const audit = await sql<{ marking_parties: string[] }>`
      select marking_parties from audit_log where action = 'commitment.noted' and subject_id = ${commitment.id}
      order by seq`.execute(t.database.db);
    expect(audit.rows.map((row) => row.marking_parties)).toEqual([['PASF'], ['USSC', 'ISF', 'PASF']]);
  });

  it('delivers live events about commitments to members only', async () => {
    const connect = (user: User, after?: string) =>
      LiveClient.connect(baseUrl, { cookie: t.cookieOf(user) }, after);
    const cursors = new Map<User, string>();
    for (const user of ['isf.supervisor', 'isf.hebron', 'coord.duty'] as const) {
      const { client, ready } = await connect(user);
      cursors.set(user, ready);
      client.close();
    }
    const commitment = await raised();
    await transition('pasf.police', commitment.id, { action: 'start' });
    const replay = async (user: User) => {
      const { client, replayed } = await connect(user, cursors.get(user));
      client.close();
      return replayed.filter((message): message is LiveEvent => message.type.startsWith('commitment.'));
    };
    expect((await replay('isf.supervisor')).map((event) => [event.type, event.id])).toEqual([
      ['commitment.raised', commitment.id],
      ['commitment.transitioned', commitment.id],
    ]);
    expect(await replay('isf.hebron')).toEqual([]);
    expect(await replay('coord.duty')).toEqual([]);
  });
});

describe('reminders', () => {
  it('reach the owner 3 days and 1 day before the due date and when overdue, once each', async () => {
    // Sessions end when idle: a month later everyone signs in again.
    const at = async (instant: string) => {
      t.clock.set(new Date(instant));
      for (const user of ['isf.police', 'isf.supervisor', 'isf.hebron', 'coord.gbr'] as const)
        await t.signIn(user);
    };
    await at('2027-04-01T10:00:00Z');
    const commitment = await raised('coord.gbr', {
      ownerParty: 'ISF',
      ownerId: id('isf.police'),
      dueOn: '2027-04-10',
    });
    const done = await raised('coord.gbr', {
      ownerParty: 'ISF',
      ownerId: id('isf.police'),
      dueOn: '2027-04-10',
    });
    await transition('isf.police', done.id, { action: 'complete', evidence: { text: 'done early' } });
    const reminders = async (user: User) =>
      (await notifications(user))
        .filter((item) => item.link === `/commitments/${commitment.id}`)
        .map((item) => item.kind);
    const fire = () => t.app.services.commitmentReminders.fireDue();

    await fire();
    expect(await reminders('isf.police')).toEqual([]);
    await at('2027-04-07T05:00:00Z'); // 08:00 in Jerusalem (summer time), three days before
    await fire();
    expect(await reminders('isf.police')).toEqual(['commitment.due-soon']);
    await fire();
    expect(await reminders('isf.police')).toEqual(['commitment.due-soon']);
    await at('2027-04-09T05:00:00Z');
    await fire();
    await at('2027-04-11T05:00:00Z');
    await fire();
    expect(await reminders('isf.police')).toEqual([
      'commitment.overdue',
      'commitment.due-soon',
      'commitment.due-soon',
    ]);
    // Only the owner; never an outsider; the commitment done early reminds nobody.
    expect(await reminders('isf.supervisor')).toEqual([]);
    expect((await notifications('isf.hebron')).some((item) => item.about === 'commitment')).toBe(false);
    expect(
      (await notifications('isf.police')).some(
        (item) => item.link === `/commitments/${done.id}` && item.kind !== 'commitment.completed',
      ),
    ).toBe(false);
    const fired = await sql<{ outcome: string }>`
      select outcome from commitment_reminders where commitment_id = ${done.id} order by due_at`.execute(
      t.database.db,
    );
    expect(fired.rows.map((row) => row.outcome)).toEqual(['moot', 'moot', 'moot']);
    const overdue = (await call('isf.police', 'GET', `/api/commitments/${commitment.id}`)).json();
    expect(overdue.overdue).toBe(true);
  });
});
