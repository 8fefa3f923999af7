import { describe, expect, it } from 'vitest';
import { createTestApp, DEMO_PASSWORD } from '../support/test-app';

describe('graceful shutdown', () => {
  it('finishes a request in flight, then refuses new connections and closes the database', async () => {
    const t = await createTestApp();
    let arrived: () => void = () => {};
    const requestArrived = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    t.app.server.on('request', (request) => {
      if (request.url === '/api/auth/login') arrived();
    });
    const address = t.app.server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    // A sign-in spends tens of milliseconds hashing: close while it is in flight.
    const inFlight = fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'coord.duty', password: DEMO_PASSWORD }),
    });
    await requestArrived;
    const closing = t.app.close();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect((await response.json()).user.username).toBe('coord.duty');
    await closing;

    await expect(fetch(`${url}/api/health`)).rejects.toThrow();
    await expect(t.database.db.selectFrom('users').selectAll().execute()).rejects.toThrow();
  });
});
