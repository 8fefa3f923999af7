import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app';
import { openSameDatabase, testEngine } from '../../../test/support/test-database';
import type { ReportView } from '../../core/reports/schemas';
import type { RequestDetail } from '../../core/requests/schemas';

const USERS = ['isf.hebron', 'pasf.hebron', 'coord.duty', 'ussc.chief', 'admin'];
const WRITES = 200;

/** What each kind of write leaves behind when it succeeds: one audit entry of this action, one event of this type. */
const TRACE = {
  post: { action: 'channel.message-posted', event: 'message.created' },
  note: { action: 'request.commented', event: 'request.commented' },
  transition: { action: 'request.transitioned', event: 'request.transitioned' },
  edit: { action: 'report.edited', event: 'report.edited' },
  release: { action: 'report.released', event: 'release.created' },
} as const;
type Kind = keyof typeof TRACE;

/**
 * The change envelope under contention (issue 13): two instances on one
 * PostgreSQL run writes that used to take the audit lock and row locks in
 * opposite orders (a post in a request's thread touched the request after
 * the audit entry; a transition locked the request before it), together with
 * report edits and releases. PGlite is one connection: nothing there runs at once.
 */
describe.runIf(testEngine() === 'postgres')('every write through one envelope, under contention', () => {
  let a: TestApp;
  let b: TestApp;
  const requests: RequestDetail[] = [];
  const reports: ReportView[] = [];

  beforeAll(async () => {
    a = await createTestApp();
    b = await createTestApp({ database: await openSameDatabase(a.database) });
    for (const user of USERS) {
      await a.signIn(user);
      await b.signIn(user);
    }
    const districts = (await a.call('admin', 'GET', '/api/directory/districts')).json() as {
      id: string;
      code: string;
    }[];
    const hebron = districts.find((district) => district.code === 'HEBRON')?.id;
    for (let i = 0; i < 6; i += 1) {
      const response = await a.call('isf.hebron', 'POST', '/api/requests', {
        type: 'safe-return',
        districtId: hebron,
        fields: { who: `Shepherd ${i}`, description: 'Red jacket', lastKnownLocation: 'Near the fence' },
      });
      expect(response.statusCode, response.body).toBe(201);
      requests.push(response.json());
    }
    for (let i = 0; i < 2; i += 1) {
      const created = await a.call('coord.duty', 'POST', '/api/reports', {
        title: `Hebron weekly ${i}`,
        paragraphs: [{ text: 'Both sides will meet at the crossing.', marking: { classification: '(U)' } }],
      });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id as string;
      expect((await a.call('coord.duty', 'POST', `/api/reports/${id}/submit`, {})).statusCode).toBe(200);
      const approved = await a.call('ussc.chief', 'POST', `/api/reports/${id}/approve`, {});
      expect(approved.statusCode, approved.body).toBe(200);
      reports.push(approved.json());
    }
  }, 120_000);
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  /** The i-th write of the mix, on instance A or B in turn. */
  function write(i: number): { kind: Kind; send: () => Promise<LightMyRequestResponse> } {
    const on = i % 2 === 0 ? a : b;
    // Ten writes in a row on the same request: they run at the same time, and contend for its row.
    const request = requests[Math.floor(i / 10) % requests.length] as RequestDetail;
    // One report is edited over and over (an edit sends it back to draft); the other, published, is released.
    const [edited, released] = reports as [ReportView, ReportView];
    // Mostly thread posts and internal notes on the same requests, which took the audit lock and the
    // request's row in opposite orders; transitions, edits and releases among them.
    const kinds: Kind[] = [
      'post',
      'note',
      'transition',
      'post',
      'note',
      'edit',
      'post',
      'note',
      'release',
      'post',
    ];
    const kind = kinds[i % kinds.length] as Kind;
    const url = `/api/requests/${request.id}`;
    switch (kind) {
      case 'post': {
        const user = ['isf.hebron', 'pasf.hebron', 'coord.duty'][i % 3] as string;
        return { kind, send: () => on.call(user, 'POST', `${url}/comments`, { body: `Update ${i}` }) };
      }
      case 'note':
        return {
          kind,
          send: () =>
            on.call('pasf.hebron', 'POST', `${url}/comments`, { body: `Note ${i}`, internal: true }),
        };
      case 'transition': {
        // Racing one another on the same requests: one of each pair wins, the other is refused (409).
        const step = Math.floor(i / 60) % 3;
        const action = ['acknowledge', 'approve', 'start'][step] as string;
        return {
          kind,
          send: () => on.call('pasf.hebron', 'POST', `${url}/transitions`, { action }),
        };
      }
      case 'edit':
        return {
          kind,
          send: async () => {
            const current = (
              await on.call('coord.duty', 'GET', `/api/reports/${edited.id}`)
            ).json() as ReportView;
            return on.call('coord.duty', 'PATCH', `/api/reports/${edited.id}`, {
              version: current.version,
              subject: `Edited by write ${i}`,
            });
          },
        };
      case 'release':
        return {
          kind,
          send: () =>
            on.call('coord.duty', 'POST', `/api/reports/${released.id}/releases`, {
              toParty: i % 2 ? 'ISF' : 'PASF',
              note: `Release ${i}`,
            }),
        };
    }
  }

  it('answers every write without a 500, loses none, and records each once, with its events, in a chain that verifies', async () => {
    const { db } = a.database;
    const auditBefore = Number(
      (await sql<{ n: string }>`select max(seq) as n from audit_log`.execute(db)).rows[0]?.n,
    );
    const eventsBefore = Number(
      (await sql<{ n: string }>`select max(id) as n from event_log`.execute(db)).rows[0]?.n,
    );
    const messagesBefore = Number(
      (await sql<{ n: string }>`select count(*) as n from channel_messages`.execute(db)).rows[0]?.n,
    );
    const notesBefore = Number(
      (await sql<{ n: string }>`select count(*) as n from request_comments`.execute(db)).rows[0]?.n,
    );

    const writes = Array.from({ length: WRITES }, (_, i) => write(i));
    const answers = await Promise.all(writes.map((w) => w.send()));

    const failures = answers.filter((answer) => answer.statusCode >= 500).map((answer) => answer.body);
    expect(failures).toEqual([]);
    const refused = answers.filter((answer) => answer.statusCode >= 400).map((answer) => answer.json().code);
    // Refusals are the races the lifecycle and the report versions decide, and nothing else.
    expect(
      [...new Set(refused)].filter(
        (code) => !['request_changed', 'transition_not_allowed', 'report_edited_meanwhile'].includes(code),
      ),
    ).toEqual([]);

    const succeeded = (kind: Kind) =>
      writes.filter((w, i) => w.kind === kind && (answers[i] as LightMyRequestResponse).statusCode < 300)
        .length;
    const entries = await db
      .selectFrom('audit_log')
      .select(['action'])
      .where('seq', '>', String(auditBefore))
      .execute();
    const events = await db.selectFrom('event_log').select(['type']).where('id', '>', eventsBefore).execute();
    for (const kind of Object.keys(TRACE) as Kind[]) {
      const { action, event } = TRACE[kind];
      const done = succeeded(kind);
      expect(done, `${kind}: some of them succeed`).toBeGreaterThan(0);
      expect(entries.filter((entry) => entry.action === action).length, action).toBe(done);
      // A thread post also tells the request's readers (request.commented): count the notes' own apart.
      const expectedEvents = kind === 'note' ? done + succeeded('post') : done;
      expect(events.filter((row) => row.type === event).length, event).toBe(expectedEvents);
    }
    // Nothing acknowledged to a writer was lost.
    const messagesAfter = Number(
      (await sql<{ n: string }>`select count(*) as n from channel_messages`.execute(db)).rows[0]?.n,
    );
    const notesAfter = Number(
      (await sql<{ n: string }>`select count(*) as n from request_comments`.execute(db)).rows[0]?.n,
    );
    expect(messagesAfter - messagesBefore).toBe(succeeded('post'));
    expect(notesAfter - notesBefore).toBe(succeeded('note'));
    const releases = await db.selectFrom('report_releases').select('id').execute();
    expect(releases.length).toBe(succeeded('release'));

    const chain = await a.app.services.audit.verify();
    expect(chain.ok, JSON.stringify(chain)).toBe(true);
  }, 120_000);
});
