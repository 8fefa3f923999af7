import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import type { NotificationDto } from '../../../core/notifications/schemas';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  for (const user of ['isf.hebron', 'pasf.hebron', 'pasf.jenin']) await t.signIn(user);
  const districts = (await call('isf.hebron', 'GET', '/api/directory/districts')).json() as {
    id: string;
    code: string;
  }[];
  const hebron = districts.find((district) => district.code === 'HEBRON')?.id;
  for (const who of ['A farmer', 'A student'])
    await call('isf.hebron', 'POST', '/api/requests', {
      type: 'safe-return',
      districtId: hebron,
      fields: { who, description: 'Grey coat', lastKnownLocation: 'Halhul bridge' },
    });
  await t.app.services.deadlines.fireDue();
}, 60_000);
afterAll(() => t?.close());

const call = (...args: Parameters<TestApp['call']>) => t.call(...args);

const mine = async (user: string) =>
  (await call(user, 'GET', '/api/notifications')).json() as { items: NotificationDto[]; unread: number };

describe('notifications', () => {
  it('tells the desk officer on duty of each request that arrived, with only what the notification may say', async () => {
    const { items, unread } = await mine('pasf.hebron');
    expect(unread).toBe(2);
    expect(items.map((item) => [item.kind, item.requestType, item.districtCode, item.priority])).toEqual([
      ['request.submitted', 'safe-return', 'HEBRON', 'critical'],
      ['request.submitted', 'safe-return', 'HEBRON', 'critical'],
    ]);
    expect(JSON.stringify(items)).not.toMatch(/farmer|student|Halhul/);
    expect((await mine('pasf.jenin')).items).toEqual([]);
  });

  it("marks one read, answers another user's notification like one that does not exist, and marks all read", async () => {
    const [first] = (await mine('pasf.hebron')).items;
    const id = first?.id as string;
    expect((await call('pasf.jenin', 'POST', `/api/notifications/${id}/read`)).statusCode).toBe(404);
    expect((await mine('pasf.hebron')).unread).toBe(2);
    expect((await call('pasf.hebron', 'POST', `/api/notifications/${id}/read`)).statusCode).toBe(204);
    expect((await mine('pasf.hebron')).unread).toBe(1);
    // Reading it again is harmless.
    expect((await call('pasf.hebron', 'POST', `/api/notifications/${id}/read`)).statusCode).toBe(204);
    expect((await call('pasf.hebron', 'POST', '/api/notifications/read-all')).statusCode).toBe(204);
    const after = await mine('pasf.hebron');
    expect(after.unread).toBe(0);
    expect(after.items.every((item) => item.readAt !== null)).toBe(true);
  });

  it('refuses strangers and malformed ids', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/notifications' })).statusCode).toBe(401);
    expect((await call('pasf.hebron', 'POST', '/api/notifications/not-an-id/read')).statusCode).toBe(400);
  });
});
