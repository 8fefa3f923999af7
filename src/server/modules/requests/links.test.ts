import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import type { RequestDetail, RequestSummary } from '../../../core/requests/schemas';

/**
 * Links from a request to any record (issue 15): a reader sees a link only
 * where they may see both ends; an incident opens its crisis room in one step
 * and the two link to each other.
 */

let t: TestApp;
let hebronId: string;

beforeAll(async () => {
  t = await createTestApp();
  await t.signInAll(['isf.hebron', 'isf.jenin', 'pasf.hebron', 'coord.duty', 'ussc.chief', 'isf.supervisor']);
  const districts = (await call('coord.duty', 'GET', '/api/directory/districts')).json() as {
    id: string;
    code: string;
  }[];
  hebronId = districts.find((district) => district.code === 'HEBRON')?.id as string;
}, 60_000);
afterAll(() => t?.close());

const call = (...args: Parameters<TestApp['call']>) => t.call(...args);
const view = async (user: string, id: string) =>
  (await call(user, 'GET', `/api/requests/${id}`)).json() as RequestDetail;
const linkedKinds = async (user: string, id: string) =>
  (await view(user, id)).links.map((link) => `${link.kind}:${link.id}`).sort();

async function safeReturn(): Promise<RequestDetail> {
  const response = await call('isf.hebron', 'POST', '/api/requests', {
    type: 'safe-return',
    districtId: hebronId,
    fields: { who: 'A shepherd, 40', description: 'Flock of goats', lastKnownLocation: 'Near Bani Naim' },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

/** A published report of the coordinator, released to `party`: the report's and the release's ids. */
async function releasedReport(party: string) {
  const report = await call('coord.duty', 'POST', '/api/reports', {
    title: `For the ${party} desk`,
    paragraphs: [{ text: 'Roads around Hebron are calm.', marking: { classification: '(U)' } }],
  });
  const reportId = report.json().id as string;
  expect((await call('coord.duty', 'POST', `/api/reports/${reportId}/submit`, {})).statusCode).toBe(200);
  expect((await call('ussc.chief', 'POST', `/api/reports/${reportId}/approve`, {})).statusCode).toBe(200);
  const release = await call('coord.duty', 'POST', `/api/reports/${reportId}/releases`, {
    toParty: party,
    note: 'For the desk',
  });
  expect(release.statusCode, release.body).toBe(201);
  return { reportId, releaseId: release.json().id as string };
}

describe('links to records of any kind', () => {
  let request: RequestDetail;
  let other: RequestDetail;
  let reportId: string;
  let releaseId: string;

  beforeAll(async () => {
    request = await safeReturn();
    other = await safeReturn();
    ({ reportId, releaseId } = await releasedReport('ISF'));
  });

  it('links a release made to the linker, and shows it only to those who may read the release', async () => {
    const linked = await call('isf.hebron', 'POST', `/api/requests/${request.id}/links`, {
      kind: 'release',
      id: releaseId,
    });
    expect(linked.statusCode, linked.body).toBe(200);
    expect((linked.json() as RequestDetail).links).toEqual([
      expect.objectContaining({ kind: 'release', id: releaseId, title: 'For the ISF desk', status: null }),
    ]);
    // The receiving desk reads the request but not a release made to the other party: no link for it.
    expect((await call('pasf.hebron', 'GET', `/api/requests/${request.id}`)).statusCode).toBe(200);
    expect(await linkedKinds('pasf.hebron', request.id)).toEqual([]);
    expect(await linkedKinds('coord.duty', request.id)).toEqual([`release:${releaseId}`]);
  });

  it('links a report for the coordinator, unseen by the parties, and a request by its bare id as before', async () => {
    const report = await call('coord.duty', 'POST', `/api/requests/${request.id}/links`, {
      kind: 'report',
      id: reportId,
    });
    expect(report.statusCode, report.body).toBe(200);
    const bare = await call('isf.hebron', 'POST', `/api/requests/${request.id}/links`, {
      requestId: other.id,
    });
    expect(bare.statusCode, bare.body).toBe(200);
    expect(await linkedKinds('coord.duty', request.id)).toEqual(
      [`release:${releaseId}`, `report:${reportId}`, `request:${other.id}`].sort(),
    );
    expect(await linkedKinds('isf.hebron', request.id)).toEqual(
      [`release:${releaseId}`, `request:${other.id}`].sort(),
    );
    expect(await linkedKinds('pasf.hebron', request.id)).toEqual([`request:${other.id}`]);
    // Either way round for requests.
    expect(await linkedKinds('pasf.hebron', other.id)).toEqual([`request:${request.id}`]);
  });

  it('refuses a record the linker may not read exactly as one that does not exist', async () => {
    const hidden = await call('isf.hebron', 'POST', `/api/requests/${request.id}/links`, {
      kind: 'report',
      id: reportId,
    });
    const missing = await call('isf.hebron', 'POST', `/api/requests/${request.id}/links`, {
      kind: 'report',
      id: '00000000-0000-4000-8000-000000000000',
    });
    expect(hidden.statusCode).toBe(400);
    expect(hidden.json()).toMatchObject({ code: 'unknown_linked_record', errors: [{ path: 'body.id' }] });
    expect({ ...hidden.json(), instance: null }).toEqual({ ...missing.json(), instance: null });
    const kind = await call('isf.hebron', 'POST', `/api/requests/${request.id}/links`, {
      kind: 'meeting-minutes',
      id: reportId,
    });
    expect(kind.statusCode).toBe(400);
    const itself = await call('isf.hebron', 'POST', `/api/requests/${request.id}/links`, {
      kind: 'request',
      id: request.id,
    });
    expect(itself.json()).toMatchObject({ status: 400, code: 'link_to_itself' });
  });

  it('lists the requests linked to a record, and none for a reader who may not see the record', async () => {
    const list = async (user: string, query: string) =>
      (await call(user, 'GET', `/api/requests?${query}`)).json().items as RequestSummary[];
    expect(
      (await list('coord.duty', `linkedKind=report&linkedId=${reportId}`)).map((item) => item.id),
    ).toEqual([request.id]);
    expect(await list('isf.hebron', `linkedKind=report&linkedId=${reportId}`)).toEqual([]);
    expect(
      (await list('isf.hebron', `linkedKind=release&linkedId=${releaseId}`)).map((item) => item.id),
    ).toEqual([request.id]);
    expect(await list('pasf.hebron', `linkedKind=release&linkedId=${releaseId}`)).toEqual([]);
    const half = await call('isf.hebron', 'GET', `/api/requests?linkedKind=report`);
    expect(half.json()).toMatchObject({ status: 400, code: 'linked_needs_both' });
  });
});

describe("an incident's crisis room", () => {
  let incident: RequestDetail;

  beforeAll(async () => {
    const response = await call('isf.hebron', 'POST', '/api/requests', {
      type: 'incident',
      districtId: hebronId,
      fields: {
        location: 'Shuhada Street checkpoint',
        severity: 'serious',
        description: 'Stones thrown at a patrol; two lightly hurt',
      },
    });
    expect(response.statusCode, response.body).toBe(201);
    incident = response.json();
  });

  it('is opened by the coordinator alone, and only for a request type that has one', async () => {
    const party = await call('isf.supervisor', 'POST', `/api/requests/${incident.id}/crisis-room`);
    expect(party.json()).toMatchObject({ status: 403, code: 'coordinator_only' });
    const notIncident = await call(
      'coord.duty',
      'POST',
      `/api/requests/${(await safeReturn()).id}/crisis-room`,
    );
    expect(notIncident.json()).toMatchObject({ status: 409, code: 'no_crisis_room' });
  });

  it('opens in one step with both desks, marked as the request, and the two link to each other', async () => {
    const opened = await call('coord.duty', 'POST', `/api/requests/${incident.id}/crisis-room`);
    expect(opened.statusCode, opened.body).toBe(201);
    const { channelId } = opened.json() as { channelId: string };
    const room = (await call('isf.hebron', 'GET', `/api/channels/${channelId}`)).json();
    expect(room).toMatchObject({ kind: 'crisis', marking: { level: incident.marking.level } });
    expect(room.name).toContain(incident.reference);
    const members = (room.members as { username: string }[]).map((member) => member.username);
    expect(members).toEqual(expect.arrayContaining(['coord.duty', 'isf.hebron', 'pasf.hebron']));
    expect(members).not.toContain('isf.jenin');
    for (const user of ['isf.hebron', 'pasf.hebron', 'coord.duty']) {
      expect(await linkedKinds(user, incident.id)).toEqual([`channel:${channelId}`]);
      const linked = (
        await call(user, 'GET', `/api/requests?linkedKind=channel&linkedId=${channelId}`)
      ).json();
      expect(linked.items.map((item: RequestSummary) => item.id)).toEqual([incident.id]);
    }
    // An officer of the same party who is not in the room reads the request, but no link to a room not theirs.
    expect((await call('isf.jenin', 'GET', `/api/requests/${incident.id}`)).statusCode).toBe(200);
    expect(await linkedKinds('isf.jenin', incident.id)).toEqual([]);

    const again = await call('coord.duty', 'POST', `/api/requests/${incident.id}/crisis-room`);
    expect(again.json()).toMatchObject({ status: 409, code: 'crisis_room_exists' });
  });
});
