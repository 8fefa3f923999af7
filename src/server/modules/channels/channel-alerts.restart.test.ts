import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import { createRestartableDatabase } from '../../../../test/support/test-database';
import { ManualClock } from '../../../core/clock';

const store = await createRestartableDatabase();
afterAll(() => store.drop());

const realerts = (t: TestApp, channelId: string) =>
  t.database.db
    .selectFrom('notifications')
    .select(['user_id', 'channel_seq'])
    .where('channel_id', '=', channelId)
    .execute();

describe('a re-alert that falls due while the server is stopped', () => {
  it('fires once when the server starts again', async () => {
    const clock = new ManualClock(new Date());
    const first = await createTestApp({ database: await store.open(), clock, demo: true });
    const cookie = await first.login('coord.duty');
    const isf = await first.login('isf.hebron');
    const isfId = (await first.app.inject({ url: '/api/me', headers: { cookie: isf } })).json().user.id;
    const room = (
      await first.app.inject({
        method: 'POST',
        url: '/api/channels',
        headers: { cookie },
        payload: { kind: 'crisis', name: 'Hebron', memberIds: [isfId] },
      })
    ).json();
    const posted = await first.app.inject({
      method: 'POST',
      url: `/api/channels/${room.id}/messages`,
      headers: { cookie },
      payload: { body: 'Acknowledge, please', urgent: true, idempotencyKey: 'restart-0001' },
    });
    expect(posted.statusCode, posted.body).toBe(201);
    await first.close();

    // Six minutes pass with no server running: the 5-minute re-alert falls due unseen.
    clock.advance(6 * 60_000);
    const second = await createTestApp({ database: await store.open(), clock });
    try {
      // Start-up fired it, before the app answered anyone; firing again changes nothing.
      expect(await realerts(second, room.id)).toEqual([{ user_id: isfId, channel_seq: expect.anything() }]);
      await second.app.services.channelAlerts.fireDue();
      expect(await realerts(second, room.id)).toHaveLength(1);
    } finally {
      await second.close();
    }
  });
});
