import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app';

let t: TestApp;
let hebronId: string;
let confidential: string;
let open: string;

const fields = (who: string) => ({
  who,
  description: 'Red jacket',
  lastKnownLocation: 'Near the Kiryat Arba fence',
});

beforeAll(async () => {
  t = await createTestApp();
  await t.signInAll(['isf.hebron', 'coord.duty', 'admin']);
  const districts = (await t.call('admin', 'GET', '/api/directory/districts')).json() as {
    id: string;
    code: string;
  }[];
  hebronId = districts.find((district) => district.code === 'HEBRON')?.id as string;
  const raise = async (who: string, classification?: string) => {
    const response = await t.call('isf.hebron', 'POST', '/api/requests', {
      type: 'safe-return',
      districtId: hebronId,
      fields: fields(who),
      ...(classification && { marking: { classification } }),
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id as string;
  };
  confidential = await raise('Quartermaster Yusuf', 'CONFIDENTIAL');
  open = await raise('Shepherd Dawud');
}, 60_000);
afterAll(() => t?.close());

const entriesAfter = async (seq: number) =>
  t.database.db
    .selectFrom('audit_log')
    .select(['seq', 'action', 'actor_username', 'subject_type', 'details', 'marking_level'])
    .where('seq', '>', String(seq))
    .orderBy('seq')
    .execute();
const head = async () =>
  Number(
    (
      await t.database.db
        .selectFrom('audit_log')
        .select('seq')
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst()
    )?.seq ?? 0,
  );

describe('reads of lists and searches above the lowest level', () => {
  it('audits a page of requests once, marked with what it held, naming the sensitive ones', async () => {
    const before = await head();
    const page = await t.call('coord.duty', 'GET', '/api/requests?limit=50');
    expect(page.statusCode).toBe(200);
    const listed = (await entriesAfter(before)).filter((entry) => entry.action === 'record.listed');
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      actor_username: 'coord.duty',
      subject_type: 'request',
      marking_level: 'C',
    });
    const ids = (listed[0]?.details as { ids: string[] } | undefined)?.ids;
    expect(ids).toContain(confidential);
    expect(ids).not.toContain(open);
  });

  it('writes nothing for a page that holds only records at the lowest level', async () => {
    const before = await head();
    const page = await t.call('coord.duty', 'GET', `/api/requests?limit=50&box=received&type=movement`);
    expect(page.statusCode).toBe(200);
    expect((await entriesAfter(before)).filter((entry) => entry.action === 'record.listed')).toEqual([]);
  });

  it('audits a search whose hits show words of a sensitive record', async () => {
    const before = await head();
    const found = await t.call('coord.duty', 'GET', '/api/search?q=Quartermaster&type=request');
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json().hits.length).toBeGreaterThan(0);
    const listed = (await entriesAfter(before)).filter((entry) => entry.action === 'record.listed');
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ subject_type: 'search', marking_level: 'C' });
    expect((listed[0]?.details as { ids: string[] } | undefined)?.ids).toEqual([`request:${confidential}`]);
  });
});
