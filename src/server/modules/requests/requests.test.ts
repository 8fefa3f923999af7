import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import type { RequestDetail, RequestTypeView } from '../../../core/requests/schemas';

let t: TestApp;
let hebronId: string;
let liaisonId: string;
let hebronH2Id: string;
let jeninId: string;

beforeAll(async () => {
  t = await createTestApp();
  for (const user of [
    'isf.hebron',
    'isf.supervisor',
    'isf.jenin',
    'pasf.hebron',
    'pasf.supervisor',
    'pasf.jenin',
    'coord.duty',
    'coord.gbr',
    'ussc.ssr',
    'admin',
  ])
    await t.signIn(user);
  const districts = (await call('admin', 'GET', '/api/directory/districts')).json() as {
    id: string;
    code: string;
  }[];
  const id = (code: string) => districts.find((district) => district.code === code)?.id as string;
  hebronId = id('HEBRON');
  liaisonId = id('LO-HEBRON');
  hebronH2Id = id('HEBRON-H2');
  jeninId = id('JENIN');
}, 60_000);
afterAll(() => t?.close());

const call = (...args: Parameters<TestApp['call']>) => t.call(...args);

const safeReturn = (overrides: Record<string, unknown> = {}) => ({
  type: 'safe-return',
  districtId: hebronId,
  fields: {
    who: 'Two Israeli civilians, 19 and 20',
    description: 'White Kia Picanto, Israeli plates',
    lastKnownLocation: 'Bab al-Zawiya, Hebron H1',
  },
  ...overrides,
});

