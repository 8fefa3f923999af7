import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import type { CommitmentDetail } from '../../../core/commitments/schemas';
import type { Reciprocity } from '../../../core/exchanges/schemas';
import type { RequestDetail } from '../../../core/requests/schemas';
import type { WorkingGroupSummary } from '../../../core/working-groups/schemas';

/**
 * The measures beside the ledger's counts (issue 17), on a small fixture made
 * through the real API with a clock the test moves: medians and 90th
 * percentiles of the times to acknowledge and to answer requests for
 * information, answers within the deadline, commitments made and kept, and
 * the asymmetry index, against values computed by hand.
 */

let t: TestApp;
const ids = new Map<string, string>();
const START = Date.parse('2027-02-01T06:00:00Z');
const MINUTE = 60_000;
const DAY = 86_400_000;
const USERS = [
  'isf.hebron',
  'isf.supervisor',
  'pasf.hebron',
  'pasf.supervisor',
  'pasf.police',
  'coord.gbr',
  'coord.duty',
];

/** A call as `user`, signing in again when the clock the test moved has ended the session. */
async function call(user: string, method: 'GET' | 'POST', url: string, body?: Record<string, unknown>) {
  const response = await t.call(user, method, url, body);
  if (response.statusCode !== 401) return response;
  await t.signIn(user);
  return t.call(user, method, url, body);
}

const act = async (user: string, id: string, body: Record<string, unknown>) => {
  const response = await call(user, 'POST', `/api/requests/${id}/transitions`, body);
  expect(response.statusCode, response.body).toBe(200);
};

