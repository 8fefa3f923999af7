import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import type { SearchHit } from '../../../core/search/schemas';
import type { MeetingDetail } from '../../../core/working-groups/meetings';
import type { WorkingGroupSummary } from '../../../core/working-groups/schemas';

/**
 * Meetings, minutes and commitments in search (issue 16), under the rule of
 * their reads: found by the group's members cleared for them, in English,
 * Arabic and Hebrew words (with or without Hebrew prefixes); by nobody else,
 * not even as a snippet; a SECRET meeting of a CONFIDENTIAL group not by a
 * member cleared for CONFIDENTIAL only; minutes by their current version
 * only; never a commitment's notes.
 */

let t: TestApp;
let cid: string;
let confidential: string;
let secret: string;
let commitmentId: string;
let secretCommitment: string;

const ok = async (response: Promise<{ statusCode: number; body: string }>, status = 200) => {
  const answer = await response;
  expect(answer.statusCode, answer.body).toBe(status);
  return JSON.parse(answer.body);
};

async function schedule(body: Record<string, unknown>, agenda: string[]) {
  const meeting: MeetingDetail = await ok(
    t.call('coord.gbr', 'POST', `/api/working-groups/${cid}/meetings`, {
      startsAt: '2027-01-14T10:00:00+02:00',
      endsAt: '2027-01-14T12:00:00+02:00',
      timeZone: 'Asia/Jerusalem',
      ...body,
    }),
    201,
  );
  await ok(
    t.call('coord.gbr', 'PUT', `/api/meetings/${meeting.id}/agenda`, {
      items: agenda.map((title) => ({ title })),
    }),
  );
  return meeting.id;
}

const writeMinutes = (
  id: string,
  sections: { heading: string; text: string; decisions?: string[] }[],
  baseVersion = 0,
) => ok(t.call('coord.gbr', 'PUT', `/api/meetings/${id}/minutes`, { baseVersion, sections }));

beforeAll(async () => {
  t = await createTestApp();
  const ids = await t.signInAll(['coord.gbr', 'isf.supervisor', 'pasf.police', 'isf.hebron', 'pasf.hebron']);
  const groups = (await t.call('coord.gbr', 'GET', '/api/working-groups')).json() as WorkingGroupSummary[];
  cid = (groups.find((group) => group.code === 'WG-CID') as WorkingGroupSummary).id;
  confidential = await schedule({ title: 'Quarterly review Zeppelinfield בחברון' }, [
    'تبادل ملفات الخليل',
    'Harrowgate checkpoints',
  ]);
  secret = await schedule({ title: 'Informant handling Marigoldway', classification: 'SECRET' }, [
    'Source Thistlewick',
  ]);
  await writeMinutes(confidential, [
    {
      heading: 'السرقات',
      text: 'اتفق الطرفان على تبادل ملفات قضايا السرقة',
      decisions: ['Weekly Quillpost exchange'],
    },
    { heading: 'סיורים', text: 'סיור משותף ברחוב השוהדא' },
  ]);
  await writeMinutes(secret, [{ heading: 'Sources', text: 'Source Bramblecourt met twice' }]);
  const commitment = {
    group: cid,
    ownerParty: 'ISF',
    ownerId: ids.get('isf.supervisor'),
  };
  commitmentId = (
    await ok(
      t.call('coord.gbr', 'POST', '/api/commitments', {
        ...commitment,
        title: 'Return the Fennimore vehicles',
        doneMeans: 'The owners have them back in Dura',
        dueOn: '2027-02-01',
      }),
      201,
    )
  ).id;
  const transition = (action: string, extra = {}) =>
    ok(
      t.call('isf.supervisor', 'POST', `/api/commitments/${commitmentId}/transitions`, { action, ...extra }),
    );
  await transition('start');
  await transition('complete', { evidence: { text: 'הרכבים הוחזרו לבעליהם בדורא' } });
  // Raised in the SECRET meeting: marked as it.
  secretCommitment = (
    await ok(
      t.call('coord.gbr', 'POST', '/api/commitments', {
        ...commitment,
        meetingId: secret,
        title: 'Relocate the Corvidmoor source',
        doneMeans: 'Moved',
        dueOn: '2027-02-10',
      }),
      201,
    )
  ).id;
  for (const [body, internal] of [
    ['Internal: Wolverhaven knows where they are', true],
    ['Shared: Oxleybrook garage', false],
  ] as const)
    await ok(
      t.call('isf.supervisor', 'POST', `/api/commitments/${commitmentId}/notes`, { body, internal }),
      201,
    );
}, 90_000);
afterAll(() => t?.close());

