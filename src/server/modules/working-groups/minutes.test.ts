import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import type { MinutesView } from '../../../core/minutes/schemas';
import type { WorkingGroupSummary } from '../../../core/working-groups/schemas';

/**
 * Minutes both parties sign (issue 16, item 3): written by the leads,
 * circulated, signed by each party's chair on the same version; an edit voids
 * the signatures of the version before; signed minutes are read-only.
 */

let t: TestApp;
let meetingId: string;
let secretMeetingId: string;

const AR = 'اتفق الطرفان على تبادل ملفات قضايا السرقة في الخليل H1 أسبوعياً';
const HE = 'הוסכם על סיור משותף ברחוב השוהדא פעמיים בשבוע';

beforeAll(async () => {
  t = await createTestApp();
  const ids = await t.signInAll([
    'coord.gbr',
    'isf.supervisor',
    'pasf.supervisor',
    'pasf.police',
    'isf.police',
    'isf.hebron',
  ]);
  const groups = (await t.call('coord.gbr', 'GET', '/api/working-groups')).json() as WorkingGroupSummary[];
  const cid = groups.find((group) => group.code === 'WG-CID') as WorkingGroupSummary;
  // Meetings are scheduled through their own API (meetings.test.ts); here they are rows of the real database.
  const meeting = (level: string) =>
    t.database.db
      .insertInto('meetings')
      .values({
        group_id: cid.id,
        title: `Monthly meeting (${level})`,
        starts_at: new Date('2026-11-20T08:00:00Z'),
        ends_at: new Date('2026-11-20T10:00:00Z'),
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
      .executeTakeFirstOrThrow();
  meetingId = (await meeting('C')).id;
  secretMeetingId = (await meeting('S')).id;
}, 60_000);
afterAll(() => t?.close());

const minutesUrl = (id = meetingId) => `/api/meetings/${id}/minutes`;
const read = async (user: string) => (await t.call(user, 'GET', minutesUrl())).json() as MinutesView;
const kinds = async (user: string) =>
  ((await t.call(user, 'GET', '/api/notifications')).json() as { items: { kind: string }[] }).items.map(
    (item) => item.kind,
  );
const sections = (text: string) => [
  { heading: 'البند 1: السرقات', text: AR, decisions: ['تبادل أسبوعي للملفات'] },
  { heading: 'סעיף 2: סיורים', text, decisions: [] },
];

describe('minutes both parties sign', () => {
  it('is written by a lead, not by a plain member, and read by no outsider', async () => {
    expect(await read('isf.supervisor')).toMatchObject({
      status: null,
      version: 0,
      signingParties: ['ISF', 'PASF'],
    });
    const member = await t.call('pasf.police', 'PUT', minutesUrl(), {
      baseVersion: 0,
      sections: sections(HE),
    });
    expect(member.json()).toMatchObject({ status: 403, code: 'not_a_lead' });
    const outsider = await t.call('isf.hebron', 'GET', minutesUrl());
    const missing = await t.call('isf.hebron', 'GET', minutesUrl('00000000-0000-4000-8000-000000000000'));
    expect(outsider.statusCode).toBe(404);
    expect({ ...outsider.json(), instance: null }).toEqual({ ...missing.json(), instance: null });

    const written = await t.call('coord.gbr', 'PUT', minutesUrl(), {
      baseVersion: 0,
      sections: sections(HE),
    });
    expect(written.statusCode, written.body).toBe(200);
    expect(written.json()).toMatchObject({ status: 'draft', version: 1, actions: ['write', 'circulate'] });
    expect(written.json().digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a section over 50,000 characters and a save over a newer version, storing nothing', async () => {
    const long = await t.call('coord.gbr', 'PUT', minutesUrl(), {
      baseVersion: 1,
      sections: [{ heading: 'x', text: 'x'.repeat(50_001) }],
    });
    expect(long.statusCode).toBe(400);
    expect(long.json().errors[0].path).toBe('body.sections.0.text');
    const stale = await t.call('coord.gbr', 'PUT', minutesUrl(), { baseVersion: 0, sections: sections('x') });
    expect(stale.json()).toMatchObject({ status: 409, code: 'minutes_changed' });
    expect((await read('coord.gbr')).version).toBe(1);
  });

  it('is signed by each chair on one version; an edit voids the signature before it', async () => {
    expect(
      (await t.call('isf.supervisor', 'POST', `${minutesUrl()}/signatures`, { version: 1 })).json(),
    ).toMatchObject({
      status: 409,
      code: 'minutes_not_circulated',
    });
    expect((await t.call('coord.gbr', 'POST', `${minutesUrl()}/circulate`)).statusCode).toBe(200);
    const bySecretary = await t.call('coord.gbr', 'POST', `${minutesUrl()}/signatures`, { version: 1 });
    expect(bySecretary.json()).toMatchObject({ status: 403, code: 'not_a_chair' });

    const isf = await t.call('isf.supervisor', 'POST', `${minutesUrl()}/signatures`, { version: 1 });
    expect(isf.statusCode, isf.body).toBe(200);
    expect(isf.json().signatures.map((signature: { party: string }) => signature.party)).toEqual(['ISF']);

    // The chairs heard the minutes wait for their signature; the secretary, who circulated them, did not.
    expect(await kinds('pasf.supervisor')).toContain('minutes.circulated');
    expect(await kinds('coord.gbr')).not.toContain('minutes.circulated');

    // PASF asks for a change instead of signing; nobody else may, nor about another version, nor in silence.
    const changeUrl = `${minutesUrl()}/change-requests`;
    const asked = 'البند 2: الدوريات ثلاث مرات في الأسبوع لا مرتين';
    expect((await t.call('coord.gbr', 'POST', changeUrl, { version: 1, note: asked })).json()).toMatchObject({
      status: 403,
      code: 'not_a_chair',
    });
    expect(
      (await t.call('isf.supervisor', 'POST', changeUrl, { version: 1, note: asked })).json(),
    ).toMatchObject({ status: 409, code: 'minutes_signed_by_party' });
    const silent = await t.call('pasf.supervisor', 'POST', changeUrl, { version: 1, note: ' ' });
    expect([silent.statusCode, silent.json().errors[0].path]).toEqual([400, 'body.note']);
    expect(
      (await t.call('pasf.supervisor', 'POST', changeUrl, { version: 7, note: asked })).json(),
    ).toMatchObject({ status: 409, code: 'minutes_version_not_current' });
    const request = await t.call('pasf.supervisor', 'POST', changeUrl, { version: 1, note: asked });
    expect(request.statusCode, request.body).toBe(201);
    expect(request.json().changeRequests).toMatchObject([{ party: 'PASF', version: 1, note: asked }]);
    expect(await kinds('coord.gbr')).toContain('minutes.change-requested');
    expect(await kinds('pasf.police')).not.toContain('minutes.change-requested');

    // The secretary edits: a new version, ISF's signature no longer counts.
    const edited = HE.replace('פעמיים', 'שלוש פעמים');
    const v2 = await t.call('coord.gbr', 'PUT', minutesUrl(), { baseVersion: 1, sections: sections(edited) });
    expect(v2.json()).toMatchObject({ status: 'circulated', version: 2, signatures: [] });
    const versions = (await t.call('pasf.supervisor', 'GET', `${minutesUrl()}/versions`)).json();
    expect(versions.map((v: { version: number; signedBy: string[] }) => [v.version, v.signedBy])).toEqual([
      [1, ['ISF']],
      [2, []],
    ]);
    const change = (await t.call('pasf.supervisor', 'GET', `${minutesUrl()}/versions/2`)).json();
    const changed = change.changes.find((c: { change: string }) => c.change === 'changed');
    expect(changed.heading).toBe('סעיף 2: סיורים');
    expect(
      changed.words
        .filter((w: { change: string }) => w.change === 'added')
        .map((w: { text: string }) => w.text.trim()),
    ).toContain('שלוש פעמים');

    const stale = await t.call('pasf.supervisor', 'POST', `${minutesUrl()}/signatures`, { version: 1 });
    expect(stale.json()).toMatchObject({ status: 409, code: 'minutes_version_not_current' });
    expect(
      (await t.call('pasf.supervisor', 'POST', `${minutesUrl()}/signatures`, { version: 2 })).statusCode,
    ).toBe(200);
    const signed = await t.call('isf.supervisor', 'POST', `${minutesUrl()}/signatures`, { version: 2 });
    expect(signed.json()).toMatchObject({ status: 'signed', version: 2, actions: [] });
    expect(
      signed
        .json()
        .signatures.map((signature: { party: string }) => signature.party)
        .sort(),
    ).toEqual(['ISF', 'PASF']);
    // The whole group hears the minutes are final; the change asked stays on record with its version.
    expect(await kinds('isf.police')).toContain('minutes.signed');
    expect(await kinds('pasf.police')).toContain('minutes.signed');
    expect(signed.json().changeRequests).toMatchObject([{ party: 'PASF', version: 1 }]);
  });

  it('keeps signed minutes read-only', async () => {
    const edit = await t.call('coord.gbr', 'PUT', minutesUrl(), {
      baseVersion: 2,
      sections: sections('late'),
    });
    expect(edit.json()).toMatchObject({ status: 409, code: 'minutes_signed' });
    expect((await read('isf.police')).version).toBe(2);
  });

  it("keeps a SECRET meeting's minutes from members cleared only for the group's CONFIDENTIAL", async () => {
    expect((await t.call('isf.supervisor', 'GET', minutesUrl(secretMeetingId))).statusCode).toBe(200);
    expect((await t.call('pasf.police', 'GET', minutesUrl(secretMeetingId))).statusCode).toBe(404);
    // Nor does any bell about them reach such a member.
    const url = minutesUrl(secretMeetingId);
    await t.call('coord.gbr', 'PUT', url, { baseVersion: 0, sections: sections('secret') });
    await t.call('coord.gbr', 'POST', `${url}/circulate`);
    const asked = await t.call('isf.supervisor', 'POST', `${url}/change-requests`, { version: 1, note: 'x' });
    expect(asked.statusCode, asked.body).toBe(201);
    await t.call('coord.gbr', 'PUT', url, { baseVersion: 1, sections: sections('secret, again') });
    for (const chair of ['isf.supervisor', 'pasf.supervisor'])
      expect((await t.call(chair, 'POST', `${url}/signatures`, { version: 2 })).statusCode).toBeLessThan(500);
    const bells = (
      (await t.call('pasf.police', 'GET', '/api/notifications')).json() as {
        items: { link: string }[];
      }
    ).items.filter((item) => item.link === `/meetings/${secretMeetingId}`);
    expect(bells).toEqual([]);
  });
});
