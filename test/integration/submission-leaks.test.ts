import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveMessage } from '../../src/core/events/live';
import type { SubmissionView } from '../../src/core/submissions/schemas';
import { LiveClient } from '../support/live-client';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * What a party hands the coordinator never reaches the other party, by any
 * path: not the submission, not the portions kept back, not the consents,
 * not a notification, an event, an audit entry, a search hit or a count;
 * only the release, once it is made, and only what it carries. As for
 * reports (probing.test.ts). Runs on PGlite, and on PostgreSQL with TEST_DATABASE_URL.
 */

const OTHER_PARTY = ['isf.jenin', 'isf.supervisor', 'isf.hebron'] as const;
const SECRET_TEXT = 'Kept back: the name of our man in the camp is Abu Salim';
const RELEASED_TEXT = 'Released: a grey van left the camp northwards at 03:10';

let t: TestApp;
let baseUrl: string;
let submission: SubmissionView;
let consentId: string;
let releaseId: string;
const seenLive = new Map<string, LiveMessage[]>();
const clients: LiveClient[] = [];

beforeAll(async () => {
  t = await createTestApp();
  await t.signInAll(['pasf.jenin', 'pasf.supervisor', 'coord.duty', 'admin', ...OTHER_PARTY]);
  baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  for (const user of OTHER_PARTY) {
    const { client } = await LiveClient.connect(baseUrl, { cookie: t.cookieOf(user) });
    clients.push(client);
    seenLive.set(user, []);
  }
  const created = await t.call('pasf.jenin', 'POST', '/api/submissions', {
    title: 'Night movements, Jenin camp',
    subject: 'For the coordinator',
    portions: [
      { text: SECRET_TEXT, marking: { classification: '(U)' }, release: { instruction: 'not-releasable' } },
      {
        text: RELEASED_TEXT,
        marking: { classification: '(U)' },
        release: { instruction: 'releasable-after-consent', toParty: 'ISF' },
      },
    ],
  });
  expect(created.statusCode, created.body).toBe(201);
  submission = created.json();
  const asked = await t.call('coord.duty', 'POST', `/api/submissions/${submission.id}/releases`, {
    toParty: 'ISF',
    portions: [submission.portions[1]?.id],
  });
  expect(asked.statusCode, asked.body).toBe(202);
  consentId = asked.json().consentId;
  const decided = await t.call('pasf.supervisor', 'POST', `/api/consents/${consentId}/decision`, {
    decision: 'approve',
  });
  expect(decided.statusCode, decided.body).toBe(200);
  releaseId = decided.json().releaseId;
  // The live clients have heard the release by now (it came last): everything before it was delivered or withheld.
  for (const [i, user] of OTHER_PARTY.entries()) {
    const client = clients[i] as LiveClient;
    seenLive.set(user, await client.until((message) => 'id' in message && message.id === releaseId));
  }
}, 60_000);
afterAll(async () => {
  for (const client of clients) client.close();
  await t?.close();
});

/** What a leak would carry: the submission's and the consent's ids, its title, and the portion kept back. */
const secrets = () => [submission.id, consentId, submission.title, SECRET_TEXT, submission.reference];

function expectNoSecret(where: string, body: string) {
  for (const secret of secrets()) expect(body, `${where} names ${secret}`).not.toContain(secret);
}

