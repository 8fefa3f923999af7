import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { chromiumPath, launchBrowser } from './browser';
import { createTestApp, type TestApp } from './test-app';

export interface E2E {
  t: TestApp;
  baseUrl: string;
  browser: Browser;
  newContext(options?: { width?: number; height?: number; locale?: string }): Promise<BrowserContext>;
  close(): Promise<void>;
}

/** The real server on a fresh database with the demo, listening on a free port, and a browser. */
export async function startE2E(env: Record<string, string> = {}): Promise<E2E> {
  const t = await createTestApp({ env });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await launchBrowser();
  return {
    t,
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    newContext: ({ width = 1280, height = 800, locale = 'en-US' } = {}) =>
      // Reduced motion: notifications appear at once, so axe never measures a toast half faded in.
      browser.newContext({
        viewport: { width, height },
        locale,
        baseURL: `http://127.0.0.1:${port}`,
        reducedMotion: 'reduce',
      }),
    close: async () => {
      await browser.close();
      await t.close();
    },
  };
}

/**
 * For a browser test file: starts the server and the browser before its tests
 * (when Chromium is there) and closes them after. The answer reads through to
 * the running instance, so the file can hold it in a constant.
 */
export function serveBrowserTests(env: Record<string, string> = {}): E2E {
  let started: E2E | undefined;
  beforeAll(async () => {
    if (chromiumPath) started = await startE2E(env);
  }, 120_000);
  afterAll(async () => {
    await started?.close();
  });
  const current = () => {
    if (!started) throw new Error('The end-to-end server is not running (is Chromium installed?)');
    return started;
  };
  return {
    get t() {
      return current().t;
    },
    get baseUrl() {
      return current().baseUrl;
    },
    get browser() {
      return current().browser;
    },
    newContext: (options) => current().newContext(options),
    close: () => current().close(),
  };
}
