import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import type { RequestDetail, SafeReturnStatistics } from '../../../core/requests/schemas';
import { median } from './safe-returns.queries';

/**
 * Safe returns step by step, and the statistics the coordinator's home and the
 * plan's indicators read (issue 15): generated requests, their figures
 * computed here from what was generated, compared with the API's, for readers
 * who see all of them and for one who may not see some.
 */

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const START = Date.parse('2026-03-02T06:00:00Z');
const RELEASED = '(C//REL TO USA, ISR, PSE)';

let t: TestApp;
const districts = new Map<string, string>();

beforeAll(async () => {
  // The clock runs a month on: sessions stay open through it.
  t = await createTestApp({
    env: { CONCORD_SESSION_IDLE_MINUTES: String(60 * 24 * 40), CONCORD_SESSION_MAX_HOURS: String(24 * 40) },
  });
  t.clock.set(new Date(START - DAY));
  await t.signInAll(['isf.hebron', 'isf.jenin', 'pasf.hebron', 'pasf.jenin', 'coord.duty', 'coord.gbr']);
  const list = (await call('coord.duty', 'GET', '/api/directory/districts')).json() as {
    id: string;
    code: string;
  }[];
  for (const district of list) districts.set(district.code, district.id);
}, 60_000);
afterAll(() => t?.close());

const call = (...args: Parameters<TestApp['call']>) => t.call(...args);

async function act(user: string, id: string, body: Record<string, unknown>) {
  const response = await call(user, 'POST', `/api/requests/${id}/transitions`, body);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as RequestDetail;
}

/** What the test made: enough to compute every figure itself. */
interface Made {
  district: string;
  party: string;
  submittedAt: number;
  outcome: 'handed-over' | 'not-found' | 'open';
  endedAt: number | null;
  released: boolean;
}

const PLAN: Omit<Made, 'submittedAt' | 'endedAt'>[] = [
  { district: 'HEBRON', party: 'ISF', outcome: 'handed-over', released: false },
  { district: 'JENIN', party: 'ISF', outcome: 'handed-over', released: true },
  { district: 'HEBRON', party: 'PASF', outcome: 'handed-over', released: false },
  { district: 'HEBRON', party: 'ISF', outcome: 'not-found', released: false },
  { district: 'JENIN', party: 'ISF', outcome: 'handed-over', released: false },
  { district: 'HEBRON', party: 'ISF', outcome: 'handed-over', released: true },
  { district: 'JENIN', party: 'ISF', outcome: 'open', released: false },
];

const desk = (party: string, district: string) => `${party.toLowerCase()}.${district.toLowerCase()}`;
const other = (party: string) => (party === 'ISF' ? 'PASF' : 'ISF');

