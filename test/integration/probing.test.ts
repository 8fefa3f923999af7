import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestDetail } from '../../src/core/requests/schemas';
import { LiveClient } from '../support/live-client';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * What a prober found against a running demo (issue 14), each tried again as
 * the prober did it: a user of one party, or a coordinator officer of another
 * nation, looking for what they may not read, and hostile text that used to
 * end in a 500. Runs on PGlite, and on PostgreSQL with TEST_DATABASE_URL.
 */

const USERS = ['isf.hebron', 'pasf.hebron', 'coord.duty', 'coord.gbr', 'admin'] as const;

let t: TestApp;
let baseUrl: string;
let hebronId: string;

beforeAll(async () => {
  t = await createTestApp();
  await t.signInAll(USERS);
  const districts = (await t.call('admin', 'GET', '/api/directory/districts')).json() as {
    id: string;
    code: string;
  }[];
  hebronId = districts.find((district) => district.code === 'HEBRON')?.id as string;
  baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
}, 60_000);
afterAll(() => t?.close());

const safeReturn = (fields: Record<string, string> = {}, extra: Record<string, unknown> = {}) => ({
  type: 'safe-return',
  districtId: hebronId,
  fields: {
    who: 'Two Israeli civilians',
    description: 'White Kia Picanto',
    lastKnownLocation: 'Bab al-Zawiya',
    ...fields,
  },
  ...extra,
});

