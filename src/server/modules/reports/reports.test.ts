import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import type { ReleaseView, ReportSummary, ReportView } from '../../../core/reports/schemas';

let t: TestApp;
let report: ReportView;
const call = (...args: Parameters<TestApp['call']>) => t.call(...args);

const mixed = {
  title: 'PA Civil Police on the Hebron working groups',
  subject: 'Coordination between the PA Civil Police and the INP in Hebron H1',
  tags: ['pgov', 'KWBG'],
  date: '2026-11-20',
  classificationAuthority: {
    classifiedBy: 'Col. Sarah Mitchell',
    reasons: ['1.4 (b)', '1.4 (d)'],
    declassifyOn: '2036-11-20',
  },
  paragraphs: [
    {
      heading: 'Summary',
      text: 'The source inside the Hebron police is named Abu Khalil.',
      marking: { classification: '(S//NF)' },
    },
    {
      text: 'Both police forces agreed to meet weekly in Hebron H1.',
      marking: { classification: '(C//REL TO USA, GBR)' },
    },
    { text: 'ووافق الطرفان على متابعة عمل مجموعات العمل الأربع.', marking: { classification: '(U)' } },
  ],
};

beforeAll(async () => {
  t = await createTestApp();
  for (const user of [
    'coord.duty',
    'coord.gbr',
    'ussc.ssr',
    'ussc.chief',
    'isf.supervisor',
    'pasf.supervisor',
  ])
    await t.signIn(user);
  const response = await call('coord.duty', 'POST', '/api/reports', mixed);
  expect(response.statusCode, response.body).toBe(201);
  report = response.json();
}, 60_000);
afterAll(() => t?.close());

/** Submitted by its writer, approved by the coordinator's supervisor: only then may it be released. */
async function publish(id: string) {
  expect((await call('coord.duty', 'POST', `/api/reports/${id}/submit`, {})).statusCode).toBe(200);
  const approved = await call('ussc.chief', 'POST', `/api/reports/${id}/approve`, {});
  expect(approved.json()).toMatchObject({ status: 'published' });
}

const texts = (view: ReportView) =>
  view.paragraphs.map((paragraph) => `${paragraph.portion.portion} ${paragraph.text}`);

describe('a report marked portion by portion', () => {
  it('shows its author every portion under the banner computed from all of them', () => {
    expect(report.banner.banner).toBe('SECRET//NOFORN');
    expect(report.reference).toMatch(/^RPT-\d{8}$/);
    expect(report.tags).toEqual(['PGOV', 'KWBG']);
    expect(report.classificationAuthority).toEqual({
      classifiedBy: 'Col. Sarah Mitchell',
      reasons: ['1.4 (b)', '1.4 (d)'],
      declassifyOn: '2036-11-20',
    });
    expect(texts(report)).toEqual([
      '(S//NF) The source inside the Hebron police is named Abu Khalil.',
      '(C//REL TO USA, GBR) Both police forces agreed to meet weekly in Hebron H1.',
      '(U) ووافق الطرفان على متابعة عمل مجموعات العمل الأربع.',
    ]);
  });

  it('shows a coordinator of GBR nationality only the (C) and (U) portions, under a banner computed from them', async () => {
    const view = (await call('coord.gbr', 'GET', `/api/reports/${report.id}`)).json() as ReportView;
    expect(view.banner.banner).toBe('CONFIDENTIAL//REL TO USA, GBR');
    expect(texts(view)).toEqual([
      '(C//REL TO USA, GBR) Both police forces agreed to meet weekly in Hebron H1.',
      '(U) ووافق الطرفان على متابعة عمل مجموعات العمل الأربع.',
    ]);
    expect(JSON.stringify(view)).not.toContain('Abu Khalil');
    const [listed] = (await call('coord.gbr', 'GET', '/api/reports')).json() as ReportSummary[];
    expect(listed?.banner.banner).toBe('CONFIDENTIAL//REL TO USA, GBR');
  });

  it('shows an officer cleared only for UNCLASSIFIED the unclassified portion alone', async () => {
    const view = (await call('ussc.ssr', 'GET', `/api/reports/${report.id}`)).json() as ReportView;
    expect(view.banner.banner).toBe('UNCLASSIFIED');
    expect(view.paragraphs).toHaveLength(1);
  });

  it('does not exist for the parties: they see only what is released to them', async () => {
    for (const user of ['isf.supervisor', 'pasf.supervisor']) {
      expect((await call(user, 'GET', `/api/reports/${report.id}`)).statusCode).toBe(404);
      expect((await call(user, 'GET', '/api/reports')).json()).toEqual([]);
    }
  });

  it('audits the reading of a classified report under the banner the reader saw', async () => {
    const entries = (
      await call('coord.duty', 'GET', '/api/audit/entries?action=record.read&subjectType=report')
    ).json();
    const banners = entries.entries.map((entry: { marking: { banner: string } }) => entry.marking.banner);
    expect(banners).toEqual(expect.arrayContaining(['CONFIDENTIAL//REL TO USA, GBR']));
  });
});

