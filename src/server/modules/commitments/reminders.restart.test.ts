import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import { createRestartableDatabase } from '../../../../test/support/test-database';
import { ManualClock } from '../../../core/clock';
import type { NotificationDto } from '../../../core/notifications/schemas';
import type { WorkingGroupSummary } from '../../../core/working-groups/schemas';

const DAY = 86_400_000;
const store = await createRestartableDatabase();
afterAll(() => store.drop());

const asUser = async (t: TestApp, username: string) => {
  const cookie = await t.login(username);
  return (method: 'GET' | 'POST', url: string, payload?: unknown) =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
};

const reminders = async (t: TestApp, commitmentId: string) => {
  const owner = await asUser(t, 'isf.police');
  return ((await owner('GET', '/api/notifications')).json() as { items: NotificationDto[] }).items
    .filter((item) => item.link === `/commitments/${commitmentId}`)
    .map((item) => item.kind)
    .sort();
};

describe('commitment reminders that fall due while the server is stopped', () => {
  it('fire once when it starts again, however many instances fire them (several only on PostgreSQL)', async () => {
    const clock = new ManualClock(new Date('2027-05-02T09:00:00Z'));
    const first = await createTestApp({ database: await store.open(), clock, demo: true });
    const secretary = await asUser(first, 'coord.gbr');
    const groups = (await secretary('GET', '/api/working-groups')).json() as WorkingGroupSummary[];
    const group = groups.find((item) => item.code === 'WG-CID') as WorkingGroupSummary;
    const members = (await secretary('GET', `/api/working-groups/${group.id}`)).json().members as {
      id: string;
      username: string;
    }[];
    const owner = members.find((member) => member.username === 'isf.police') as { id: string };
    const raised = await secretary('POST', '/api/commitments', {
      group: group.id,
      title: 'Joint checkpoint schedule',
      doneMeans: 'Agreed in writing by both sides',
      ownerParty: 'ISF',
      ownerId: owner.id,
      dueOn: '2027-05-10',
    });
    expect(raised.statusCode, raised.body).toBe(201);
    const id = raised.json().id as string;
    await first.app.services.commitmentReminders.fireDue();
    expect(await reminders(first, id)).toEqual([]);
    await first.close();

    // Ten days pass with no server running: all three reminders fall due unseen.
    clock.advance(10 * DAY);
    const second = await createTestApp({ database: await store.open(), clock });
    const third = process.env.TEST_DATABASE_URL
      ? await createTestApp({ database: await store.open(), clock })
      : null;
    try {
      // Start-up fired them, before the app answered anyone; firing again, on both instances at once, changes nothing.
      await Promise.all([
        second.app.services.commitmentReminders.fireDue(),
        third?.app.services.commitmentReminders.fireDue(),
      ]);
      expect(await reminders(second, id)).toEqual([
        'commitment.due-soon',
        'commitment.due-soon',
        'commitment.overdue',
      ]);
    } finally {
      await third?.close();
      await second.close();
    }
  }, 120_000);
});
