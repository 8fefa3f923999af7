import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveClient } from '../../../../test/support/live-client';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import { openSameDatabase, testEngine } from '../../../../test/support/test-database';
import { inTransaction } from '../db/database';

/**
 * Several app instances on one PostgreSQL database, as behind a load balancer.
 * PGlite is one process's embedded database: it has no second instance to reach.
 */
describe.runIf(testEngine() === 'postgres')('live events across instances (PostgreSQL only)', () => {
  let a: TestApp;
  let b: TestApp;
  let baseUrlOfB: string;
  let cookie: string;

  beforeAll(async () => {
    a = await createTestApp();
    b = await createTestApp({ database: await openSameDatabase(a.database) });
    for (const instance of [a, b]) {
      instance.app.services.events.registerAudience('test-marker', async () => () => true);
    }
    cookie = await a.login('isf.hebron');
    baseUrlOfB = await b.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  const appendOnA = (subjectId: string) =>
    inTransaction(a.database.db, (tx) =>
      a.app.services.events.append(tx, { type: 'test.marked', subjectType: 'test-marker', subjectId }),
    );

  it('delivers an event appended on one instance to a browser connected to another', async () => {
    const { client } = await LiveClient.connect(baseUrlOfB, { cookie });
    await appendOnA('from-a');
    expect((await client.eventsUntil('from-a')).map((event) => event.id)).toEqual(['from-a']);
    client.close();
  });

  it('reconnects a killed LISTEN connection and delivers what was appended meanwhile', async () => {
    const { client } = await LiveClient.connect(baseUrlOfB, { cookie });
    const killed = b.app.services.events.status().backendPid;
    expect(killed).not.toBeNull();
    await sql`select pg_terminate_backend(${killed})`.execute(a.database.db);
    await appendOnA('while-b-was-deaf');

    await b.app.services.events.heartbeat();
    expect((await client.eventsUntil('while-b-was-deaf')).map((event) => event.id)).toEqual([
      'while-b-was-deaf',
    ]);
    const status = b.app.services.events.status();
    expect(status.listening).toBe(true);
    expect(status.backendPid).not.toBe(killed);

    // And the new connection hears NOTIFY again, without another heartbeat.
    await appendOnA('after-reconnect');
    expect((await client.eventsUntil('after-reconnect')).map((event) => event.id)).toEqual([
      'after-reconnect',
    ]);
    client.close();
  });
});