/** An RFI from `asker`'s desk, acknowledged and answered (or denied) after the given minutes. */
async function rfi(
  asker: string,
  answerer: string,
  at: number,
  acknowledge: number,
  answer: number | 'deny',
) {
  t.clock.set(new Date(at));
  const districts = (await call(asker, 'GET', '/api/directory/districts')).json() as {
    id: string;
    code: string;
  }[];
  const created = await call(asker, 'POST', '/api/requests', {
    type: 'rfi',
    districtId: districts.find((district) => district.code === 'HEBRON')?.id,
    fields: { question: 'Who owns the grey van seen at Bab al-Zawiya?', category: 'security' },
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = (created.json() as RequestDetail).id;
  t.clock.set(new Date(at + acknowledge * MINUTE));
  await act(answerer, id, { action: 'acknowledge' });
  // Every RFI's answer, a denial too, is drafted by the desk and approved by a supervisor (four eyes).
  const denied = answer === 'deny';
  const answeredAfter = denied ? acknowledge + 30 : answer;
  t.clock.set(new Date(at + (answeredAfter - 1) * MINUTE));
  await act(answerer, id, {
    action: 'draft-answer',
    answer: denied ? 'deny' : 'approve',
    reason: denied ? 'Not ours to answer' : 'It belongs to a rental company',
  });
  t.clock.set(new Date(at + answeredAfter * MINUTE));
  await act(answerer.replace(/\.hebron$/, '.supervisor'), id, { action: 'approve-answer' });
}

beforeAll(async () => {
  t = await createTestApp();
  for (const [username, id] of await t.signInAll(USERS)) ids.set(username, id);
  // ISF asks PASF four times: acknowledged after 10, 20, 30, 40 minutes; answered after 60, 120, 180, 2,000
  // (the RFI's routine deadline to answer is 1,440 minutes: three on time). PASF asks ISF once: denied.
  for (const [i, [acknowledge, answer]] of [
    [10, 60],
    [20, 120],
    [30, 180],
    [40, 2000],
  ].entries())
    await rfi('isf.hebron', 'pasf.hebron', START + i * DAY, acknowledge as number, answer as number);
  await rfi('pasf.hebron', 'isf.hebron', START + 5 * DAY, 5, 'deny');

  // In WG-CID PASF promises twice (one delivered and confirmed), ISF once (overdue by the end).
  const groups = (await call('coord.gbr', 'GET', '/api/working-groups')).json() as WorkingGroupSummary[];
  const cid = groups.find((group) => group.code === 'WG-CID')?.id;
  const raise = async (ownerParty: string, owner: string, dueOn: string) => {
    const response = await call('coord.gbr', 'POST', '/api/commitments', {
      group: cid,
      title: `Promise of ${ownerParty}`,
      doneMeans: 'Handed over',
      ownerParty,
      ownerId: ids.get(owner),
      dueOn,
    });
    expect(response.statusCode, response.body).toBe(201);
    return (response.json() as CommitmentDetail).id;
  };
  t.clock.set(new Date(START + 6 * DAY));
  const kept = await raise('PASF', 'pasf.police', '2027-02-20');
  await raise('PASF', 'pasf.police', '2027-03-30');
  await raise('ISF', 'isf.supervisor', '2027-02-10');
  const moved = (user: string, action: string, extra = {}) =>
    call(user, 'POST', `/api/commitments/${kept}/transitions`, { action, ...extra });
  expect((await moved('pasf.police', 'complete', { evidence: { text: 'Handed over' } })).statusCode).toBe(
    200,
  );
  expect((await moved('isf.supervisor', 'confirm')).statusCode).toBe(200);
  t.clock.set(new Date(START + 20 * DAY));
}, 120_000);
afterAll(() => t?.close());

const measures = async (user: string, query = 'partyA=ISF&partyB=PASF&period=month') => {
  const response = await call(user, 'GET', `/api/reciprocity?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Reciprocity;
};

describe('the measures of a pair', () => {
  it('give the medians and 90th percentiles of the times to acknowledge and answer, and answers on time', async () => {
    const { total, periods } = await measures('isf.supervisor');
    expect(total.rfi.askedByA).toEqual({
      asked: 4,
      answered: 4,
      answeredOnTime: 3,
      // 10, 20, 30, 40: the median is 25; the 90th percentile lies 0.7 of the way from 30 to 40.
      acknowledgeMedianMinutes: 25,
      acknowledgeP90Minutes: 37,
      // 60, 120, 180, 2,000: the median is 150; the 90th percentile 180 + 0.7 × 1,820.
      answerMedianMinutes: 150,
      answerP90Minutes: 1454,
    });
    expect(total.rfi.askedByB).toMatchObject({
      asked: 1,
      answered: 0,
      answeredOnTime: 0,
      answerMedianMinutes: null,
    });
    expect(total.rfi.askedByB.acknowledgeMedianMinutes).toBe(5);
    // All of it in February (on Jerusalem's clock).
    expect(periods.map((period) => period.start)).toEqual(['2027-02-01']);
    expect(periods[0]?.rfi).toEqual(total.rfi);
  });

  it('count commitments made, delivered and overdue each way, and the items and asymmetry of the ledger', async () => {
    const { total } = await measures('isf.supervisor');
    expect(total.commitments).toEqual({
      byA: { promised: 1, delivered: 0, overdue: 1 },
      byB: { promised: 2, delivered: 1, overdue: 0 },
    });
    // Four answers and one delivered commitment went from PASF to ISF; nothing the other way.
    expect([total.aToB, total.bToA, total.asymmetry]).toEqual([0, 5, -1]);
  });

  it('count for each viewer only what they may see: an ISF desk outside the group sees no commitment', async () => {
    const desk = await measures('isf.hebron');
    expect(desk.total.commitments.byB.promised).toBe(0);
    expect([desk.total.aToB, desk.total.bToA]).toEqual([0, 4]);
    const category = await measures('isf.supervisor', 'partyA=ISF&partyB=PASF&period=year&category=traffic');
    expect(category.total.rfi.askedByA.asked).toBe(0);
    expect(category.total.commitments.byB.promised).toBe(0);
    expect(category.total.bToA).toBe(0);
  });
});
