import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import type { ReportVersionSummary, ReportVersionView, ReportView } from '../../../core/reports/schemas';

let t: TestApp;
const call = (...args: Parameters<TestApp['call']>) => t.call(...args);

const paragraphs = [
  { text: 'The source in Hebron reports a planned closure.', marking: { classification: '(S//NF)' } },
  {
    text: 'Both sides will meet at the Tarqumiya crossing.',
    marking: { classification: '(C//REL TO USA, GBR)' },
  },
  { text: 'الاجتماع القادم في الخليل يوم الأحد.', marking: { classification: '(U)' } },
];

async function write(): Promise<ReportView> {
  const response = await call('coord.duty', 'POST', '/api/reports', { title: 'Hebron weekly', paragraphs });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const view = async (user: string, id: string) =>
  (await call(user, 'GET', `/api/reports/${id}`)).json() as ReportView;

/** The edit a writer makes from what they see: every paragraph kept by id, the last one rewritten. */
const rewriteLast = (report: ReportView, text: string) => ({
  version: report.version,
  paragraphs: report.paragraphs.map((p, i) => ({
    id: p.id,
    text: i === report.paragraphs.length - 1 ? text : p.text,
    marking: { classification: p.portion.portion },
  })),
});

beforeAll(async () => {
  t = await createTestApp();
  for (const user of ['coord.duty', 'coord.gbr', 'ussc.chief', 'ussc.ssr', 'pasf.supervisor'])
    await t.signIn(user);
}, 60_000);
afterAll(() => t?.close());

describe('review: draft, review, published', () => {
  it('goes from its writer to a supervisor who approves it, and says who did', async () => {
    const report = await write();
    expect(report).toMatchObject({ status: 'draft', review: null, actions: ['edit', 'submit'] });
    // An officer not cleared for every portion may read what they may, and change nothing.
    expect((await view('ussc.ssr', report.id)).actions).toEqual([]);

    const submitted = await call('coord.duty', 'POST', `/api/reports/${report.id}/submit`, { note: 'Ready' });
    expect(submitted.json()).toMatchObject({
      status: 'review',
      review: { step: 'submitted', note: 'Ready' },
    });
    expect((await view('ussc.chief', report.id)).actions).toEqual(['edit', 'approve', 'return']);

    const approved = await call('ussc.chief', 'POST', `/api/reports/${report.id}/approve`, {});
    expect(approved.json()).toMatchObject({
      status: 'published',
      review: { step: 'approved', by: { displayName: 'Col. Robert Hayes' }, note: null },
    });
    expect((await view('coord.duty', report.id)).actions).toEqual(['edit', 'release']);
  });

  it('is never approved by its own writer, nor by anyone not cleared for all of it', async () => {
    const report = await write();
    await call('coord.duty', 'POST', `/api/reports/${report.id}/submit`, {});
    const own = await call('coord.duty', 'POST', `/api/reports/${report.id}/approve`, {});
    expect(own.json()).toMatchObject({ status: 403, code: 'may_not_approve' });
    const uncleared = await call('coord.gbr', 'POST', `/api/reports/${report.id}/approve`, {});
    expect(uncleared.json()).toMatchObject({ status: 403, code: 'may_not_approve' });
    expect((await view('coord.duty', report.id)).status).toBe('review');
  });

  it('tells the supervisors a report awaits them, and its writer how the review went', async () => {
    const report = await write();
    const about = async (user: string) =>
      (
        (await call(user, 'GET', '/api/notifications')).json().items as {
          kind: string;
          link: string;
          detail: string;
        }[]
      ).filter((item) => item.link === `/reports/${report.id}`);
    await call('coord.duty', 'POST', `/api/reports/${report.id}/submit`, {});
    expect(await about('ussc.chief')).toEqual([
      expect.objectContaining({ kind: 'report.submitted', about: 'report', reference: report.reference }),
    ]);
    expect((await about('ussc.chief'))[0]?.detail).toBe('Hebron weekly');
    expect(await about('coord.gbr')).toEqual([]);
    expect(await about('pasf.supervisor')).toEqual([]);
    await call('ussc.chief', 'POST', `/api/reports/${report.id}/return`, { note: 'Shorter' });
    expect((await about('coord.duty')).map((item) => item.kind)).toEqual(['report.returned']);
  });

  it('is returned to draft only with a reason, which the writer sees', async () => {
    const report = await write();
    await call('coord.duty', 'POST', `/api/reports/${report.id}/submit`, {});
    const silent = await call('ussc.chief', 'POST', `/api/reports/${report.id}/return`, {});
    expect(silent.json()).toMatchObject({ status: 400, errors: [{ path: 'body.note' }] });
    await call('ussc.chief', 'POST', `/api/reports/${report.id}/return`, {
      note: 'Source the closure claim',
    });
    expect(await view('coord.duty', report.id)).toMatchObject({
      status: 'draft',
      review: { step: 'returned', note: 'Source the closure claim' },
    });
  });

  it('refuses a step out of order', async () => {
    const report = await write();
    const early = await call('ussc.chief', 'POST', `/api/reports/${report.id}/approve`, {});
    expect(early.json()).toMatchObject({ status: 409, code: 'cannot_approve_draft' });
    const party = await call('pasf.supervisor', 'POST', `/api/reports/${report.id}/submit`, {});
    expect(party.statusCode).toBe(404);
  });
});

describe('editing a report', () => {
  it('keeps a new version, and sends a published report back to draft', async () => {
    const report = await write();
    await call('coord.duty', 'POST', `/api/reports/${report.id}/submit`, {});
    await call('ussc.chief', 'POST', `/api/reports/${report.id}/approve`, {});
    const response = await call(
      'coord.duty',
      'PATCH',
      `/api/reports/${report.id}`,
      rewriteLast(report, 'الاجتماع القادم في رام الله يوم الأحد.'),
    );
    expect(response.statusCode, response.body).toBe(200);
    const edited = response.json() as ReportView;
    expect(edited).toMatchObject({ status: 'draft', version: 2, review: null });
    expect(edited.paragraphs.map((p) => p.id)).toEqual(report.paragraphs.map((p) => p.id));
    expect(edited.paragraphs.at(-1)?.text).toBe('الاجتماع القادم في رام الله يوم الأحد.');
  });

  it('refuses an edit made from an older version than the one saved', async () => {
    const report = await write();
    await call('coord.duty', 'PATCH', `/api/reports/${report.id}`, { version: 1, title: 'First edit' });
    const stale = await call('coord.duty', 'PATCH', `/api/reports/${report.id}`, {
      version: 1,
      title: 'Second edit',
    });
    expect(stale.json()).toMatchObject({ status: 409, code: 'report_edited_meanwhile' });
    expect((await view('coord.duty', report.id)).title).toBe('First edit');
  });

  it('is refused to a writer who cannot read every portion, so nothing hidden from them is lost', async () => {
    const report = await write();
    const gbr = await view('coord.gbr', report.id);
    expect(gbr.actions).toEqual([]);
    const response = await call('coord.gbr', 'PATCH', `/api/reports/${report.id}`, rewriteLast(gbr, 'x'));
    expect(response.json()).toMatchObject({ status: 403, code: 'may_not_edit' });
    expect((await view('coord.duty', report.id)).paragraphs).toHaveLength(3);
  });

  it('names a paragraph that is not the report’s, and changes nothing', async () => {
    const report = await write();
    const other = await write();
    const edit = rewriteLast(report, 'changed');
    const response = await call('coord.duty', 'PATCH', `/api/reports/${report.id}`, {
      ...edit,
      paragraphs: [{ ...edit.paragraphs[0], id: other.paragraphs[0]?.id }, ...edit.paragraphs.slice(1)],
    });
    expect(response.json()).toMatchObject({ status: 400, errors: [{ path: 'body.paragraphs.0.id' }] });
    expect(await view('coord.duty', report.id)).toMatchObject({ version: 1, paragraphs: report.paragraphs });
  });

  it('adds, removes and reorders paragraphs', async () => {
    const report = await write();
    const [secret, confidential, open] = report.paragraphs;
    const response = await call('coord.duty', 'PATCH', `/api/reports/${report.id}`, {
      version: 1,
      paragraphs: [
        { id: open?.id, text: open?.text, marking: { classification: '(U)' } },
        { text: 'A new closing paragraph.', marking: { classification: '(U)' } },
        { id: secret?.id, text: secret?.text, marking: { classification: '(S//NF)' } },
      ],
    });
    expect(response.statusCode, response.body).toBe(200);
    const edited = response.json() as ReportView;
    expect(edited.paragraphs.map((p) => [p.number, p.text])).toEqual([
      [1, open?.text],
      [2, 'A new closing paragraph.'],
      [3, secret?.text],
    ]);
    expect(JSON.stringify(edited)).not.toContain(confidential?.text);
    expect(edited.banner.banner).toBe('SECRET//NOFORN');
  });
});

describe('version history', () => {
  let report: ReportView;

  beforeAll(async () => {
    report = await write();
    // The secret paragraph is rewritten, then the unclassified one.
    const first = rewriteLast(report, paragraphs[2]?.text ?? '');
    first.paragraphs[0] = {
      ...first.paragraphs[0],
      text: 'The source in Hebron reports a closure on Sunday.',
    } as never;
    expect((await call('coord.duty', 'PATCH', `/api/reports/${report.id}`, first)).statusCode).toBe(200);
    const second = rewriteLast(await view('coord.duty', report.id), 'الاجتماع القادم في رام الله يوم الأحد.');
    expect((await call('coord.duty', 'PATCH', `/api/reports/${report.id}`, second)).statusCode).toBe(200);
  });

  const version = async (user: string, n: number) =>
    (await call(user, 'GET', `/api/reports/${report.id}/versions/${n}`)).json() as ReportVersionView;

  it('lists every version, who made it and when', async () => {
    const list = (await call('coord.duty', 'GET', `/api/reports/${report.id}/versions`)).json();
    expect((list as ReportVersionSummary[]).map((v) => [v.version, v.change, v.by?.displayName])).toEqual([
      [1, 'created', 'Maj. Sarah Mitchell'],
      [2, 'edited', 'Maj. Sarah Mitchell'],
      [3, 'edited', 'Maj. Sarah Mitchell'],
    ]);
  });

  it('shows what changed, word by word, in any script', async () => {
    const third = await version('coord.duty', 3);
    const changed = third.differences.paragraphs.filter((p) => p.change === 'changed');
    expect(changed).toHaveLength(1);
    const words = (kind: string) =>
      changed[0]?.words
        .filter((w) => w.change === kind)
        .map((w) => w.text.trim())
        .join(' ');
    expect(words('removed')).toBe('الخليل');
    expect(words('added')).toBe('رام الله');
    expect(third.differences.paragraphs.filter((p) => p.change === 'same')).toHaveLength(2);
  });

  it('keeps a change in a portion the reader may not see out of their history', async () => {
    const second = await version('coord.gbr', 2);
    expect(second.differences.paragraphs.every((p) => p.change === 'same')).toBe(true);
    expect(second.banner.banner).toBe('CONFIDENTIAL//REL TO USA, GBR');
    expect(JSON.stringify(second)).not.toMatch(/source|closure/i);
    const first = await version('coord.duty', 2);
    expect(first.differences.paragraphs.map((p) => p.change)).toEqual(['changed', 'same', 'same']);
  });

  it('does not exist for those who may not read the report', async () => {
    expect((await call('pasf.supervisor', 'GET', `/api/reports/${report.id}/versions`)).statusCode).toBe(404);
    expect((await call('pasf.supervisor', 'GET', `/api/reports/${report.id}/versions/1`)).statusCode).toBe(
      404,
    );
    expect((await call('coord.duty', 'GET', `/api/reports/${report.id}/versions/9`)).json()).toMatchObject({
      status: 404,
      code: 'version_not_found',
    });
  });
});
