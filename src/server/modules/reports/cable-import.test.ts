import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import type { ReportView } from '../../../core/reports/schemas';

const SEED = readFileSync(
  new URL('../../../../test/fixtures/cables/000_3c09942d126d68d9.txt', import.meta.url),
  'utf8',
);

let t: TestApp;
let imported: { id: string; reference: string; created: boolean };
let view: ReportView;

beforeAll(async () => {
  t = await createTestApp();
  for (const user of ['coord.duty', 'coord.gbr', 'isf.supervisor']) await t.signIn(user);
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/reports/import',
    headers: { cookie: t.cookieOf('coord.duty'), 'content-type': 'text/plain; charset=utf-8' },
    payload: SEED,
  });
  expect(response.statusCode, response.body).toBe(201);
  imported = response.json();
  view = (await t.call('coord.duty', 'GET', `/api/reports/${imported.id}`)).json();
}, 60_000);
afterAll(() => t?.close());

describe('importing the seed cable', () => {
  it('reads its header: banner, originator and serial, tags, subject, authority, declassification', () => {
    expect(view.banner.banner).toBe('SECRET//NOFORN');
    expect(view.source).toEqual({ key: 'JERUSALEM 000286', originator: 'JERUSALEM', serial: '000286' });
    expect(view.tags).toEqual(['PGOV', 'PREL', 'PINS', 'KWBG', 'KPAL', 'IS']);
    expect(view.subject).toBe('PALESTINIAN AUTHORITY SECURITY OFFICIALS ON COORDINATION WITH ISRAEL');
    expect(view.classificationAuthority).toEqual({
      classifiedBy: 'CG Daniel Rubinstein',
      reasons: ['1.4 (b)', '1.4 (d)'],
      declassifyOn: '2020-02-16',
    });
  });

  it('keeps four numbered paragraphs marked (S), with clean text and no markup', () => {
    expect(view.paragraphs.map((paragraph) => [paragraph.number, paragraph.portion.portion])).toEqual([
      [1, '(S)'],
      [2, '(S)'],
      [3, '(S)'],
      [4, '(S)'],
    ]);
    for (const paragraph of view.paragraphs) expect(paragraph.text).not.toMatch(/[[\]<>]/);
    expect(view.paragraphs[0]?.text).toContain('Palestinian Authority (PA) security officials');
  });

  it('links its entity mentions to the directory and the gazetteer where they exist', async () => {
    const names = new Map<string, string>();
    for (const paragraph of view.paragraphs)
      for (const mention of paragraph.mentions)
        names.set(`${mention.kind}:${mention.text}`, mention.entityId);
    for (const expected of [
      'organisation:Palestinian Authority',
      'organisation:PA Civil Police',
      'organisation:INP',
      'person:Hazim Atallah',
      'place:Ramallah',
      'place:Hebron',
      'place:West Bank',
    ])
      expect(names.has(expected), expected).toBe(true);
    expect([...names.keys()].some((name) => name === 'place:S' || name.startsWith('place:DECL'))).toBe(false);
    const links = await t.database.db
      .selectFrom('entities')
      .select(['name', 'linked_type'])
      .where('name', 'in', ['Hebron', 'Ramallah', 'INP', 'PA Civil Police', 'Hazim Atallah'])
      .execute();
    expect(Object.fromEntries(links.map((link) => [link.name, link.linked_type]))).toEqual({
      Hebron: 'district',
      Ramallah: 'district',
      INP: 'unit',
      'PA Civil Police': 'unit',
      'Hazim Atallah': null,
    });
  });

  it('changes nothing when the same cable is imported again, as text or as JSON', async () => {
    const count = async () =>
      Number(
        (
          await t.database.db
            .selectFrom('reports')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const again = await t.call('coord.duty', 'POST', '/api/reports/import', { text: SEED });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ ...imported, created: false });
    expect(await count()).toBe(before);
  });

  it('is NOFORN: a coordinator of GBR nationality cannot read it, and cannot import it either', async () => {
    expect((await t.call('coord.gbr', 'GET', `/api/reports/${imported.id}`)).statusCode).toBe(404);
    const other = SEED.replace('000286', '000999');
    const refused = await t.call('coord.gbr', 'POST', '/api/reports/import', { text: other });
    expect(refused.json()).toMatchObject({ status: 400, code: 'marking_hides_from_author' });
  });

  it('names the line and what was expected when a cable cannot be read, and keeps nothing', async () => {
    const broken = SEED.replace('( [LOC S  ] ) In meetings held', 'In meetings held').replace(
      '000286',
      '000287',
    );
    const response = await t.call('coord.duty', 'POST', '/api/reports/import', { text: broken });
    expect(response.statusCode).toBe(400);
    expect(response.json().detail).toMatch(/line \d+: expected .*portion mark/);
    expect(
      (
        await t.database.db
          .selectFrom('reports')
          .select('id')
          .where('source_key', '=', 'JERUSALEM 000287')
          .execute()
      ).length,
    ).toBe(0);
  });

  it('opens an entity with the reports that name it, for those who may read them, and for nobody else', async () => {
    const atallah = view.paragraphs
      .flatMap((paragraph) => paragraph.mentions)
      .find((m) => m.text === 'Hazim Atallah');
    const hebron = view.paragraphs
      .flatMap((paragraph) => paragraph.mentions)
      .find((m) => m.text === 'Hebron');
    const entity = (await t.call('coord.duty', 'GET', `/api/entities/${atallah?.entityId}`)).json();
    expect(entity).toMatchObject({ kind: 'person', name: 'Hazim Atallah', linked: null });
    expect(entity.reports.map((report: { id: string }) => report.id)).toEqual([imported.id]);
    expect(
      (await t.call('coord.duty', 'GET', `/api/entities/${hebron?.entityId}`)).json().linked,
    ).toMatchObject({
      type: 'district',
    });
    // Named only in a NOFORN cable: to a GBR coordinator and to the parties the name does not exist.
    for (const user of ['coord.gbr', 'isf.supervisor'])
      expect((await t.call(user, 'GET', `/api/entities/${atallah?.entityId}`)).statusCode).toBe(404);
  });

  it("is for the coordinator's officers", async () => {
    expect((await t.call('isf.supervisor', 'POST', '/api/reports/import', { text: SEED })).statusCode).toBe(
      403,
    );
  });
});