describe('a submission, probed by the other party', () => {
  it('is not there: the submission, its list, its consents (404 like a missing one)', async () => {
    for (const user of OTHER_PARTY) {
      for (const url of [`/api/submissions/${submission.id}`, `/api/consents/${consentId}`]) {
        const answer = await t.call(user, 'GET', url);
        expect(answer.statusCode).toBe(404);
        const missing = await t.call(user, 'GET', url.replace(/[0-9a-f-]{36}$/, crypto.randomUUID()));
        expect(answer.json().code).toBe(missing.json().code);
      }
      for (const url of ['/api/submissions', '/api/consents', '/api/consents?status=all']) {
        const answer = await t.call(user, 'GET', url);
        expect(answer.statusCode).toBe(200);
        expect(answer.json()).toEqual([]);
      }
    }
  });

  it('cannot be written to: edit, release or decide answer as for a missing one, and store nothing', async () => {
    for (const user of OTHER_PARTY) {
      const tries: [string, string, unknown][] = [
        ['PATCH', `/api/submissions/${submission.id}`, { version: 1, title: 'Mine now' }],
        [
          'POST',
          `/api/submissions/${submission.id}/releases`,
          { toParty: 'ISF', portions: [submission.portions[0]?.id] },
        ],
        ['POST', `/api/consents/${consentId}/decision`, { decision: 'approve' }],
      ];
      for (const [method, url, body] of tries) {
        const answer = await t.call(user, method as 'POST', url, body);
        expect(answer.statusCode, `${user} ${method} ${url}`).toBe(404);
      }
    }
    const rows = await t.database.db
      .selectFrom('report_releases')
      .select('id')
      .where('submission_id', '=', submission.id)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('reads the release and only what it carries, never where it came from', async () => {
    for (const user of OTHER_PARTY) {
      const release = await t.call(user, 'GET', `/api/releases/${releaseId}`);
      expect(release.statusCode).toBe(200);
      expect(release.body).toContain(RELEASED_TEXT);
      expect(release.json()).toMatchObject({ submissionId: null, reportId: null, originParty: 'PASF' });
      expectNoSecret(`${user} GET release`, release.body.replace(submission.title, ''));
      const list = await t.call(user, 'GET', '/api/releases');
      expect(list.body).toContain(releaseId);
      expect(list.body).not.toContain(SECRET_TEXT);
      expect(list.body).not.toContain(submission.id);
    }
  });

  it('hears nothing of it live, on replay, in notifications, search or the audit log', async () => {
    for (const user of OTHER_PARTY) {
      const live = seenLive.get(user) ?? [];
      expect(live.some((message) => 'id' in message && message.id === releaseId)).toBe(true);
      expect(
        live.filter(
          (message) =>
            'subjectType' in message && ['submission', 'consent'].includes(String(message.subjectType)),
        ),
      ).toEqual([]);
      expectNoSecret(`${user} live`, JSON.stringify(live));
      const { client, replayed } = await LiveClient.connect(
        baseUrl,
        { cookie: t.cookieOf(user) },
        t.app.services.eventCursors.of(0),
      );
      client.close();
      expectNoSecret(`${user} replay`, JSON.stringify(replayed));
      const bell = await t.call(user, 'GET', '/api/notifications');
      expectNoSecret(`${user} notifications`, bell.body);
      const search = await t.call(user, 'GET', `/api/search?q=${encodeURIComponent('Abu Salim')}`);
      expect(search.statusCode).toBe(200);
      expectNoSecret(`${user} search`, search.body);
      // The release is found as any release is, by its own words, and named by itself.
      const found = await t.call(user, 'GET', `/api/search?q=${encodeURIComponent('grey van')}&type=release`);
      expect(found.json().hits).toMatchObject([
        { type: 'release', id: releaseId, reference: expect.stringMatching(/^REL-/) },
      ]);
      expectNoSecret(`${user} search for the release`, found.body.replace(submission.title, ''));
    }
    // The audit log is read by auditors: the other party's people are none, and an ISF auditor finds nothing either.
    const audited = await t.call('isf.supervisor', 'GET', `/api/audit/entries?subjectId=${submission.id}`);
    expect([200, 403, 404]).toContain(audited.statusCode);
    if (audited.statusCode === 200) expect(audited.json().entries).toEqual([]);
  });

  it('while the owner and the coordinator see all of it, and the coordinator’s auditors its trail', async () => {
    for (const user of ['pasf.jenin', 'coord.duty']) {
      const view = (await t.call(user, 'GET', `/api/submissions/${submission.id}`)).json() as SubmissionView;
      expect(view.portions.map((p) => p.text)).toEqual([SECRET_TEXT, RELEASED_TEXT]);
      expect(view.releaseHistory).toMatchObject([{ id: releaseId, toParty: 'ISF', consentId }]);
    }
    const trail = (await t.call('coord.duty', 'GET', `/api/audit/entries?subjectId=${submission.id}`)).json()
      .entries as { action: string }[];
    expect(trail.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['submission.created', 'consent.requested', 'consent.approved']),
    );
  });
});
