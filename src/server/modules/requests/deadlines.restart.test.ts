import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import { createRestartableDatabase } from '../../../../test/support/test-database';
import { ManualClock } from '../../../core/clock';
import type { RequestDetail } from '../../../core/requests/schemas';

const MINUTE = 60_000;
const store = await createRestartableDatabase();
afterAll(() => store.drop());

/** What the coordinator's duty officer sees of the request's escalations: [whom, minutes after submission]. */
async function escalations(t: TestApp, id: string, start: number) {
  const cookie = await t.login('coord.duty');
  const detail = (
    await t.app.inject({ method: 'GET', url: `/api/requests/${id}`, headers: { cookie } })
  ).json() as RequestDetail;
  return detail.timeline
    .filter((entry) => entry.action === 'alert' || entry.action === 'escalate')
    .map((entry) => [entry.detail, (Date.parse(entry.at) - start) / MINUTE]);
}

describe('a deadline that passes while the server is stopped', () => {
  it('fires once when the server starts again', async () => {
    const clock = new ManualClock(new Date());
    const first = await createTestApp({ database: await store.open(), clock, demo: true });
    const cookie = await first.login('isf.hebron');
    const districts = (
      await first.app.inject({ method: 'GET', url: '/api/directory/districts', headers: { cookie } })
    ).json();
    const hebron = districts.find((district: { code: string }) => district.code === 'HEBRON');
    const submitted = await first.app.inject({
      method: 'POST',
      url: '/api/requests',
      headers: { cookie },
      payload: {
        type: 'safe-return',
        districtId: hebron.id,
        fields: { who: 'Two hikers', description: 'Blue tent', lastKnownLocation: 'Wadi al-Quff' },
      },
    });
    const request = submitted.json() as RequestDetail;
    const start = Date.parse(request.submittedAt ?? '');
    await first.app.services.deadlines.fireDue();
    expect(await escalations(first, request.id, start)).toEqual([['desk', 0]]);
    await first.close();

    // Six minutes pass with no server running: the supervisors' step (5 minutes) falls due unseen.
    clock.advance(6 * MINUTE);
    const second = await createTestApp({ database: await store.open(), clock });
    try {
      // Start-up fired it, before the app answered anyone; firing again changes nothing.
      expect(await escalations(second, request.id, start)).toEqual([
        ['desk', 0],
        ['supervisors', 6],
      ]);
      await second.app.services.deadlines.fireDue();
      expect(await escalations(second, request.id, start)).toEqual([
        ['desk', 0],
        ['supervisors', 6],
      ]);
    } finally {
      await second.close();
    }
  });
});
