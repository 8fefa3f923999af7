import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import type { WorkingGroupDetail, WorkingGroupSummary } from '../../../core/working-groups/schemas';

/** Working groups as workspaces (issue 16): read by their members only, led by their chairs and secretary. */

let t: TestApp;
const ids = new Map<string, string>();
const groupIds = new Map<string, string>();

beforeAll(async () => {
  t = await createTestApp();
  for (const [username, id] of await t.signInAll([
    'isf.police',
    'isf.supervisor',
    'isf.hebron',
    'pasf.supervisor',
    'pasf.hebron',
    'pasf.police',
    'coord.gbr',
    'coord.duty',
  ]))
    ids.set(username, id);
  for (const group of (
    await call('isf.police', 'GET', '/api/working-groups')
  ).json() as WorkingGroupSummary[])
    groupIds.set(group.code, group.id);
}, 60_000);
afterAll(() => t?.close());

const call = (...args: Parameters<TestApp['call']>) => t.call(...args);
const cid = () => groupIds.get('WG-CID') as string;
const codes = async (user: string) =>
  ((await call(user, 'GET', '/api/working-groups')).json() as WorkingGroupSummary[]).map(
    (group) => group.code,
  );

describe('working groups', () => {
  it('lists only the groups the reader belongs to', async () => {
    expect(await codes('isf.police')).toEqual(['WG-CID', 'WG-NARCOTICS', 'WG-SPECIAL', 'WG-TRAFFIC']);
    expect(await codes('coord.gbr')).toEqual(['WG-CID']);
    expect(await codes('isf.hebron')).toEqual([]);
    expect(await codes('coord.duty')).toEqual([]);
  });

  it('shows a group with its scope, members per party, chairs and secretary, at its level', async () => {
    const group = (
      await call('pasf.supervisor', 'GET', `/api/working-groups/${cid()}`)
    ).json() as WorkingGroupDetail;
    expect(group).toMatchObject({
      code: 'WG-CID',
      parties: ['USSC', 'ISF', 'PASF'],
      scope: { en: expect.stringMatching(/Hebron H1/) },
      marking: { level: 'C', groups: ['WG-CID'] },
      secretary: { username: 'coord.gbr', office: 'secretary' },
      actions: { manageMembers: true, scheduleMeetings: true },
    });
    expect(group.chairs.map((chair) => [chair.username, chair.party])).toEqual([
      ['isf.supervisor', 'ISF'],
      ['pasf.supervisor', 'PASF'],
    ]);
    const plain = (
      await call('pasf.police', 'GET', `/api/working-groups/${cid()}`)
    ).json() as WorkingGroupDetail;
    expect(plain.actions).toEqual({ manageMembers: false, scheduleMeetings: false });
  });

  it('answers an outsider exactly as for a group that does not exist', async () => {
    const outsider = await call('isf.hebron', 'GET', `/api/working-groups/${cid()}`);
    const missing = await call(
      'isf.hebron',
      'GET',
      '/api/working-groups/00000000-0000-4000-8000-000000000000',
    );
    expect(outsider.statusCode).toBe(404);
    expect({ ...outsider.json(), instance: null }).toEqual({ ...missing.json(), instance: null });
  });

  it('lets a chair add and remove the people of their own party only, and the secretary anyone', async () => {
    const members = (body: WorkingGroupDetail) => body.members.map((member) => member.username);
    const other = await call('isf.supervisor', 'POST', `/api/working-groups/${cid()}/members`, {
      userId: ids.get('pasf.hebron'),
    });
    expect(other.json()).toMatchObject({ status: 403, code: 'other_party' });
    const notLead = await call('pasf.police', 'POST', `/api/working-groups/${cid()}/members`, {
      userId: ids.get('pasf.hebron'),
    });
    expect(notLead.json()).toMatchObject({ status: 403, code: 'not_a_lead' });
    const outsider = await call('isf.hebron', 'POST', `/api/working-groups/${cid()}/members`, {
      userId: ids.get('isf.hebron'),
    });
    expect(outsider.statusCode).toBe(404);

    const added = await call('pasf.supervisor', 'POST', `/api/working-groups/${cid()}/members`, {
      userId: ids.get('pasf.hebron'),
    });
    expect(added.statusCode, added.body).toBe(200);
    expect(members(added.json())).toContain('pasf.hebron');
    // The directory's membership is what changed: the new member reads the group (once signed in again).
    await t.signIn('pasf.hebron');
    expect(await codes('pasf.hebron')).toEqual(['WG-CID']);

    const bySecretary = await call('coord.gbr', 'POST', `/api/working-groups/${cid()}/members`, {
      userId: ids.get('isf.hebron'),
    });
    expect(bySecretary.statusCode, bySecretary.body).toBe(200);
    const removed = await call(
      'coord.gbr',
      'DELETE',
      `/api/working-groups/${cid()}/members/${ids.get('pasf.hebron')}`,
    );
    expect(removed.statusCode, removed.body).toBe(200);
    expect(members(removed.json())).not.toContain('pasf.hebron');
    await t.signIn('pasf.hebron');
    expect(await codes('pasf.hebron')).toEqual([]);
    const unknown = await call('coord.gbr', 'POST', `/api/working-groups/${cid()}/members`, {
      userId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.json()).toMatchObject({ status: 400, code: 'unknown_user' });
  });
});
