import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import type { SearchHit } from '../../../core/search/schemas';
import type { WorkingGroupSummary } from '../../../core/working-groups/schemas';

/**
 * Meetings, minutes and commitments in search (issue 16), under the access
 * rule: found by the group's members cleared for them, in English, Arabic and
 * Hebrew words; by nobody else, not even as a snippet; minutes by their
 * current version only; never a commitment's notes.
 */

let t: TestApp;
let confidential: string;
let secret: string;
let commitmentId: string;

beforeAll(async () => {
  t = await createTestApp();
  const ids = await t.signInAll(['coord.gbr', 'isf.supervisor', 'pasf.police', 'isf.hebron']);
  const groups = (await t.call('coord.gbr', 'GET', '/api/working-groups')).json() as WorkingGroupSummary[];
  const cid = groups.find((group) => group.code === 'WG-CID') as WorkingGroupSummary;
  const meeting = async (level: string, title: string) =>
    (
      await t.database.db
        .insertInto('meetings')
        .values({
          group_id: cid.id,
          title,
          starts_at: new Date('2027-01-14T08:00:00Z'),
          ends_at: new Date('2027-01-14T10:00:00Z'),
          time_zone: 'Asia/Jerusalem',
          created_by: ids.get('coord.gbr') as string,
          created_at: new Date(),
          updated_at: new Date(),
          marking_level: level,
          marking_caveats: [],
          marking_rel_to: null,
          marking_parties: ['USSC', 'ISF', 'PASF'],
          marking_groups: ['WG-CID'],
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  confidential = await meeting('C', 'Quarterly review Zeppelinfield');
  secret = await meeting('S', 'Informant handling Marigoldway');
  const minutes = (
    id: string,
    sections: { heading: string; text: string; decisions?: string[] }[],
    base = 0,
  ) => t.call('coord.gbr', 'PUT', `/api/meetings/${id}/minutes`, { baseVersion: base, sections });
  expect(
    (
      await minutes(confidential, [
        {
          heading: 'السرقات',
          text: 'اتفق الطرفان على تبادل ملفات قضايا السرقة',
          decisions: ['Weekly Quillpost exchange'],
        },
        { heading: 'סיורים', text: 'סיור משותף ברחוב השוהדא' },
      ])
    ).statusCode,
  ).toBe(200);
  expect(
    (await minutes(secret, [{ heading: 'Sources', text: 'Source Bramblecourt met twice' }])).statusCode,
  ).toBe(200);
  const raised = await t.call('coord.gbr', 'POST', '/api/commitments', {
    group: cid.id,
    title: 'Return the Fennimore vehicles',
    doneMeans: 'The owners have them back',
    ownerParty: 'ISF',
    ownerId: ids.get('isf.supervisor'),
    dueOn: '2027-02-01',
  });
  expect(raised.statusCode, raised.body).toBe(201);
  commitmentId = raised.json().id;
  await t.call('isf.supervisor', 'POST', `/api/commitments/${commitmentId}/notes`, {
    body: 'Internal: Wolverhaven knows where they are',
    internal: true,
  });
}, 60_000);
afterAll(() => t?.close());

const search = async (user: string, q: string) => {
  const response = await t.call(user, 'GET', `/api/search?q=${encodeURIComponent(q)}`);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { hits: SearchHit[] }).hits;
};

describe('searching the working groups', () => {
  it('finds meetings, minutes and commitments for a member cleared for them, in three languages', async () => {
    expect(await search('isf.supervisor', 'Zeppelinfield')).toMatchObject([
      { type: 'meeting', id: confidential, reference: 'WG-CID · 2027-01-14' },
    ]);
    const arabic = await search('isf.supervisor', 'السرقة');
    expect(arabic.map((hit) => [hit.type, hit.id])).toContainEqual(['minutes', confidential]);
    expect((await search('isf.supervisor', 'השוהדא')).map((hit) => hit.type)).toEqual(['minutes']);
    expect((await search('isf.supervisor', 'Quillpost'))[0]).toMatchObject({
      type: 'minutes',
      snippet: expect.stringContaining('Quillpost'),
    });
    expect(await search('isf.supervisor', 'Bramblecourt')).toMatchObject([{ type: 'minutes', id: secret }]);
    expect(await search('isf.supervisor', 'Fennimore')).toMatchObject([
      { type: 'commitment', id: commitmentId, reference: 'WG-CID · 2027-02-01' },
    ]);
  });

  it('finds nothing of them for someone outside the group, and nothing of a SECRET meeting for a CONFIDENTIAL member', async () => {
    for (const word of ['Zeppelinfield', 'Quillpost', 'השוהדא', 'Fennimore', 'Bramblecourt', 'Marigoldway'])
      expect(await search('isf.hebron', word), word).toEqual([]);
    expect(await search('pasf.police', 'Quillpost')).toHaveLength(1);
    expect(await search('pasf.police', 'Bramblecourt')).toEqual([]);
    expect(await search('pasf.police', 'Marigoldway')).toEqual([]);
  });

  it("never finds a commitment's notes, and finds minutes by their current version only", async () => {
    for (const user of ['isf.supervisor', 'pasf.police', 'coord.gbr'])
      expect(await search(user, 'Wolverhaven')).toEqual([]);
    const edited = await t.call('coord.gbr', 'PUT', `/api/meetings/${secret}/minutes`, {
      baseVersion: 1,
      sections: [{ heading: 'Sources', text: 'A source met twice' }],
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(await search('isf.supervisor', 'Bramblecourt')).toEqual([]);
  });
});
