import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import type { SearchHit } from '../../../core/search/schemas';

let t: TestApp;
let reportId: string;

beforeAll(async () => {
  t = await createTestApp();
  for (const user of [
    'coord.duty',
    'coord.gbr',
    'ussc.chief',
    'isf.supervisor',
    'pasf.supervisor',
    'isf.hebron',
    'pasf.hebron',
  ])
    await t.signIn(user);
  const created = await t.call('coord.duty', 'POST', '/api/reports', {
    title: 'Hebron liaison, week 47',
    tags: ['KWBG'],
    date: '2026-11-22',
    paragraphs: [
      { text: 'The informant met the INP commander at Tarqumiya.', marking: { classification: '(S//NF)' } },
      {
        text: 'Joint patrols resume in Hebron H1 next week.',
        marking: { classification: '(C//REL TO USA, GBR)' },
      },
      { text: 'اجتمعت الشرطة الفلسطينية في الخليل لمناقشة حركة المرور.', marking: { classification: '(U)' } },
      { text: 'קציני הקישור נפגשו בחברון ביום ראשון.', marking: { classification: '(U)' } },
    ],
  });
  expect(created.statusCode, created.body).toBe(201);
  reportId = created.json().id;
}, 60_000);
afterAll(() => t?.close());

const search = async (user: string, q: string, extra = '') => {
  const response = await t.call(user, 'GET', `/api/search?q=${encodeURIComponent(q)}${extra}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().hits as SearchHit[];
};

describe('search, portion by portion', () => {
  it('finds a word where the searcher may see it, with a highlighted snippet', async () => {
    const [hit] = await search('coord.duty', 'Tarqumiya');
    expect(hit).toMatchObject({ id: reportId, portion: { portion: '(S//NF)' } });
    const [start, end] = hit?.highlights[0] ?? [0, 0];
    expect(hit?.snippet.slice(start, end)).toBe('Tarqumiya');
  });

  it('gives no hit and no snippet for a word only in a portion the searcher may not see', async () => {
    const response = await t.call('coord.gbr', 'GET', '/api/search?q=Tarqumiya');
    expect(response.json()).toEqual({ hits: [] });
    expect(response.body).not.toContain('informant');
    // The portion released to GBR is still found.
    expect((await search('coord.gbr', 'patrols')).map((hit) => hit.portion.portion)).toEqual([
      '(C//REL TO USA, GBR)',
    ]);
  });

  it('stems English and Arabic: "patrol" finds patrols, خليل finds الخليل', async () => {
    expect(await search('coord.duty', 'patrol')).toHaveLength(1);
    for (const q of ['خليل', 'الخليل'])
      expect((await search('coord.duty', q)).map((hit) => hit.portion.portion)).toEqual(['(U)']);
  });

  it('does not let a Hebrew prefix hide a match: חברון finds בחברון, and בחברון finds it too', async () => {
    for (const q of ['חברון', 'בחברון']) {
      const hits = await search('coord.duty', q);
      expect(hits.map((hit) => hit.id)).toEqual([reportId]);
      expect(hits[0]?.snippet).toContain('נפגשו בחברון');
    }
  });

  it('needs every word, filters by tag and date, and treats query syntax as words', async () => {
    expect(await search('coord.duty', 'patrols Tarqumiya')).toEqual([]);
    expect(await search('coord.duty', 'patrols', '&tag=PGOV')).toEqual([]);
    expect(await search('coord.duty', 'patrols', '&tag=kwbg&from=2026-11-01&to=2026-11-30')).toHaveLength(1);
    expect(await search('coord.duty', 'patrols', '&from=2026-12-01')).toEqual([]);
    expect(await search('coord.duty', "patrols & !'x':* |")).toHaveLength(0);
    expect(await search('coord.duty', "'&|!")).toEqual([]);
  });

  it('filters by the marking of the portion, and names a marking the scheme does not know', async () => {
    expect((await search('coord.duty', 'Hebron', '&marking=C')).map((hit) => hit.portion.portion)).toEqual([
      '(C//REL TO USA, GBR)',
    ]);
    expect(await search('coord.duty', 'Tarqumiya', '&marking=(U)')).toEqual([]);
    const unknown = await t.call('coord.duty', 'GET', '/api/search?q=Hebron&marking=ULTRA');
    expect(unknown.json()).toMatchObject({ status: 400, errors: [{ path: 'querystring.marking' }] });
  });

  it('finds nothing of the original report for the parties', async () => {
    expect(await search('isf.supervisor', 'Hebron')).toEqual([]);
    expect((await t.call('isf.supervisor', 'GET', '/api/search')).statusCode).toBe(400);
  });
});

describe('search over releases', () => {
  beforeAll(async () => {
    await t.call('coord.duty', 'POST', `/api/reports/${reportId}/submit`, {});
    await t.call('ussc.chief', 'POST', `/api/reports/${reportId}/approve`, {});
    const released = await t.call('coord.duty', 'POST', `/api/reports/${reportId}/releases`, {
      toParty: 'ISF',
      note: 'For the Hebron DCO',
    });
    expect(released.statusCode, released.body).toBe(201);
  });

  it('finds for a party what was released to it, as the release, in Arabic and Hebrew', async () => {
    for (const q of ['الخليل', 'חברון']) {
      const hits = await search('isf.supervisor', q);
      expect(hits.map((hit) => [hit.type, hit.portion.portion])).toEqual([['release', '(U)']]);
      expect((await t.call('isf.supervisor', 'GET', `/api/releases/${hits[0]?.id}`)).statusCode).toBe(200);
    }
  });

  it('finds nothing of what was held back from the release, nor for the other party', async () => {
    expect(await search('isf.supervisor', 'Tarqumiya')).toEqual([]);
    expect(await search('isf.supervisor', 'patrols')).toEqual([]);
    expect(await search('pasf.supervisor', 'الخليل')).toEqual([]);
  });

  it('searches one kind when asked', async () => {
    const kinds = (hits: SearchHit[]) => [...new Set(hits.map((hit) => hit.type))].sort();
    expect(kinds(await search('coord.duty', 'الخليل'))).toEqual(['release', 'report']);
    expect(kinds(await search('coord.duty', 'الخليل', '&type=report'))).toEqual(['report']);
    expect(kinds(await search('coord.duty', 'الخليل', '&type=release'))).toEqual(['release']);
  });
});

describe('search over coordination requests', () => {
  let requestId: string;

  beforeAll(async () => {
    const districts = (await t.call('coord.duty', 'GET', '/api/directory/districts')).json() as {
      id: string;
      code: string;
    }[];
    const hebron = districts.find((district) => district.code === 'HEBRON')?.id;
    const request = (draft: boolean, description: string) =>
      t.call('isf.hebron', 'POST', '/api/requests', {
        type: 'safe-return',
        districtId: hebron,
        draft,
        fields: { who: 'Two civilians', description, lastKnownLocation: 'ליד המחסום בחברון' },
      });
    const submitted = await request(false, 'White Kia Picanto, Israeli plates');
    expect(submitted.statusCode, submitted.body).toBe(201);
    requestId = submitted.json().id;
    expect((await request(true, 'Silver Hyundai Getz')).statusCode).toBe(201);
  });

  it('finds a request by the words of its form, for both parties and the coordinator, Hebrew prefixes and all', async () => {
    for (const user of ['isf.hebron', 'pasf.hebron', 'coord.duty']) {
      const hits = await search(user, 'Picanto', '&type=request');
      expect(hits.map((hit) => [hit.type, hit.id])).toEqual([['request', requestId]]);
      expect(hits[0]?.reference).toMatch(/^REQ-\d{8}$/);
    }
    expect((await search('pasf.hebron', 'חברון', '&type=request')).map((hit) => hit.id)).toEqual([requestId]);
  });

  it('finds a draft only for its own party: it is addressed to nobody yet', async () => {
    expect(await search('isf.hebron', 'Hyundai')).toHaveLength(1);
    expect(await search('pasf.hebron', 'Hyundai')).toEqual([]);
    expect(await search('coord.duty', 'Hyundai')).toEqual([]);
  });
});