async function submit(body: Record<string, unknown> = safeReturn()): Promise<RequestDetail> {
  const response = await t.call('isf.hebron', 'POST', '/api/requests', body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const importCable = (user: string, text: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/reports/import',
    headers: { cookie: t.cookieOf(user), 'content-type': 'text/plain; charset=utf-8' },
    payload: text,
  });

describe('a prober', () => {
  it('never learns the id of a request it may not read from a link to it: not live, not on replay, not in the audit log', async () => {
    const open = await submit();
    const draft = await submit(safeReturn({}, { draft: true }));
    expect((await t.call('pasf.hebron', 'GET', `/api/requests/${draft.id}`)).statusCode).toBe(404);
    expect((await t.call('coord.duty', 'GET', `/api/requests/${draft.id}`)).statusCode).toBe(404);
    const { client } = await LiveClient.connect(baseUrl, { cookie: t.cookieOf('pasf.hebron') });
    try {
      const linked = await t.call('isf.hebron', 'POST', `/api/requests/${open.id}/links`, {
        requestId: draft.id,
      });
      expect(linked.statusCode, linked.body).toBe(200);
      // A step PASF hears of after the link: everything before it has been delivered or withheld.
      expect(
        (
          await t.call('isf.hebron', 'POST', `/api/requests/${open.id}/transitions`, {
            action: 'cancel',
            reason: 'Found them',
          })
        ).statusCode,
      ).toBe(200);
      const live = await client.until(
        (message) => message.type === 'request.transitioned' && 'id' in message && message.id === open.id,
      );
      expect(JSON.stringify(live)).not.toContain(draft.id);
    } finally {
      client.close();
    }
    const { client: replaying, replayed } = await LiveClient.connect(
      baseUrl,
      { cookie: t.cookieOf('pasf.hebron') },
      t.app.services.eventCursors.of(0),
    );
    replaying.close();
    expect(JSON.stringify(replayed)).toContain(open.id);
    expect(JSON.stringify(replayed)).not.toContain(draft.id);

    const entries = await t.call('coord.duty', 'GET', '/api/audit/entries?action=request.linked');
    expect(entries.statusCode).toBe(200);
    const linkEntries = entries.json().entries as { subject: { id: string }; details: unknown }[];
    expect(linkEntries.map((entry) => entry.subject.id)).toContain(open.id);
    expect(entries.body).not.toContain(draft.id);
    expect(linkEntries.find((entry) => entry.subject.id === open.id)?.details).toEqual({
      kind: 'request',
      linkedId: null,
    });
  });

  it("finds nothing of another party's draft in the audit log, as a coordinator auditor", async () => {
    const draft = await submit(safeReturn({ who: 'A draft the coordinator never sees' }, { draft: true }));
    expect(
      (await t.call('isf.hebron', 'PATCH', `/api/requests/${draft.id}`, { priority: 'urgent' })).statusCode,
    ).toBe(200);
    for (const auditor of ['coord.duty', 'admin']) {
      const entries = await t.call(auditor, 'GET', `/api/audit/entries?subjectId=${draft.id}`);
      expect(entries.statusCode).toBe(200);
      expect(entries.json().entries).toEqual([]);
    }
    // Once submitted, the trail is the coordinator's to oversee from then on.
    const submitted = await t.call('isf.hebron', 'POST', `/api/requests/${draft.id}/transitions`, {
      action: 'submit',
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const after = (await t.call('coord.duty', 'GET', `/api/audit/entries?subjectId=${draft.id}`)).json()
      .entries as { action: string }[];
    expect(after.map((entry) => entry.action)).toEqual(['request.transitioned']);
  });

  it('reads a release made to its party without learning the id of the original it may not read', async () => {
    const report = await t.call('coord.duty', 'POST', '/api/reports', {
      title: 'For the Hebron desks',
      paragraphs: [{ text: 'A line for both desks.', marking: { classification: '(U)' } }],
    });
    const id = report.json().id as string;
    await t.signIn('ussc.chief');
    expect((await t.call('coord.duty', 'POST', `/api/reports/${id}/submit`, {})).statusCode).toBe(200);
    expect((await t.call('ussc.chief', 'POST', `/api/reports/${id}/approve`, {})).statusCode).toBe(200);
    const release = await t.call('coord.duty', 'POST', `/api/reports/${id}/releases`, {
      toParty: 'PASF',
      note: 'For the desk',
    });
    expect(release.statusCode, release.body).toBe(201);
    expect(release.json().reportId).toBe(id);
    expect((await t.call('pasf.hebron', 'GET', `/api/reports/${id}`)).statusCode).toBe(404);
    const read = await t.call('pasf.hebron', 'GET', `/api/releases/${release.json().id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ reportId: null, title: 'For the Hebron desks' });
    expect((await t.call('pasf.hebron', 'GET', '/api/releases')).body).not.toContain(id);
  });

  it('cannot tell from an import which hidden cables exist: a cable it may not read is not there for it', async () => {
    const hidden = await importCable(
      'coord.duty',
      'SECRET//NOFORN JERUSALEM 000999\nSUBJECT: HIDDEN\n1. (S/NF) Text.\n',
    );
    expect(hidden.statusCode, hidden.body).toBe(201);
    const probe = await importCable(
      'coord.gbr',
      'UNCLASSIFIED JERUSALEM 000999\nSUBJECT: HARMLESS\n1. (U) Nothing to see.\n',
    );
    expect(probe.statusCode, probe.body).toBe(201);
    expect(probe.json().created).toBe(true);
    expect(probe.body).not.toContain(hidden.json().id);
    expect(probe.body).not.toContain(hidden.json().reference);
    // The copy is the prober's own; the same import again is the same copy; the hidden report is untouched.
    const again = await importCable(
      'coord.gbr',
      'UNCLASSIFIED JERUSALEM 000999\nSUBJECT: HARMLESS\n1. (U) Again.\n',
    );
    expect(again.json()).toMatchObject({ id: probe.json().id, created: false });
    const original = await t.call('coord.duty', 'GET', `/api/reports/${hidden.json().id}`);
    expect(original.json()).toMatchObject({ title: 'HIDDEN', source: { key: 'JERUSALEM 000999' } });
    expect((await t.call('coord.gbr', 'GET', `/api/reports/${probe.json().id}`)).json().source.key).toBe(
      'JERUSALEM 000999',
    );
  });

  it('gets a 400 naming the field, never a 500, for a NUL or half a surrogate pair, and nothing is stored', async () => {
    const open = await submit();
    const before = (await t.call('isf.hebron', 'GET', `/api/requests/${open.id}`)).json() as RequestDetail;
    const tries: [string, 'GET' | 'POST' | 'PATCH', string, unknown][] = [
      ['body.fields.who', 'POST', '/api/requests', safeReturn({ who: 'Two\u0000civilians' })],
      ['body.fields.who', 'POST', '/api/requests', safeReturn({ who: 'Two \ud800 civilians' })],
      ['body.body', 'POST', `/api/requests/${open.id}/comments`, { body: 'On our way\u0000' }],
      ['querystring.type', 'GET', '/api/requests?type=safe%00return', undefined],
      ['querystring.tag', 'GET', '/api/search?q=hebron&tag=PG%00OV', undefined],
      ['querystring.action', 'GET', '/api/audit/entries?action=request%00', undefined],
      ['body.displayName', 'PATCH', '/api/me', { displayName: 'Name\u0000' }],
    ];
    for (const [field, method, url, body] of tries) {
      const user = url.startsWith('/api/audit') ? 'coord.duty' : 'isf.hebron';
      const response = await t.call(user, method, url, body);
      expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ code: 'invalid_text', errors: [{ path: field }] });
    }
    const after = (await t.call('isf.hebron', 'GET', `/api/requests/${open.id}`)).json() as RequestDetail;
    expect(after.comments ?? []).toEqual(before.comments ?? []);
    expect((await t.call('isf.hebron', 'GET', '/api/me')).json().user.displayName).not.toContain('\u0000');
  });

  it('gets a 400, not a 500, for a version number above the integer range', async () => {
    const created = await t.call('coord.duty', 'POST', '/api/reports', {
      title: 'A note',
      paragraphs: [{ text: 'Text.', marking: { classification: 'UNCLASSIFIED' } }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const response = await t.call(
      'coord.duty',
      'GET',
      `/api/reports/${created.json().id}/versions/2147483648`,
    );
    expect(response.statusCode).toBe(400);
    expect(
      (await t.call('coord.duty', 'GET', `/api/reports/${created.json().id}/versions/1`)).statusCode,
    ).toBe(200);
  });

  it('cannot revoke or list API tokens with a token: only a browser session manages them', async () => {
    const minted = await t.call('isf.hebron', 'POST', '/api/tokens', { name: 'integration' });
    expect(minted.statusCode, minted.body).toBe(201);
    const other = await t.call('isf.hebron', 'POST', '/api/tokens', { name: 'another' });
    const bearer = { authorization: `Bearer ${minted.json().token}` };
    const revoke = await t.app.inject({
      method: 'DELETE',
      url: `/api/tokens/${other.json().id}`,
      headers: bearer,
    });
    expect(revoke.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/tokens', headers: bearer })).statusCode).toBe(403);
    const listed = (await t.call('isf.hebron', 'GET', '/api/tokens')).json().tokens as { id: string }[];
    expect(listed.map((token) => token.id)).toContain(other.json().id);
  });

  it('cannot make a file name read backwards with bidirectional controls', async () => {
    const open = await submit();
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/requests/${open.id}/attachments?filename=${encodeURIComponent('report\u202Etxt.exe')}`,
      headers: { cookie: t.cookieOf('isf.hebron'), 'content-type': 'text/plain' },
      payload: Buffer.from('A plain note.\n'),
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().filename).toBe('reporttxt.exe');
  });

  it('keeps what a PATCH of a report does not mention', async () => {
    const created = await t.call('coord.duty', 'POST', '/api/reports', {
      title: 'Crossings',
      subject: 'Hebron crossings at night',
      tags: ['PGOV', 'KWBG'],
      paragraphs: [{ text: 'Text.', marking: { classification: 'UNCLASSIFIED' } }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const edited = await t.call('coord.duty', 'PATCH', `/api/reports/${created.json().id}`, {
      version: created.json().version,
      title: 'Crossings, revised',
      paragraphs: [{ text: 'New text.', marking: { classification: 'UNCLASSIFIED' } }],
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({
      title: 'Crossings, revised',
      subject: 'Hebron crossings at night',
      tags: ['PGOV', 'KWBG'],
    });
  });

  it('cannot count the requests and reports made between two it sees from their references', async () => {
    const requests: number[] = [];
    for (let i = 0; i < 8; i += 1) requests.push(Number((await submit()).reference.slice('REQ-'.length)));
    const reports: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      const created = await t.call('coord.duty', 'POST', '/api/reports', {
        title: `Note ${i}`,
        paragraphs: [{ text: 'Text.', marking: { classification: 'UNCLASSIFIED' } }],
      });
      reports.push(Number(created.json().reference.slice('RPT-'.length)));
    }
    for (const numbers of [requests, reports]) {
      expect(new Set(numbers).size).toBe(numbers.length);
      // One after another, numbers would rise by one each (or by the hidden ones made between).
      const rising = numbers.every((number, i) => i === 0 || number > (numbers[i - 1] as number));
      expect(rising).toBe(false);
    }
  });

  it('cannot count the events kept from it: event ids are opaque cursors, and a forged one only asks for a reload', async () => {
    const { client, ready } = await LiveClient.connect(baseUrl, { cookie: t.cookieOf('pasf.hebron') });
    try {
      const first = await submit();
      await submit(safeReturn({}, { draft: true })); // events PASF never sees
      const second = await submit();
      const seen = await client.until((message) => 'id' in message && message.id === second.id);
      const cursors = seen
        .filter((message) => message.type === 'request.submitted')
        .map((message) => (message as { eventId: string }).eventId);
      expect(seen.some((message) => 'id' in message && message.id === first.id)).toBe(true);
      expect(cursors.length).toBeGreaterThanOrEqual(2);
      for (const cursor of [ready, ...cursors]) expect(cursor).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(cursors.map(Number).some(Number.isFinite)).toBe(false);
    } finally {
      client.close();
    }
    for (const forged of [
      '1',
      'AAAAAAAAAAAAAAAAAAAAAA',
      `${ready.startsWith('A') ? 'B' : 'A'}${ready.slice(1)}`,
    ]) {
      const { client: probe, replayed } = await LiveClient.connect(
        baseUrl,
        { cookie: t.cookieOf('pasf.hebron') },
        forged,
      );
      probe.close();
      expect(replayed).toEqual([{ type: 'resync' }]);
    }
  });

  it('counts in a channel only the messages it may read', async () => {
    const gbrId = (await t.call('coord.gbr', 'GET', '/api/me')).json().user.id;
    const channel = await t.call('coord.duty', 'POST', '/api/channels', {
      name: 'Night desk',
      kind: 'standing',
      memberIds: [gbrId],
    });
    expect(channel.statusCode, channel.body).toBe(201);
    const id = channel.json().id;
    const post = (body: string, classification?: string) =>
      t.call('coord.duty', 'POST', `/api/channels/${id}/messages`, {
        body,
        ...(classification ? { marking: { classification } } : {}),
        idempotencyKey: crypto.randomUUID(),
      });
    expect((await post('For all of us')).statusCode).toBe(201);
    for (const body of ['Ours alone', 'Ours alone too'])
      expect((await post(body, 'SECRET//NOFORN')).statusCode).toBe(201);
    const seen = (await t.call('coord.gbr', 'GET', `/api/channels/${id}`)).json();
    expect(seen.lastSeq).toBe(1);
    expect(seen.unread).toBe(1);
    const page = (await t.call('coord.gbr', 'GET', `/api/channels/${id}/messages`)).json();
    expect(page.lastSeq).toBe(1);
    expect((await t.call('coord.duty', 'GET', `/api/channels/${id}`)).json().lastSeq).toBe(3);
  });
});

describe('every PATCH in the OpenAPI document', () => {
  it('changes only what it names: no field of its body has a default that would overwrite what was left out', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, { patch?: { requestBody?: { content: Record<string, { schema: Schema }> } } }>;
    };
    interface Schema {
      properties?: Record<string, Schema & { default?: unknown }>;
    }
    const patches = Object.entries(spec.paths).filter(([, operations]) => operations.patch);
    expect(patches.length).toBeGreaterThanOrEqual(5);
    const defaulted = patches.flatMap(([path, operations]) => {
      const schema = operations.patch?.requestBody?.content['application/json']?.schema;
      return Object.entries(schema?.properties ?? {})
        .filter(([, property]) => property.default !== undefined)
        .map(([name]) => `PATCH ${path}: ${name}`);
    });
    expect(defaulted).toEqual([]);
  });
});
