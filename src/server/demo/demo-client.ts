import type { FastifyInstance } from 'fastify';

/**
 * The demo's people at work, through the same API as everyone: each call is
 * made as a signed-in demo account, so every record the demo makes went
 * through the commands, the access rule, the audit chain and the events.
 */
export class DemoClient {
  private readonly cookies = new Map<string, string>();

  constructor(
    private readonly app: FastifyInstance,
    private readonly password: string,
  ) {}

  private async cookieOf(username: string): Promise<string> {
    const known = this.cookies.get(username);
    if (known) return known;
    const response = await this.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: this.password },
    });
    if (response.statusCode !== 200) throw new Error(`demo: ${username} could not sign in: ${response.body}`);
    const raw = response.headers['set-cookie'];
    const cookie = (Array.isArray(raw) ? raw : [raw ?? ''])
      .map((line) => line.split(';')[0])
      .filter(Boolean)
      .join('; ');
    this.cookies.set(username, cookie);
    return cookie;
  }

  /** Calls the API as `username`; anything but a 2xx stops the demo with what the server said. */
  async call<T = unknown>(
    username: string,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    url: string,
    payload?: unknown,
  ) {
    const response = await this.app.inject({
      method,
      url,
      headers: { cookie: await this.cookieOf(username) },
      ...(payload !== undefined && { payload: payload as Record<string, unknown> }),
    });
    if (response.statusCode >= 300)
      throw new Error(`demo: ${username} ${method} ${url} answered ${response.statusCode}: ${response.body}`);
    return response.json() as T;
  }
}
