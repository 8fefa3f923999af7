import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { ManualClock } from '../../src/core/clock';
import type { Deployment } from '../../src/core/deployment/schema';
import { buildApp } from '../../src/server/app';
import { seedDeployment } from '../../src/server/modules/directory/seed-deployment';
import { type Config, loadConfig } from '../../src/server/platform/config';
import type { DatabaseHandle } from '../../src/server/platform/db/database';
import { deploymentContext } from '../../src/server/platform/deployment-context';
import { DEMO_DEPLOYMENT_FILE, loadDeploymentFile } from '../../src/server/platform/deployment-file';
import { createTestDatabase } from './test-database';

export const DEMO_PASSWORD = 'demo-password-2026';

export interface TestApp {
  app: FastifyInstance;
  database: DatabaseHandle;
  clock: ManualClock;
  config: Config;
  /** Signs in and returns the Cookie header value to send with later requests. */
  login(username: string, password?: string): Promise<string>;
  /** Signs in with the demo password and keeps the session for `call` and `cookieOf`. */
  signIn(username: string): Promise<string>;
  /** Signs each in as `signIn` does; answers their user ids by username. */
  signInAll(usernames: readonly string[]): Promise<Map<string, string>>;
  /** The kept session of a user signed in with `signIn` ('' if none: the call goes unauthenticated). */
  cookieOf(username: string): string;
  /** Calls the API as a user signed in with `signIn`. */
  call(
    username: string,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  demo?: boolean;
  loginRateLimitPerMinute?: number;
  /** Run on this database (a second instance, or a restart) instead of a fresh one; it is not seeded again. */
  database?: DatabaseHandle;
  /** The clock to run on (e.g. the clock of a previous run); by default a new one set to now. */
  clock?: ManualClock;
  /** How often PGlite's planner statistics are refreshed (default: the server's). */
  analyzeEveryMs?: number;
}

/** The real application on a fresh database, with a clock the test controls. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const config = loadConfig({ CONCORD_WEB_DIR: './dist/web', ...options.env });
  const database = options.database ?? (await createTestDatabase());
  const clock = options.clock ?? new ManualClock(new Date());
  const deployment = await demoDeployment();
  const app = await buildApp(config, {
    database,
    deployment: deploymentContext(deployment),
    clock,
    logger: false,
    loginRateLimitPerMinute: options.loginRateLimitPerMinute ?? 1000,
    ...(options.analyzeEveryMs !== undefined && { analyzeEveryMs: options.analyzeEveryMs }),
  });
  if (options.demo ?? !options.database) {
    await seedDeployment(database.db, app.services.identity, deployment, {
      password: DEMO_PASSWORD,
      now: clock.now(),
    });
  }
  await app.ready();

  const sessions = new Map<string, string>();
  const login = async (username: string, password = DEMO_PASSWORD) => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password },
    });
    if (response.statusCode !== 200) throw new Error(`login ${username} failed: ${response.body}`);
    return sessionCookieOf(response);
  };
  return {
    app,
    database,
    clock,
    config,
    login,
    async signIn(username) {
      sessions.set(username, await login(username));
      return sessions.get(username) as string;
    },
    async signInAll(usernames) {
      const ids = new Map<string, string>();
      for (const username of usernames) {
        const cookie = await login(username);
        sessions.set(username, cookie);
        const me = await app.inject({ url: '/api/me', headers: { cookie } });
        ids.set(username, me.json().user.id);
      }
      return ids;
    },
    cookieOf: (username) => sessions.get(username) ?? '',
    call: (username, method, url, payload) =>
      app.inject({
        method,
        url,
        headers: { cookie: sessions.get(username) ?? '' },
        ...(payload ? { payload } : {}),
      }),
    close: () => app.close(),
  };
}

let demo: Promise<Deployment> | undefined;
/** The demo deployment file, read once per test file. */
export const demoDeployment = () => {
  demo ??= loadDeploymentFile(DEMO_DEPLOYMENT_FILE);
  return demo;
};

export function sessionCookieOf(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === 'concord_session');
  if (!cookie) throw new Error(`no session cookie in response: ${response.statusCode} ${response.body}`);
  return `concord_session=${cookie.value}`;
}