describe('safe returns, step by step, counted', () => {
  const made: Made[] = [];

  beforeAll(async () => {
    for (const [i, plan] of PLAN.entries()) {
      const submittedAt = START + i * DAY;
      t.clock.set(new Date(submittedAt));
      const created = await call(desk(plan.party, plan.district), 'POST', '/api/requests', {
        type: 'safe-return',
        districtId: districts.get(plan.district),
        marking: { classification: plan.released ? RELEASED : 'UNCLASSIFIED' },
        fields: { who: `Person ${i}`, description: 'Grey sedan', lastKnownLocation: 'Route 60' },
      });
      expect(created.statusCode, created.body).toBe(201);
      const id = (created.json() as RequestDetail).id;
      const receiver = desk(other(plan.party), plan.district);
      t.clock.set(new Date(submittedAt + 2 * MINUTE));
      await act(receiver, id, { action: 'acknowledge' });
      await act(receiver, id, { action: 'approve' });
      let endedAt: number | null = null;
      if (plan.outcome === 'handed-over') {
        for (const action of ['locate', 'secure', 'depart']) await act(receiver, id, { action });
        // Each takes a different time: 40, 47, 54… minutes from sending to the handover.
        endedAt = submittedAt + (40 + 7 * i) * MINUTE;
        t.clock.set(new Date(endedAt + 5 * MINUTE));
        const done = await act(receiver, id, {
          action: 'hand-over',
          placeId: districts.get(plan.district === 'HEBRON' ? 'LO-HEBRON' : 'X-QALANDIA'),
          at: new Date(endedAt).toISOString(),
          receivedBy: 'Liaison officer on duty',
          condition: 'Unharmed',
        });
        expect(done.status).toBe('completed');
      } else if (plan.outcome === 'not-found') {
        endedAt = submittedAt + 3 * 60 * MINUTE;
        t.clock.set(new Date(endedAt));
        await act(receiver, id, { action: 'not-found', reason: 'No trace after a search of the area' });
      }
      made.push({ ...plan, submittedAt, endedAt });
    }
    t.clock.set(new Date(START + 30 * DAY));
  });

  /** The figures for a reader who sees `visible` of what was made, over [from, to). */
  function expected(visible: Made[], from: number, to: number) {
    const inPeriod = (at: number | null) => at !== null && at >= from && at < to;
    const handed = visible.filter((item) => item.outcome === 'handed-over' && inPeriod(item.endedAt));
    const minutes = (items: Made[]) =>
      median(items.map((item) => ((item.endedAt as number) - item.submittedAt) / MINUTE));
    const group = (key: (item: Made) => string) =>
      [...new Set(handed.map(key))].sort().map((value) => {
        const items = handed.filter((item) => key(item) === value);
        return { value, handedOver: items.length, medianMinutesToHandover: minutes(items) };
      });
    return {
      requested: visible.filter((item) => inPeriod(item.submittedAt)).length,
      handedOver: handed.length,
      notFound: visible.filter((item) => item.outcome === 'not-found' && inPeriod(item.endedAt)).length,
      stillOpen: visible.filter((item) => item.outcome === 'open' && inPeriod(item.submittedAt)).length,
      medianMinutesToHandover: minutes(handed),
      byDistrict: group((item) => item.district),
      byParty: group((item) => item.party),
    };
  }

  async function statistics(user: string, query = '') {
    const response = await call(user, 'GET', `/api/statistics/safe-returns${query}`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as SafeReturnStatistics;
    return {
      requested: body.requested,
      handedOver: body.handedOver,
      notFound: body.notFound,
      stillOpen: body.stillOpen,
      medianMinutesToHandover: body.medianMinutesToHandover,
      byDistrict: body.byDistrict.map((row) => ({
        value: row.district.code,
        handedOver: row.handedOver,
        medianMinutesToHandover: row.medianMinutesToHandover,
      })),
      byParty: body.byParty.map((row) => ({
        value: row.party,
        handedOver: row.handedOver,
        medianMinutesToHandover: row.medianMinutesToHandover,
      })),
    };
  }

  it('counts this year for the coordinator exactly as the generated requests say', async () => {
    const figures = await statistics('coord.duty');
    expect(figures).toEqual(expected(made, Date.parse('2025-12-31T22:00:00Z'), START + 30 * DAY));
    expect(figures.handedOver).toBe(5);
  });

  it('counts only what the reader may see: no bucket reveals a request hidden from them', async () => {
    const visible = made.filter((item) => !item.released);
    const gbr = await statistics('coord.gbr');
    expect(gbr).toEqual(expected(visible, Date.parse('2025-12-31T22:00:00Z'), START + 30 * DAY));
    expect(gbr.handedOver).toBe(3);
  });

  it('puts each safe return handed over on the exchange ledger, from the side that delivered it', async () => {
    const { items } = (
      await call('coord.duty', 'GET', '/api/exchanges?kind=request-completed&category=humanitarian&limit=500')
    ).json() as { items: { fromParty: string; toParty: string }[] };
    const handed = made.filter((item) => item.outcome === 'handed-over');
    expect(items.map((item) => `${item.fromParty}→${item.toParty}`).sort()).toEqual(
      handed.map((item) => `${other(item.party)}→${item.party}`).sort(),
    );
  });

  it('takes a period and a district', async () => {
    const from = START + DAY;
    const to = START + 5 * DAY;
    const query = `?from=${encodeURIComponent(new Date(from).toISOString())}&to=${encodeURIComponent(new Date(to).toISOString())}`;
    expect(await statistics('coord.duty', query)).toEqual(expected(made, from, to));
    const hebron = await statistics('coord.duty', `${query}&district=HEBRON`);
    expect(hebron).toEqual(
      expected(
        made.filter((item) => item.district === 'HEBRON'),
        from,
        to,
      ),
    );
  });

  it('refuses a period that ends before it starts, a time without its offset, and an unknown district', async () => {
    const backwards = await call(
      'coord.duty',
      'GET',
      '/api/statistics/safe-returns?from=2026-03-10T00:00:00Z&to=2026-03-01T00:00:00Z',
    );
    expect(backwards.json()).toMatchObject({ status: 400, code: 'empty_period' });
    const naive = await call('coord.duty', 'GET', '/api/statistics/safe-returns?from=2026-03-10T00:00');
    expect(naive.statusCode).toBe(400);
    expect(naive.json().errors[0].path).toBe('querystring.from');
    const nowhere = await call('coord.duty', 'GET', '/api/statistics/safe-returns?district=ATLANTIS');
    expect(nowhere.json()).toMatchObject({ status: 400, code: 'unknown_district' });
  });
});

describe('the median', () => {
  it('is the middle value, or the mean of the two middle ones', () => {
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 3, 10])).toBe(3.5);
  });
});
