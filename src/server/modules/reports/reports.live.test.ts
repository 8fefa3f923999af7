import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveClient } from '../../../../test/support/live-client';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import type { LiveEvent } from '../../../core/events/live';
import type { ReportView } from '../../../core/reports/schemas';

const WATCHERS = ['coord.duty', 'coord.gbr', 'ussc.chief', 'pasf.supervisor', 'isf.supervisor'] as const;
type Watcher = (typeof WATCHERS)[number];

let t: TestApp;
const clients = new Map<Watcher, LiveClient>();
const call = (...args: Parameters<TestApp['call']>) => t.call(...args);
const client = (user: Watcher) => clients.get(user) as LiveClient;
const reportEvents = (events: LiveEvent[]) =>
  events.filter((event) => event.type.startsWith('report.') || event.type.startsWith('release.'));

beforeAll(async () => {
  t = await createTestApp();
  for (const user of WATCHERS) await t.signIn(user);
  const baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  for (const user of WATCHERS)
    clients.set(user, (await LiveClient.connect(baseUrl, { cookie: t.cookieOf(user) })).client);
}, 60_000);
afterAll(async () => {
  for (const live of clients.values()) live.close();
  await t?.close();
});

async function write(headerMarking: string): Promise<ReportView> {
  const response = await call('coord.duty', 'POST', '/api/reports', {
    title: 'Crossing hours at Tarqumiya',
    headerMarking: { classification: headerMarking },
    paragraphs: [{ text: 'The crossing opens at six.', marking: { classification: '(U)' } }],
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

describe('live events about reports and releases', () => {
  it('tells whoever may read a report of each step, and nobody else', async () => {
    const hidden = await write('(S//NF)');
    const open = await write('(U)');
    await call('coord.duty', 'POST', `/api/reports/${open.id}/submit`, {});
    await call('ussc.chief', 'POST', `/api/reports/${open.id}/approve`, {});
    // A last report everyone of the coordinator may read marks the end of what each received.
    const last = await write('(U)');
    const steps = async (user: Watcher) =>
      reportEvents(await client(user).eventsUntil(last.id)).map((event) => [
        event.type,
        event.id === hidden.id ? 'hidden' : event.id === open.id ? 'open' : 'last',
      ]);
    const everything = [
      ['report.created', 'hidden'],
      ['report.created', 'open'],
      ['report.submitted', 'open'],
      ['report.approved', 'open'],
      ['report.created', 'last'],
    ];
    expect(await steps('coord.duty')).toEqual(everything);
    expect(await steps('ussc.chief')).toEqual(everything);
    // coord.gbr may not read the NOFORN header: that report's events never reach them.
    expect(await steps('coord.gbr')).toEqual(everything.slice(1));
  });

  it('tells the party a release was made to, and not the other party', async () => {
    const report = await write('(U)');
    await call('coord.duty', 'POST', `/api/reports/${report.id}/submit`, {});
    await call('ussc.chief', 'POST', `/api/reports/${report.id}/approve`, {});
    const released = await call('coord.duty', 'POST', `/api/reports/${report.id}/releases`, {
      toParty: 'PASF',
      note: 'For the DCO',
    });
    const releaseId = released.json().id as string;
    const pasf = reportEvents(await client('pasf.supervisor').eventsUntil(releaseId));
    expect(pasf.map((event) => event.type)).toEqual(['release.created']);
    // The ISF supervisor hears of a later release to ISF, and of nothing before it.
    const second = await call('coord.duty', 'POST', `/api/reports/${report.id}/releases`, {
      toParty: 'ISF',
      note: 'For the DCO too',
    });
    const isf = reportEvents(await client('isf.supervisor').eventsUntil(second.json().id));
    expect(isf.map((event) => event.id)).toEqual([second.json().id]);
  });
});