async function submit(
  user = 'isf.hebron',
  body: Record<string, unknown> = safeReturn(),
): Promise<RequestDetail> {
  const response = await call(user, 'POST', '/api/requests', body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

async function act(user: string, id: string, action: string, extra: Record<string, string> = {}) {
  return call(user, 'POST', `/api/requests/${id}/transitions`, { action, ...extra });
}

const view = async (user: string, id: string) => call(user, 'GET', `/api/requests/${id}`);

describe('request types', () => {
  it('lists the deployment types with their forms as JSON Schema and labels in three languages', async () => {
    const response = await call('isf.hebron', 'GET', '/api/request-types');
    expect(response.statusCode).toBe(200);
    const types = response.json() as RequestTypeView[];
    const safe = types.find((type) => type.code === 'safe-return');
    expect(safe?.sla.critical.acknowledgeMinutes).toBe(5);
    expect(safe?.fields.find((field) => field.key === 'lastKnownLocation')?.labels.ar).toBe('آخر موقع معروف');
    expect(safe?.schema).toMatchObject({
      type: 'object',
      required: ['who', 'description', 'lastKnownLocation'],
    });
  });

  it('is not for strangers', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/request-types' })).statusCode).toBe(401);
  });
});

describe('a safe-return request from ISF Hebron', () => {
  let request: RequestDetail;

  beforeAll(async () => {
    request = await submit();
  });

  it('goes to the PASF desk of the district, with its SLA clock running', async () => {
    expect(request).toMatchObject({
      status: 'submitted',
      priority: 'critical',
      fromParty: 'ISF',
      toParty: 'PASF',
      receivingDesk: { code: 'PASF-HEBRON' },
      summary: 'Two Israeli civilians, 19 and 20',
      actions: ['cancel'],
      marking: { banner: 'UNCLASSIFIED', parties: ['ISF', 'PASF', 'USSC'] },
    });
    expect(request.reference).toMatch(/^REQ-\d{8}$/);
    const submitted = Date.parse(request.submittedAt ?? '');
    expect(Date.parse(request.deadlines.acknowledgeBy ?? '') - submitted).toBe(5 * 60_000);
    expect(request.deadlines.next).toEqual({ milestone: 'acknowledge', at: request.deadlines.acknowledgeBy });
  });

  it('also reaches the desk when sent for an area of the district (Hebron H2)', async () => {
    const h2 = await submit('isf.hebron', safeReturn({ districtId: hebronH2Id }));
    expect(h2.receivingDesk.code).toBe('PASF-HEBRON');
    expect(h2.district.code).toBe('HEBRON-H2');
  });

  it("appears in the receiving desk's inbox, where acknowledging is the only thing to do", async () => {
    const inbox = (await call('pasf.hebron', 'GET', '/api/requests?box=received&state=open')).json();
    expect(inbox.items.map((item: { id: string }) => item.id)).toContain(request.id);
    expect((await view('pasf.hebron', request.id)).json().actions).toEqual(['acknowledge']);
    expect((await call('isf.hebron', 'GET', '/api/requests?box=received')).json().items).toEqual([]);
  });

  it('refuses actions out of turn: nobody approves before acknowledging, the requester does not acknowledge', async () => {
    const early = await act('pasf.hebron', request.id, 'approve');
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toMatch(/submitted request cannot be given "approve"/);
    const wrongSide = await act('isf.hebron', request.id, 'acknowledge');
    expect(wrongSide.statusCode).toBe(403);
    expect(wrongSide.json().detail).toMatch(/Only the receiving desk/);
    // A PASF officer of another desk sees the request (party audience) but does not answer for Hebron.
    expect((await act('pasf.jenin', request.id, 'acknowledge')).statusCode).toBe(403);
  });

  it('runs to completion: acknowledged, approved with a handover point, located, secured, en route, handed over', async () => {
    expect((await act('pasf.hebron', request.id, 'acknowledge')).json().status).toBe('acknowledged');

    const noConditions = await act('pasf.hebron', request.id, 'approve-with-conditions');
    expect(noConditions.statusCode).toBe(400);
    expect(noConditions.json().errors).toEqual([
      { path: 'body.conditions', message: 'State the conditions' },
    ]);

    const approved = await act('pasf.hebron', request.id, 'approve-with-conditions', {
      conditions: 'Handover at the DCO checkpoint at Tarqumiya, escorted by PASF Civil Police',
    });
    expect(approved.json()).toMatchObject({
      status: 'approved-with-conditions',
      conditions: expect.stringMatching(/Tarqumiya/),
    });
    expect((await act('pasf.hebron', request.id, 'start')).json().status).toBe('in-progress');
    // A safe return ends with its handover, not with a bare "complete".
    const complete = await act('pasf.hebron', request.id, 'complete');
    expect(complete.statusCode).toBe(409);
    expect(complete.json().detail).toMatch(/handover/);
    for (const [action, status] of [
      ['locate', 'located'],
      ['secure', 'secured'],
      ['depart', 'en-route'],
    ] as const)
      expect((await act('pasf.hebron', request.id, action)).json().status).toBe(status);
    const handover = {
      placeId: liaisonId,
      at: new Date(Date.parse(request.submittedAt ?? '') + 60_000).toISOString(),
      receivedBy: 'Capt. Levi, ISF liaison, Tarqumiya',
      condition: 'Unharmed; one with a sprained ankle',
    };
    const incomplete = await act('pasf.hebron', request.id, 'hand-over', { placeId: liaisonId });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().errors.map((error: { path: string }) => error.path)).toEqual([
      'body.at',
      'body.receivedBy',
      'body.condition',
    ]);
    const future = await act('pasf.hebron', request.id, 'hand-over', {
      ...handover,
      at: new Date(Date.parse(request.submittedAt ?? '') + 86_400_000).toISOString(),
    });
    expect(future.json()).toMatchObject({ status: 400, code: 'handover_in_future' });
    const nowhere = await act('pasf.hebron', request.id, 'hand-over', {
      ...handover,
      placeId: '00000000-0000-4000-8000-000000000000',
    });
    expect(nowhere.json()).toMatchObject({ status: 400, code: 'unknown_place' });
    const governorate = await act('pasf.hebron', request.id, 'hand-over', { ...handover, placeId: hebronId });
    expect(governorate.json()).toMatchObject({ status: 400, code: 'not_a_handover_place' });
    const early = await act('pasf.hebron', request.id, 'hand-over', {
      ...handover,
      at: new Date(Date.parse(request.submittedAt ?? '') - 60_000).toISOString(),
    });
    expect(early.json()).toMatchObject({ status: 400, code: 'handover_before_request' });
    const stray = await act('pasf.hebron', request.id, 'hand-over', { ...handover, answer: 'approve' });
    expect(stray.json()).toMatchObject({ status: 400, code: 'field_not_for_action' });
    expect((await view('pasf.hebron', request.id)).json().status).toBe('en-route');

    const completed = (await act('pasf.hebron', request.id, 'hand-over', handover)).json() as RequestDetail;
    expect(completed.status).toBe('completed');
    expect(completed.handover).toMatchObject({
      place: { id: liaisonId, code: 'LO-HEBRON' },
      at: handover.at,
      receivedBy: handover.receivedBy,
      condition: handover.condition,
    });
    expect(completed.deadlines.next).toBeNull();
    expect(completed.actions).toEqual([]);
    // The requesting side reads where and to whom its people were handed over.
    expect((await view('isf.hebron', request.id)).json().handover.receivedBy).toBe(handover.receivedBy);
  });

  it('shows the coordinator the whole timeline, each step with actor, party and desk', async () => {
    const detail = (await view('coord.duty', request.id)).json() as RequestDetail;
    const transitions = detail.timeline.filter((entry) => entry.kind !== 'escalation');
    expect(
      transitions.map((entry) => [entry.action, entry.toStatus, entry.actorParty, entry.desk?.code ?? null]),
    ).toEqual([
      ['create', 'draft', 'ISF', 'ISF-HEBRON'],
      ['submit', 'submitted', 'ISF', 'ISF-HEBRON'],
      ['acknowledge', 'acknowledged', 'PASF', 'PASF-HEBRON'],
      ['approve-with-conditions', 'approved-with-conditions', 'PASF', 'PASF-HEBRON'],
      ['start', 'in-progress', 'PASF', 'PASF-HEBRON'],
      ['locate', 'located', 'PASF', 'PASF-HEBRON'],
      ['secure', 'secured', 'PASF', 'PASF-HEBRON'],
      ['depart', 'en-route', 'PASF', 'PASF-HEBRON'],
      ['hand-over', 'completed', 'PASF', 'PASF-HEBRON'],
    ]);
    expect(transitions[3]?.conditions).toMatch(/Tarqumiya/);
    expect(transitions[2]?.actor?.displayName).toBeTruthy();
  });

  it('told the requester of each move the other side made', async () => {
    const { items } = (await call('isf.hebron', 'GET', '/api/notifications')).json();
    const about = items.filter((item: { requestId: string }) => item.requestId === request.id);
    expect(about.map((item: { detail: string }) => item.detail).sort()).toEqual(
      [
        'acknowledged',
        'approved-with-conditions',
        'in-progress',
        'located',
        'secured',
        'en-route',
        'completed',
      ].sort(),
    );
    for (const item of about) expect(Object.keys(item).sort()).not.toContain('fields');
  });
});