describe('writing a report', () => {
  it("is for the coordinator's officers", async () => {
    const response = await call('isf.supervisor', 'POST', '/api/reports', mixed);
    expect(response.statusCode).toBe(403);
  });

  it('names the portion whose marking is wrong, and keeps nothing of a refused report', async () => {
    const before = ((await call('coord.duty', 'GET', '/api/reports')).json() as ReportSummary[]).length;
    const response = await call('coord.duty', 'POST', '/api/reports', {
      ...mixed,
      paragraphs: [
        mixed.paragraphs[0],
        { text: 'x', marking: { classification: '(S//NF//REL TO USA, GBR)' } },
      ],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].path).toBe('body.paragraphs.1.marking.classification');
    expect(((await call('coord.duty', 'GET', '/api/reports')).json() as ReportSummary[]).length).toBe(before);
  });

  it('refuses a portion its author could not read', async () => {
    const response = await call('coord.gbr', 'POST', '/api/reports', {
      title: 'x',
      paragraphs: [{ text: 'x', marking: { classification: '(S//NF)' } }],
    });
    expect(response.json()).toMatchObject({ status: 400, code: 'marking_hides_from_author' });
  });
});

describe('releasing a report to a party', () => {
  let release: ReleaseView;

  beforeAll(async () => {
    const draft = await call('coord.duty', 'POST', `/api/reports/${report.id}/releases`, {
      toParty: 'PASF',
      note: 'Too early',
    });
    expect(draft.json()).toMatchObject({ status: 409, code: 'report_not_published' });
    await publish(report.id);
    const response = await call('coord.duty', 'POST', `/api/reports/${report.id}/releases`, {
      toParty: 'pasf',
      note: 'For the PASF working-group leads, ahead of Sunday',
    });
    expect(response.statusCode, response.body).toBe(201);
    release = response.json();
  });

  it('contains only what the party may see, under a banner recomputed from it', () => {
    expect(release.toParty).toBe('PASF');
    expect(release.banner.banner).toBe('UNCLASSIFIED');
    expect(release.paragraphs.map((paragraph) => paragraph.text)).toEqual([
      'ووافق الطرفان على متابعة عمل مجموعات العمل الأربع.',
    ]);
    expect(JSON.stringify(release)).not.toMatch(/Abu Khalil|weekly/);
  });

  it('reaches the party it was made to, and nobody of the other party', async () => {
    const [received] = (await call('pasf.supervisor', 'GET', '/api/releases')).json() as ReleaseView[];
    expect(received?.id).toBe(release.id);
    expect((await call('pasf.supervisor', 'GET', `/api/releases/${release.id}`)).statusCode).toBe(200);
    expect((await call('isf.supervisor', 'GET', '/api/releases')).json()).toEqual([]);
    expect((await call('isf.supervisor', 'GET', `/api/releases/${release.id}`)).statusCode).toBe(404);
    // The original stays out of reach.
    expect((await call('pasf.supervisor', 'GET', `/api/reports/${release.reportId}`)).statusCode).toBe(404);
  });

  it('releases only to a party, and only with the coordinator role', async () => {
    const toCoordinator = await call('coord.duty', 'POST', `/api/reports/${report.id}/releases`, {
      toParty: 'USSC',
      note: 'x',
    });
    expect(toCoordinator.json()).toMatchObject({ status: 400, errors: [{ path: 'body.toParty' }] });
    const officer = await call('ussc.ssr', 'POST', `/api/reports/${report.id}/releases`, {
      toParty: 'PASF',
      note: 'x',
    });
    expect(officer.statusCode).toBe(403);
    const party = await call('isf.supervisor', 'POST', `/api/reports/${report.id}/releases`, {
      toParty: 'PASF',
      note: 'x',
    });
    expect(party.statusCode).toBe(403);
  });

  it('refuses a release with nothing releasable in it', async () => {
    const secret = (
      await call('coord.duty', 'POST', '/api/reports', {
        title: 'Source protection',
        paragraphs: [{ text: 'Only for us.', marking: { classification: '(S//NF)' } }],
      })
    ).json() as ReportView;
    await publish(secret.id);
    const response = await call('coord.duty', 'POST', `/api/reports/${secret.id}/releases`, {
      toParty: 'ISF',
      note: 'x',
    });
    expect(response.json()).toMatchObject({
      status: 409,
      code: 'nothing_releasable',
      // What the message is made of, for clients that say it in Arabic or Hebrew.
      params: { party: 'ISF' },
    });
  });

  it('refuses, naming it, a chosen portion the party may not see, and releases nothing', async () => {
    const [secret, , open] = report.paragraphs;
    const before = ((await call('pasf.supervisor', 'GET', '/api/releases')).json() as ReleaseView[]).length;
    const response = await call('coord.duty', 'POST', `/api/reports/${report.id}/releases`, {
      toParty: 'PASF',
      note: 'x',
      portions: [open?.id, secret?.id],
    });
    expect(response.json()).toMatchObject({ status: 409, code: 'portion_not_releasable' });
    expect(response.json().detail).toBe('Paragraph 1 is marked (S//NF): not releasable to PASF.');
    expect(response.json().params).toEqual({ paragraph: 1, portion: '(S//NF)', party: 'PASF' });
    expect(((await call('pasf.supervisor', 'GET', '/api/releases')).json() as ReleaseView[]).length).toBe(
      before,
    );
  });

  it('releases only the portions chosen, when some are', async () => {
    const [, confidential, open] = report.paragraphs;
    const response = await call('coord.duty', 'POST', `/api/reports/${report.id}/releases`, {
      toParty: 'ISF',
      note: 'The unclassified paragraph only',
      portions: [open?.id],
    });
    expect(response.statusCode, response.body).toBe(201);
    const release = response.json() as ReleaseView;
    expect(release.paragraphs.map((paragraph) => paragraph.text)).toEqual([open?.text]);
    expect(JSON.stringify(release)).not.toContain(confidential?.text);
  });
});
