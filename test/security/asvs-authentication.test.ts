import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DEMO_PASSWORD, sessionCookieOf, type TestApp } from '../support/test-app';
import { testEngine } from '../support/test-database';

/**
 * OWASP ASVS 5.0, chapters V6, V7 and V16: the properties of sign-in that no
 * other test states (docs/security.md maps each requirement to its test).
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

/** Every password, cookie and token this file handles: none may be stored as it is. */
const secrets: string[] = [DEMO_PASSWORD];

let attempts = 0;
/** Each attempt from its own address, so that the per-address throttle stays out of the way. */
const login = (payload: { username: string; password: string; totp?: string }) => {
  attempts += 1;
  return t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload,
    remoteAddress: `198.18.0.${attempts}`,
  });
};
const me = (headers: Record<string, string>) => t.app.inject({ method: 'GET', url: '/api/me', headers });
const codeAt = (secret: string) => generate({ secret, epoch: Math.floor(t.clock.now().getTime() / 1000) });

describe(`ASVS V6 and V7: sign-in and sessions (${testEngine()})`, () => {
  it('takes a password of 64 characters and more exactly as typed: no trimming, no case folding, no truncation', async () => {
    const cookie = await t.login('isf.jenin');
    const long = ' Olive Trees On The Ridge Above Jenin, Counted Twice At Dawn; Then Once More At Dusk! ';
    expect(long.length).toBeGreaterThan(80);
    secrets.push(long);
    const changed = await t.app.inject({
      method: 'POST',
      url: '/api/me/password',
      headers: { cookie },
      payload: { currentPassword: DEMO_PASSWORD, newPassword: long },
    });
    expect(changed.statusCode).toBe(200);
    for (const altered of [
      long.trim(),
      long.toLowerCase(),
      long.toUpperCase(),
      long.slice(0, 72),
      long.slice(0, 64),
    ]) {
      const attempt = await login({ username: 'isf.jenin', password: altered });
      expect(attempt.statusCode, JSON.stringify(altered)).toBe(401);
      expect(attempt.cookies).toHaveLength(0);
    }
    expect((await login({ username: 'isf.jenin', password: long })).statusCode).toBe(200);
  });

  it('keeps two-step sign-in through a password reset by an administrator: the new password alone does not sign in', async () => {
    const cookie = await t.login('pasf.jenin');
    const { secret } = (
      await t.app.inject({ method: 'POST', url: '/api/me/totp/enrolment', headers: { cookie } })
    ).json();
    const confirmed = await t.app.inject({
      method: 'POST',
      url: '/api/me/totp/confirm',
      headers: { cookie },
      payload: { code: await codeAt(secret) },
    });
    expect(confirmed.json().user.totpEnabled).toBe(true);

    // What `npm run concord -- user reset-password pasf.jenin` runs.
    const reset = 'an administrator chose this, 77';
    secrets.push(reset);
    await t.app.services.identity.resetPassword('pasf.jenin', reset);
    expect((await me({ cookie })).statusCode).toBe(401); // every session ended

    const passwordOnly = await login({ username: 'pasf.jenin', password: reset });
    expect(passwordOnly.statusCode).toBe(401);
    expect(passwordOnly.json().code).toBe('totp_required');
    expect(passwordOnly.cookies).toHaveLength(0);
    t.clock.advance(30_000); // the code that confirmed the enrolment is spent
    const both = await login({ username: 'pasf.jenin', password: reset, totp: await codeAt(secret) });
    expect(both.statusCode).toBe(200);
    secrets.push(sessionCookieOf(both).split('=')[1] as string);
  });

  it("ends a disabled account's API tokens with its sessions, at once", async () => {
    const cookie = await t.login('isf.nablus');
    const { token } = (
      await t.app.inject({
        method: 'POST',
        url: '/api/tokens',
        headers: { cookie },
        payload: { name: 'feed' },
      })
    ).json();
    secrets.push(token, cookie.split('=')[1] as string);
    const bearer = { authorization: `Bearer ${token}` };
    const { id } = (await me(bearer)).json().user;

    const admin = await t.login('admin');
    const disabled = await t.app.inject({
      method: 'DELETE',
      url: `/api/directory/users/${id}`,
      headers: { cookie: admin },
    });
    expect(disabled.statusCode).toBe(204);
    expect((await me({ cookie })).statusCode).toBe(401);
    const byToken = await me(bearer);
    expect(byToken.statusCode).toBe(401);
    expect(byToken.json().code).toBe('invalid_token');
    expect((await login({ username: 'isf.nablus', password: DEMO_PASSWORD })).statusCode).toBe(401);
  });

  it('throttles and audits a wrong password asked again of a signed-in user: a stolen session cannot guess it unseen', async () => {
    const cookie = await t.login('coord.ita');
    const NEW_PASSWORD = 'a new passphrase for the night shift, 2026';
    const guess = (url: string, method: 'POST' | 'DELETE', payload: Record<string, string>) =>
      t.app.inject({ method, url, headers: { cookie }, payload, remoteAddress: '198.19.0.1' });
    const answers: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      answers.push(
        (
          await guess('/api/me/password', 'POST', {
            currentPassword: `guess ${i}`,
            newPassword: NEW_PASSWORD,
          })
        ).statusCode,
      );
      answers.push((await guess('/api/me/totp', 'DELETE', { password: `guess ${i}` })).statusCode);
    }
    // Three free failures per account and address, then a wait that doubles: the guesser is held back.
    expect(answers.slice(0, 3)).toEqual([400, 400, 400]);
    expect(answers.slice(3)).toContain(429);
    const audit = await t.app.inject({
      method: 'GET',
      url: '/api/audit/entries?action=user.password-check-failed',
      headers: { cookie: await t.login('admin') },
    });
    const { entries } = audit.json();
    expect(entries.length).toBeGreaterThanOrEqual(3);
    // The right password waits too while the throttle holds: a guess that happens to be right learns nothing.
    const right = await guess('/api/me/password', 'POST', {
      currentPassword: DEMO_PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(right.statusCode).toBe(429);
  });

  it('ends every API token of an account whose password an administrator resets', async () => {
    const cookie = await t.login('coord.nld');
    const { token } = (
      await t.app.inject({
        method: 'POST',
        url: '/api/tokens',
        headers: { cookie },
        payload: { name: 'feed' },
      })
    ).json();
    secrets.push(token, cookie.split('=')[1] as string);
    expect((await me({ authorization: `Bearer ${token}` })).statusCode).toBe(200);
    const reset = 'an administrator chose this too, 78';
    secrets.push(reset);
    await t.app.services.identity.resetPassword('coord.nld', reset);
    const byToken = await me({ authorization: `Bearer ${token}` });
    expect(byToken.statusCode).toBe(401);
    expect(byToken.json().code).toBe('invalid_token');
  });

  it('ends every other session when two-step sign-in is turned on or off, and keeps the one that did it', async () => {
    const here = await t.login('isf.hebron');
    const elsewhere = await t.login('isf.hebron');
    secrets.push(here.split('=')[1] as string, elsewhere.split('=')[1] as string);
    const { secret } = (
      await t.app.inject({ method: 'POST', url: '/api/me/totp/enrolment', headers: { cookie: here } })
    ).json();
    const confirmed = await t.app.inject({
      method: 'POST',
      url: '/api/me/totp/confirm',
      headers: { cookie: here },
      payload: { code: await codeAt(secret) },
    });
    expect(confirmed.statusCode).toBe(200);
    expect((await me({ cookie: here })).statusCode).toBe(200);
    expect((await me({ cookie: elsewhere })).statusCode).toBe(401);

    t.clock.advance(30_000);
    const third = await login({
      username: 'isf.hebron',
      password: DEMO_PASSWORD,
      totp: await codeAt(secret),
    });
    const other = sessionCookieOf(third);
    secrets.push(other.split('=')[1] as string);
    const off = await t.app.inject({
      method: 'DELETE',
      url: '/api/me/totp',
      headers: { cookie: here },
      payload: { password: DEMO_PASSWORD },
    });
    expect(off.statusCode).toBe(200);
    expect((await me({ cookie: here })).statusCode).toBe(200);
    expect((await me({ cookie: other })).statusCode).toBe(401);
  });

  it('refuses a common password when an administrator creates an account, and creates nothing', async () => {
    const admin = await t.login('admin');
    const create = (password: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/directory/users',
        headers: { cookie: admin },
        payload: { username: 'asvs.recruit', displayName: 'Recruit', password, nationality: 'GBR' },
      });
    const common = await create('Password12345!');
    expect(common.statusCode).toBe(400);
    expect(common.json().code).toBe('password_too_common');
    expect((await login({ username: 'asvs.recruit', password: 'Password12345!' })).statusCode).toBe(401);
  });

  it('gives every authenticator enrolment its own 160-bit secret', async () => {
    const secrets = new Set<string>();
    for (const username of ['isf.police', 'pasf.police']) {
      const cookie = await t.login(username);
      for (let i = 0; i < 3; i++) {
        const enrolment = await t.app.inject({
          method: 'POST',
          url: '/api/me/totp/enrolment',
          headers: { cookie },
        });
        const { secret } = enrolment.json() as { secret: string };
        expect(secret).toMatch(/^[A-Z2-7]{32}$/); // 32 base32 characters: 160 bits
        secrets.add(secret);
      }
    }
    expect(secrets.size).toBe(6);
  });

  it('does not expire a password with age: no periodic rotation is forced', async () => {
    t.clock.advance(400 * 86_400_000);
    const response = await login({ username: 'pasf.nablus', password: DEMO_PASSWORD });
    expect(response.statusCode).toBe(200);
    expect(response.json().user.username).toBe('pasf.nablus');
  });
});