const search = async (user: string, q: string, extra = '') => {
  const response = await t.call(user, 'GET', `/api/search?q=${encodeURIComponent(q)}${extra}`);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { hits: SearchHit[] }).hits;
};
const kinds = async (user: string, q: string, extra = '') =>
  (await search(user, q, extra)).map((hit) => [hit.type, hit.paragraphId]);

/** Nothing found, and not a word of it in the answer. */
async function nothing(user: string, word: string) {
  const response = await t.call(user, 'GET', `/api/search?q=${encodeURIComponent(word)}`);
  expect(response.json(), `${user}: ${word}`).toEqual({ hits: [] });
}

const SECRET_WORDS = ['Marigoldway', 'Thistlewick', 'Bramblecourt', 'Corvidmoor'];
const CONFIDENTIAL_WORDS = ['Zeppelinfield', 'Harrowgate', 'Quillpost', 'השוהדא', 'Fennimore', 'דורא'];

describe('searching the working groups', () => {
  it('finds meetings by title and agenda, minutes by section, commitments by their words, for a cleared member', async () => {
    expect(await search('isf.supervisor', 'Zeppelinfield')).toMatchObject([
      {
        type: 'meeting',
        id: confidential,
        paragraphId: confidential,
        reference: 'WG-CID · 2027-01-14',
        title: 'Quarterly review Zeppelinfield בחברון',
        date: '2027-01-14',
        requestId: null,
        portion: { portion: expect.stringContaining('C') },
      },
    ]);
    const [agenda] = await search('isf.supervisor', 'Harrowgate');
    expect(agenda).toMatchObject({ type: 'meeting', id: confidential });
    const [start, end] = agenda?.highlights[0] ?? [0, 0];
    expect(agenda?.snippet.slice(start, end)).toBe('Harrowgate');
    // Arabic, with and without the article.
    for (const word of ['الخليل', 'خليل'])
      expect(await kinds('isf.supervisor', word), word).toEqual([['meeting', confidential]]);
    // Hebrew, with and without its prefix letters, either way round.
    expect(await kinds('isf.supervisor', 'חברון')).toEqual([['meeting', confidential]]);
    expect(await kinds('isf.supervisor', 'רחוב')).toEqual([['minutes', `${confidential}:2`]]);
    expect(await kinds('isf.supervisor', 'בהשוהדא')).toEqual([['minutes', `${confidential}:2`]]);
    expect(await kinds('isf.supervisor', 'السرقة')).toContainEqual(['minutes', `${confidential}:1`]);
    expect((await search('isf.supervisor', 'Quillpost'))[0]).toMatchObject({
      type: 'minutes',
      id: confidential,
      reference: 'WG-CID · 2027-01-14',
      title: 'Quarterly review Zeppelinfield בחברון',
      snippet: expect.stringContaining('Quillpost'),
    });
    expect(await search('isf.supervisor', 'Fennimore')).toMatchObject([
      { type: 'commitment', id: commitmentId, reference: 'WG-CID · 2027-02-01', date: '2027-02-01' },
    ]);
    expect(await kinds('isf.supervisor', 'Dura owners')).toEqual([['commitment', commitmentId]]);
    expect(await kinds('isf.supervisor', 'דורא')).toEqual([['commitment', commitmentId]]);
    // Cleared for SECRET: the SECRET meeting, its minutes, its commitment.
    expect(await kinds('isf.supervisor', 'Marigoldway Thistlewick')).toEqual([['meeting', secret]]);
    expect(await kinds('isf.supervisor', 'Bramblecourt')).toEqual([['minutes', `${secret}:1`]]);
    expect(await kinds('isf.supervisor', 'Corvidmoor')).toEqual([['commitment', secretCommitment]]);
  });

  it('finds nothing for someone outside the group, of either party, and no SECRET words for a CONFIDENTIAL member', async () => {
    for (const user of ['isf.hebron', 'pasf.hebron'])
      for (const word of [...CONFIDENTIAL_WORDS, ...SECRET_WORDS]) await nothing(user, word);
    // pasf.police is a member cleared for CONFIDENTIAL: the SECRET meeting shows them its neutral title only.
    for (const word of SECRET_WORDS) await nothing('pasf.police', word);
    expect(await kinds('pasf.police', 'Quillpost')).toEqual([['minutes', `${confidential}:1`]]);
    expect(await kinds('pasf.police', 'Zeppelinfield')).toEqual([['meeting', confidential]]);
    expect(await kinds('pasf.police', 'Fennimore')).toEqual([['commitment', commitmentId]]);
  });

  it('applies the filters: type, marking, dates; a tag finds none of them', async () => {
    expect(await kinds('isf.supervisor', 'Quillpost', '&type=meeting')).toEqual([]);
    expect(await kinds('isf.supervisor', 'Quillpost', '&type=minutes')).toHaveLength(1);
    expect(await kinds('isf.supervisor', 'Bramblecourt', '&marking=C')).toEqual([]);
    expect(await kinds('isf.supervisor', 'Bramblecourt', '&marking=(S)')).toHaveLength(1);
    expect(await kinds('isf.supervisor', 'Zeppelinfield', '&from=2027-01-15')).toEqual([]);
    expect(await kinds('isf.supervisor', 'Zeppelinfield', '&from=2027-01-14&to=2027-01-14')).toHaveLength(1);
    expect(await kinds('isf.supervisor', 'Fennimore', '&to=2027-01-31')).toEqual([]);
    expect(await kinds('isf.supervisor', 'Fennimore', '&from=2027-02-01')).toHaveLength(1);
    for (const word of ['Zeppelinfield', 'Quillpost', 'Fennimore'])
      expect(await kinds('isf.supervisor', word, '&tag=KWBG')).toEqual([]);
  });

  it('audits the hits as reads', async () => {
    await search('pasf.police', 'Zeppelinfield');
    const entries = await t.database.db
      .selectFrom('audit_log')
      .select(['details', 'marking_level'])
      .where('action', '=', 'record.listed')
      .where('actor_username', '=', 'pasf.police')
      .where('subject_type', '=', 'search')
      .execute();
    expect(entries.map((entry) => entry.details)).toContainEqual(
      expect.objectContaining({ ids: [`meeting:${confidential}`] }),
    );
  });

  it("never finds a commitment's notes, internal or shared", async () => {
    for (const user of ['isf.supervisor', 'pasf.police', 'coord.gbr'])
      for (const word of ['Wolverhaven', 'Oxleybrook']) await nothing(user, word);
  });

  it('follows edits: minutes by their current version only, the agenda and title as they are now', async () => {
    await writeMinutes(secret, [{ heading: 'Sources', text: 'A source met Pemberton twice' }], 1);
    await nothing('isf.supervisor', 'Bramblecourt');
    expect(await kinds('isf.supervisor', 'Pemberton')).toEqual([['minutes', `${secret}:1`]]);
    await ok(
      t.call('coord.gbr', 'PUT', `/api/meetings/${confidential}/agenda`, {
        items: [{ title: 'Roadblocks' }],
      }),
    );
    await nothing('isf.supervisor', 'Harrowgate');
    expect(await kinds('isf.supervisor', 'Roadblocks')).toEqual([['meeting', confidential]]);
    await ok(
      t.call('coord.gbr', 'PATCH', `/api/meetings/${secret}`, { title: 'Informant handling Ravensholt' }),
    );
    await nothing('isf.supervisor', 'Marigoldway');
    expect(await kinds('isf.supervisor', 'Ravensholt')).toEqual([['meeting', secret]]);
    await ok(
      t.call('coord.gbr', 'PATCH', `/api/commitments/${secretCommitment}`, { title: 'Relocate the source' }),
    );
    await nothing('isf.supervisor', 'Corvidmoor');
  });

  it("keeps a group's meetings and minutes from a member no longer cleared for the group's own marking", async () => {
    const groupLevel = (level: string | null) =>
      sql`update groups set level = ${level} where id = ${cid}`.execute(t.database.db);
    await groupLevel('S');
    try {
      // As the meeting's page does (404): the group is above them now, though the meeting is not.
      expect((await t.call('pasf.police', 'GET', `/api/meetings/${confidential}`)).statusCode).toBe(404);
      for (const word of ['Zeppelinfield', 'Quillpost']) await nothing('pasf.police', word);
      expect(await kinds('isf.supervisor', 'Zeppelinfield')).toEqual([['meeting', confidential]]);
    } finally {
      await groupLevel('C');
    }
  });
});
