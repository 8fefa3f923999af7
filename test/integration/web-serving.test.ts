import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: false });
});
afterAll(() => t.close());

// The global setup builds the web app unless CONCORD_SKIP_WEB_BUILD=1 asks it not to.
describe.runIf(process.env.CONCORD_SKIP_WEB_BUILD !== '1')('serving the web app', () => {
  it('serves index.html with the per-response CSP nonce, for deep links too', async () => {
    for (const url of ['/', '/profile', '/some/deep/link']) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      const nonce = /style-src 'self' 'nonce-([0-9a-f]+)'/.exec(
        String(response.headers['content-security-policy']),
      )?.[1];
      expect(nonce).toBeDefined();
      expect(response.body).toContain(`content="${nonce}"`);
      expect(response.body).not.toContain('__CSP_NONCE__');
    }
  });

  it('serves the hashed assets with long-lived caching', async () => {
    const index = (await t.app.inject({ method: 'GET', url: '/' })).body;
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(index)?.[1];
    expect(asset).toBeDefined();
    const response = await t.app.inject({ method: 'GET', url: asset as string });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('javascript');
    expect(response.headers['cache-control']).toContain('immutable');
  });
});