describe(`ASVS V16: what the records of all that keep (${testEngine()})`, () => {
  it('stamps every audit entry in UTC', async () => {
    const admin = await t.login('admin');
    const { entries } = (
      await t.app.inject({ method: 'GET', url: '/api/audit/entries?limit=100', headers: { cookie: admin } })
    ).json() as { entries: { occurredAt: string; action: string }[] };
    expect(entries.map((entry) => entry.action)).toEqual(expect.arrayContaining(['user.signed-in']));
    for (const entry of entries) expect(entry.occurredAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('keeps no password, session cookie or API token as it is: not in the audit log, not in the account tables', async () => {
    const db = t.database.db;
    const stored = JSON.stringify(
      {
        audit: await db.selectFrom('audit_log').selectAll().execute(),
        sessions: await db.selectFrom('sessions').selectAll().execute(),
        tokens: await db.selectFrom('api_tokens').selectAll().execute(),
        users: await db.selectFrom('users').selectAll().execute(),
      },
      (_key, value) => (typeof value === 'bigint' ? String(value) : value),
    );
    expect(stored).toContain('user.password-reset'); // the account events are there
    expect(secrets.length).toBeGreaterThanOrEqual(6);
    for (const secret of secrets) expect(stored.includes(secret), secret.slice(0, 6)).toBe(false);
  });
});