describe('what the form accepts', () => {
  it('names every missing field of the type', async () => {
    const response = await call('isf.hebron', 'POST', '/api/requests', safeReturn({ fields: { who: 'x' } }));
    expect(response.statusCode).toBe(400);
    expect(
      response
        .json()
        .errors.map((error: { path: string }) => error.path)
        .sort(),
    ).toEqual(['body.fields.description', 'body.fields.lastKnownLocation']);
  });

  it('refuses an unknown type, an unknown district, and a field the type does not have', async () => {
    const unknownType = await call('isf.hebron', 'POST', '/api/requests', safeReturn({ type: 'airstrike' }));
    expect(unknownType.json()).toMatchObject({ status: 400, errors: [{ path: 'body.type' }] });
    const unknownDistrict = await call(
      'isf.hebron',
      'POST',
      '/api/requests',
      safeReturn({ districtId: '00000000-0000-4000-8000-000000000000' }),
    );
    expect(unknownDistrict.json()).toMatchObject({ status: 400, errors: [{ path: 'body.districtId' }] });
    const extra = await call(
      'isf.hebron',
      'POST',
      '/api/requests',
      safeReturn({ fields: { ...safeReturn().fields, colour: 'red' } }),
    );
    expect(extra.statusCode).toBe(400);
    expect(extra.json().detail).toMatch(/Unknown field colour/);
  });

  it('keeps a draft to its own party until it is submitted, then checks it in full', async () => {
    const draft = await submit('isf.hebron', safeReturn({ draft: true, fields: { who: 'Unknown yet' } }));
    expect(draft.status).toBe('draft');
    expect((await view('pasf.hebron', draft.id)).statusCode).toBe(404);
    expect((await view('coord.duty', draft.id)).statusCode).toBe(404);
    expect((await view('isf.supervisor', draft.id)).statusCode).toBe(200);
    const incomplete = await act('isf.hebron', draft.id, 'submit');
    expect(incomplete.statusCode).toBe(400);
    const edited = await call('isf.hebron', 'PATCH', `/api/requests/${draft.id}`, {
      fields: safeReturn().fields,
    });
    expect(edited.statusCode).toBe(200);
    expect((await act('isf.hebron', draft.id, 'submit')).json().status).toBe('submitted');
    expect((await view('pasf.hebron', draft.id)).statusCode).toBe(200);
  });

  it('needs a coordinator to say which party a request is for', async () => {
    const rfi = {
      type: 'rfi',
      districtId: jeninId,
      fields: { question: 'Is the Jenin road open?', category: 'security' },
    };
    const missing = await call('coord.duty', 'POST', '/api/requests', rfi);
    expect(missing.json()).toMatchObject({ status: 400, errors: [{ path: 'body.toParty' }] });
    const sent = await submit('coord.duty', { ...rfi, toParty: 'PASF' });
    expect(sent).toMatchObject({ fromParty: 'USSC', toParty: 'PASF', receivingDesk: { code: 'PASF-JENIN' } });
  });

  it('refuses a marking the receiving desk could not read, while the author can still fix it', async () => {
    const response = await call(
      'isf.supervisor',
      'POST',
      '/api/requests',
      safeReturn({ marking: { classification: 'SECRET' } }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('marking_hides_from_receiver');
  });
});

describe('who sees a request', () => {
  let confidential: RequestDetail;
  let relTo: RequestDetail;

  beforeAll(async () => {
    confidential = await submit('isf.hebron', safeReturn({ marking: { classification: 'CONFIDENTIAL' } }));
    relTo = await submit(
      'isf.hebron',
      safeReturn({ marking: { classification: '(C//REL TO USA, ISR, PSE)' } }),
    );
  });

  it('hides it from a user below its level, through the list and by id, and does not tell them of it', async () => {
    expect((await view('ussc.ssr', confidential.id)).statusCode).toBe(404);
    const list = (await call('ussc.ssr', 'GET', '/api/requests?limit=200')).json();
    expect(list.items.map((item: { id: string }) => item.id)).not.toContain(confidential.id);
    expect((await act('ussc.ssr', confidential.id, 'cancel', { reason: 'probe' })).statusCode).toBe(404);
    expect(
      (await call('ussc.ssr', 'POST', `/api/requests/${confidential.id}/comments`, { body: 'probe' }))
        .statusCode,
    ).toBe(404);
  });

  it('hides a REL TO request from a coordinator whose nationality is not listed', async () => {
    expect((await view('coord.duty', relTo.id)).statusCode).toBe(200);
    expect((await view('coord.gbr', relTo.id)).statusCode).toBe(404);
    expect((await view('pasf.hebron', relTo.id)).statusCode).toBe(200);
  });

  it("keeps a party's internal notes from the other party and the coordinator", async () => {
    const note = await call('isf.hebron', 'POST', `/api/requests/${confidential.id}/comments`, {
      body: 'Family says one of them has a heart condition; do not tell PASF yet',
      internal: true,
    });
    expect(note.statusCode).toBe(201);
    expect(note.json()).toMatchObject({ internal: true, authorParty: 'ISF' });
    const open = await call('pasf.hebron', 'POST', `/api/requests/${confidential.id}/comments`, {
      body: 'Our patrol is on the way / الدورية في الطريق',
    });
    expect(open.statusCode).toBe(201);

    const bodies = async (user: string) =>
      ((await view(user, confidential.id)).json() as RequestDetail).comments.map((comment) => comment.body);
    expect(await bodies('isf.supervisor')).toHaveLength(2);
    for (const outsider of ['pasf.hebron', 'pasf.supervisor', 'coord.duty']) {
      expect(await bodies(outsider)).toEqual(['Our patrol is on the way / الدورية في الطريق']);
    }
    // Nor through the audit log, which coordinators read.
    const audit = (await call('coord.duty', 'GET', '/api/audit/entries?action=request.commented')).json();
    const details = JSON.stringify(audit);
    expect(details).not.toContain(note.json().id);
  });

  it('lets only its parties and the coordinator write in the thread', async () => {
    const admin = await call('admin', 'POST', `/api/requests/${confidential.id}/comments`, { body: 'hello' });
    expect([403, 404]).toContain(admin.statusCode);
  });
});

describe('files and links in the thread', () => {
  let request: RequestDetail;
  const pdf = Buffer.from(
    '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  );
  const upload = (
    user: string,
    id: string,
    body: Buffer,
    query: string,
    contentType = 'application/octet-stream',
  ) =>
    t.app.inject({
      method: 'POST',
      url: `/api/requests/${id}/attachments?${query}`,
      headers: { cookie: t.cookieOf(user), 'content-type': contentType },
      payload: body,
    });

  beforeAll(async () => {
    request = await submit('isf.hebron', safeReturn({ marking: { classification: 'CONFIDENTIAL' } }));
  });

  it('takes the type from the content, not from the name or the Content-Type the client claims', async () => {
    const response = await upload(
      'isf.hebron',
      request.id,
      pdf,
      `filename=${encodeURIComponent('خريطة المسار.png')}`,
      'image/png',
    );
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      mediaType: 'application/pdf',
      filename: 'خريطة المسار.png',
      size: pdf.length,
    });

    const download = await t.app.inject({
      url: `/api/requests/${request.id}/attachments/${response.json().id}`,
      headers: { cookie: t.cookieOf('pasf.hebron') },
    });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('خريطة المسار.png')}`,
    );
    expect(download.rawPayload.equals(pdf)).toBe(true);
  });

  it('refuses a program dressed as a picture, an empty file and one over the limit, with the reason', async () => {
    const program = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
    const refused = await upload('isf.hebron', request.id, program, 'filename=photo.png', 'image/png');
    expect(refused.statusCode).toBe(415);
    expect(refused.json().detail).toMatch(/attach PDF, PNG, JPEG/);
    expect((await upload('isf.hebron', request.id, Buffer.alloc(0), 'filename=empty.txt')).statusCode).toBe(
      400,
    );
    const huge = await upload(
      'isf.hebron',
      request.id,
      Buffer.alloc(10 * 1024 * 1024 + 1, 0x41),
      'filename=big.txt',
    );
    expect(huge.statusCode).toBe(413);
    const missingName = await upload('isf.hebron', request.id, pdf, '');
    expect(missingName.json()).toMatchObject({ status: 400, errors: [{ path: 'querystring.filename' }] });
    const list = (await call('isf.hebron', 'GET', `/api/requests/${request.id}/attachments`)).json();
    expect(list.map((file: { filename: string }) => file.filename)).toEqual(['خريطة المسار.png']);
  });

  it("keeps an internal file within the uploader's party, and every file from those who may not see the request", async () => {
    const note = Buffer.from('Informant: Abu Ali, 052-000-0000\n');
    const internal = (
      await upload('isf.hebron', request.id, note, 'filename=source.txt&internal=true')
    ).json();
    expect(internal).toMatchObject({ internal: true, mediaType: 'text/plain' });
    const download = (user: string) =>
      t.app.inject({
        url: `/api/requests/${request.id}/attachments/${internal.id}`,
        headers: { cookie: t.cookieOf(user) },
      });
    expect((await download('isf.supervisor')).statusCode).toBe(200);
    for (const outsider of ['pasf.hebron', 'coord.duty', 'ussc.ssr'])
      expect((await download(outsider)).statusCode).toBe(404);
    const pasfView = (await view('pasf.hebron', request.id)).json() as RequestDetail;
    expect(pasfView.attachments.map((file) => file.filename)).toEqual(['خريطة المسار.png']);
    expect((await call('ussc.ssr', 'GET', `/api/requests/${request.id}/attachments`)).statusCode).toBe(404);
  });

  it('links related requests, each shown only to those who may see it', async () => {
    const open = await submit();
    const linked = await call('isf.hebron', 'POST', `/api/requests/${open.id}/links`, {
      requestId: request.id,
    });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json().links.map((link: { id: string }) => link.id)).toEqual([request.id]);
    // Both ways round.
    expect(
      ((await view('pasf.hebron', request.id)).json() as RequestDetail).links.map((link) => link.id),
    ).toEqual([open.id]);
    // ussc.ssr sees the unclassified request but not the confidential one it is linked to.
    expect(((await view('ussc.ssr', open.id)).json() as RequestDetail).links).toEqual([]);
    const probe = await call('ussc.ssr', 'POST', `/api/requests/${open.id}/links`, { requestId: request.id });
    expect([400, 403]).toContain(probe.statusCode);
    expect(probe.body).not.toContain(request.reference);
  });
});
