import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import { inTransaction } from '../db/database';
import { Dispatcher } from './dispatcher';
import { EventLogRepository } from './event-log.repository';
import type { StoredEvent } from './events';

let t: TestApp;
const delivered: number[] = [];

beforeAll(async () => {
  t = await createTestApp({ demo: false });
  t.app.services.events.subscribe((event: StoredEvent) => {
    delivered.push(event.id);
  });
});
afterAll(() => t.close());

describe('the event dispatcher', () => {
  it('delivers every event of concurrent transactions exactly once, in ascending id order', async () => {
    const events = t.app.services.events;
    const before = delivered.length;
    // Transactions that hold on a little after appending; on PostgreSQL they truly overlap.
    const appended = Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        inTransaction(t.database.db, async (tx) => {
          const stored = await events.append(tx, {
            type: 'test.changed',
            subjectType: 'test',
            subjectId: `${i}`,
          });
          await sql`select pg_sleep(${(i % 7) / 1000})`.execute(tx);
          return stored.id;
        }),
      ),
    );
    // Readers racing the writers must never skip an id that commits late.
    let racing = true;
    const reader = (async () => {
      while (racing) await events.catchUp();
    })();
    const ids = await appended;
    racing = false;
    await reader;
    await events.catchUp();

    const received = delivered.slice(before);
    expect(received).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(received).size).toBe(40);
  });
});

describe('the LISTEN heartbeat', () => {
  it('replaces a connection that went silently half-open, and delivers what it missed', async () => {
    const opened: string[] = [];
    // A LISTEN connection that stays open but never hears anything and never answers a ping.
    const halfOpen = {
      listen: async () => {
        opened.push('connection');
        return {
          backendPid: null,
          ping: () => Promise.reject(new Error('no answer within 5000 ms')),
          close: async () => undefined,
        };
      },
    };
    const dispatcher = new Dispatcher(
      halfOpen,
      new EventLogRepository(t.database.db),
      { warn: () => undefined, error: () => undefined },
      5_000,
    );
    const received: string[] = [];
    dispatcher.subscribe((event) => {
      received.push(event.subjectId);
    });
    await dispatcher.start();
    await inTransaction(t.database.db, (tx) =>
      t.app.services.events.append(tx, { type: 'test.changed', subjectType: 'test', subjectId: 'unheard' }),
    );

    await dispatcher.heartbeat();
    expect(received).toEqual(['unheard']);
    expect(opened).toEqual(['connection', 'connection']);
    await dispatcher.stop();
  });
});
