import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  DEMO_PASSWORD,
  sessionCookieOf,
  type TestApp,
} from '../../../../test/support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const login = (payload: object, headers: Record<string, string> = {}, remoteAddress = '10.0.0.1') =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload, headers, remoteAddress });
const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });

describe('sign-in', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie and returns the user with party', async () => {
    const response = await login({ username: 'isf.hebron', password: DEMO_PASSWORD });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'concord_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie?.secure).toBeUndefined(); // plain HTTP: a Secure cookie would never come back
    expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const body = response.json();
    expect(body.user).toMatchObject({ username: 'isf.hebron', nationality: 'ISR', party: { code: 'ISF' } });
    expect(body.user).not.toHaveProperty('passwordHash');
    expect(JSON.stringify(body)).not.toContain('argon2');
  });

  it('marks the cookie Secure behind an HTTPS proxy it trusts', async () => {
    const behindProxy = await createTestApp({ env: { CONCORD_TRUST_PROXY: '1' } });
    try {
      const response = await behindProxy.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'isf.hebron', password: DEMO_PASSWORD },
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(response.cookies.find((c) => c.name === 'concord_session')?.secure).toBe(true);
    } finally {
      await behindProxy.close();
    }
  });

  it('answers a wrong password and an unknown user alike, with 401 problem+json', async () => {
    const wrong = await login({ username: 'isf.hebron', password: 'not-the-password-1' }, {}, '10.0.1.1');
    const unknown = await login({ username: 'nobody.here', password: 'not-the-password-1' }, {}, '10.0.1.2');
    for (const response of [wrong, unknown]) {
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ status: 401, code: 'invalid_credentials' });
      expect(response.cookies).toHaveLength(0);
    }
    expect(wrong.json().detail).toBe(unknown.json().detail);
  });

  it('accepts the username in any case', async () => {
    expect((await login({ username: ' ISF.Hebron ', password: DEMO_PASSWORD })).statusCode).toBe(200);
  });

  it('rotates the session at sign-in: the cookie presented before is revoked', async () => {
    const first = await t.login('pasf.hebron');
    const second = await login({ username: 'pasf.hebron', password: DEMO_PASSWORD }, { cookie: first });
    const secondCookie = sessionCookieOf(second);
    expect(secondCookie).not.toBe(first);
    expect((await me(first)).statusCode).toBe(401);
    expect((await me(secondCookie)).statusCode).toBe(200);
  });
});

describe('sessions', () => {
  it('401 without a session, with a garbage session, and after logout', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/me' })).json()).toMatchObject({
      status: 401,
      code: 'unauthenticated',
    });
    expect((await me('concord_session=forged')).statusCode).toBe(401);
    const cookie = await t.login('coord.duty');
    expect((await me(cookie)).statusCode).toBe(200);
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === 'concord_session')?.value).toBe('');
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it('expires after the idle timeout, and activity keeps it alive', async () => {
    const cookie = await t.login('coord.gbr');
    const idle = t.config.sessionIdleMinutes * 60_000;
    t.clock.advance(idle - 60_000);
    expect((await me(cookie)).statusCode).toBe(200); // activity: last seen moves forward
    t.clock.advance(idle - 60_000);
    expect((await me(cookie)).statusCode).toBe(200);
    t.clock.advance(idle + 1000);
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it('expires at the absolute timeout however active the user is', async () => {
    const cookie = await t.login('isf.supervisor');
    const step = (t.config.sessionIdleMinutes - 5) * 60_000;
    let elapsed = 0;
    while (elapsed + step < t.config.sessionMaxHours * 3_600_000) {
      t.clock.advance(step);
      elapsed += step;
      expect((await me(cookie)).statusCode).toBe(200);
    }
    t.clock.advance(step);
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it('changing the password revokes every session and issues a new one', async () => {
    const phone = await t.login('pasf.supervisor');
    const desk = await t.login('pasf.supervisor');
    const changed = await t.app.inject({
      method: 'POST',
      url: '/api/me/password',
      headers: { cookie: desk },
      payload: { currentPassword: DEMO_PASSWORD, newPassword: 'olive-tree-at-dawn-42' },
    });
    expect(changed.statusCode).toBe(200);
    const fresh = sessionCookieOf(changed);
    expect((await me(phone)).statusCode).toBe(401);
    expect((await me(desk)).statusCode).toBe(401);
    expect((await me(fresh)).statusCode).toBe(200);
    expect((await login({ username: 'pasf.supervisor', password: DEMO_PASSWORD })).statusCode).toBe(401);
    expect((await login({ username: 'pasf.supervisor', password: 'olive-tree-at-dawn-42' })).statusCode).toBe(
      200,
    );
  });

  it('refuses a weak new password or a wrong current one, naming the field', async () => {
    const cookie = await t.login('admin');
    const attempt = (payload: object) =>
      t.app.inject({ method: 'POST', url: '/api/me/password', headers: { cookie }, payload });
    const common = await attempt({ currentPassword: DEMO_PASSWORD, newPassword: 'Password1234!' });
    expect(common.json()).toMatchObject({ status: 400, code: 'password_too_common' });
    const short = await attempt({ currentPassword: DEMO_PASSWORD, newPassword: 'short-pw' });
    expect(short.json()).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(short.json().errors[0].path).toBe('body.newPassword');
    const wrongCurrent = await attempt({
      currentPassword: 'wrong-password-123',
      newPassword: 'a-good-long-phrase-7',
    });
    expect(wrongCurrent.json()).toMatchObject({ code: 'wrong_current_password' });
    expect((await me(cookie)).statusCode).toBe(200); // nothing was revoked
  });
});

describe('cross-site requests', () => {
  it('refuses cookie-authenticated changes from another site, allows same-origin', async () => {
    const cookie = await t.login('isf.hebron');
    const patch = (headers: Record<string, string>) =>
      t.app.inject({
        method: 'PATCH',
        url: '/api/me',
        headers: { cookie, host: 'concord.local', ...headers },
        payload: { language: 'he' },
      });
    const foreignOrigin = await patch({ origin: 'https://evil.example' });
    expect(foreignOrigin.statusCode).toBe(403);
    expect(foreignOrigin.json().code).toBe('cross_site_request');
    expect((await patch({ 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403);
    expect((await patch({ 'sec-fetch-site': 'same-site' })).statusCode).toBe(403);
    expect((await me(cookie)).json().user.language).toBe('en'); // nothing changed
    const sameOrigin = await patch({ origin: 'http://concord.local', 'sec-fetch-site': 'same-origin' });
    expect(sameOrigin.statusCode).toBe(200);
    expect(sameOrigin.json().user.language).toBe('he');
  });

  it('refuses a sign-in posted from another site (login CSRF)', async () => {
    const response = await login(
      { username: 'isf.hebron', password: DEMO_PASSWORD },
      { 'sec-fetch-site': 'cross-site' },
    );
    expect(response.statusCode).toBe(403);
    expect(response.cookies).toHaveLength(0);
  });
});

describe('failed sign-in throttling', () => {
  it('slows one address guessing one account, answering 429 with Retry-After, then lets the user in', async () => {
    const address = '192.0.2.10';
    const guess = () => login({ username: 'coord.duty', password: 'guess-guess-guess-1' }, {}, address);
    for (let i = 0; i < 3; i++) expect((await guess()).statusCode).toBe(401);
    const throttled = await guess();
    expect(throttled.statusCode).toBe(429);
    expect(throttled.json().code).toBe('login_throttled');
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    // Even the right password waits: the throttle answers before the password is checked.
    const right = await login({ username: 'coord.duty', password: DEMO_PASSWORD }, {}, address);
    expect(right.statusCode).toBe(429);
    t.clock.advance(Number(throttled.headers['retry-after']) * 1000);
    expect((await login({ username: 'coord.duty', password: DEMO_PASSWORD }, {}, address)).statusCode).toBe(
      200,
    );
    // Success forgets the account's failures.
    expect((await guess()).statusCode).toBe(401);
  });

  it('waits grow exponentially for a persistent guesser', async () => {
    const address = '192.0.2.20';
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      const response = await login({ username: 'coord.gbr', password: 'guess-guess-guess-2' }, {}, address);
      if (response.statusCode === 429) {
        const wait = Number(response.headers['retry-after']);
        waits.push(wait);
        t.clock.advance(wait * 1000);
      }
    }
    expect(waits.length).toBeGreaterThan(2);
    expect(waits.at(-1)).toBeGreaterThan(waits[0] as number);
  });

  it('a spray from many addresses cannot keep the real user out for more than a minute', async () => {
    for (let i = 0; i < 30; i++) {
      await login(
        { username: 'isf.supervisor', password: `spray-guess-${i}-xyz` },
        {},
        `198.51.100.${i + 1}`,
      );
    }
    const real = await login({ username: 'isf.supervisor', password: DEMO_PASSWORD }, {}, '203.0.113.5');
    if (real.statusCode === 429) {
      const wait = Number(real.headers['retry-after']);
      expect(wait).toBeLessThanOrEqual(60);
      t.clock.advance(wait * 1000);
      expect(
        (await login({ username: 'isf.supervisor', password: DEMO_PASSWORD }, {}, '203.0.113.5')).statusCode,
      ).toBe(200);
    } else {
      expect(real.statusCode).toBe(200);
    }
  });

  it('rate-limits sign-in requests per address', async () => {
    const limited = await createTestApp({ demo: false, loginRateLimitPerMinute: 3 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const response = await limited.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: `user${i}`, password: 'whatever-password' },
        });
        statuses.push(response.statusCode);
      }
      expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
      expect(statuses.slice(3)).toEqual([429, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('two-step sign-in (TOTP)', () => {
  it('enrols with a QR code, then requires and checks the code at sign-in, refusing replays', async () => {
    const cookie = await t.login('pasf.hebron');
    const enrolment = await t.app.inject({
      method: 'POST',
      url: '/api/me/totp/enrolment',
      headers: { cookie },
    });
    expect(enrolment.statusCode).toBe(200);
    const { secret, otpauthUrl, qrCodeDataUrl } = enrolment.json();
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/Concord:pasf\.hebron\?/);
    expect(qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);

    const code = (at = t.clock.now()) => generate({ secret, epoch: Math.floor(at.getTime() / 1000) });
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/me/totp/confirm',
      headers: { cookie },
      payload: { code: '000000' === (await code()) ? '111111' : '000000' },
    });
    expect(bad.json().code).toBe('invalid_totp');
    const confirmed = await t.app.inject({
      method: 'POST',
      url: '/api/me/totp/confirm',
      headers: { cookie },
      payload: { code: await code() },
    });
    expect(confirmed.json().user.totpEnabled).toBe(true);

    const withoutCode = await login({ username: 'pasf.hebron', password: DEMO_PASSWORD });
    expect(withoutCode.statusCode).toBe(401);
    expect(withoutCode.json().code).toBe('totp_required');
    expect(withoutCode.cookies).toHaveLength(0);

    // The code used to confirm cannot be used again to sign in.
    const replay = await login({ username: 'pasf.hebron', password: DEMO_PASSWORD, totp: await code() });
    expect(replay.json().code).toBe('invalid_totp');

    t.clock.advance(30_000);
    const fresh = await code();
    const ok = await login({ username: 'pasf.hebron', password: DEMO_PASSWORD, totp: fresh });
    expect(ok.statusCode).toBe(200);
    const replayed = await login({ username: 'pasf.hebron', password: DEMO_PASSWORD, totp: fresh });
    expect(replayed.json().code).toBe('invalid_totp');

    // Turning it off needs the password.
    const session = sessionCookieOf(ok);
    const off = (password: string) =>
      t.app.inject({
        method: 'DELETE',
        url: '/api/me/totp',
        headers: { cookie: session },
        payload: { password },
      });
    expect((await off('wrong-password-x1')).statusCode).toBe(400);
    expect((await off(DEMO_PASSWORD)).json().user.totpEnabled).toBe(false);
  });

  it('when mandatory, privileged users must enrol before anything else', async () => {
    const strict = await createTestApp({ env: { CONCORD_TOTP_REQUIRED: '1' } });
    try {
      const cookie = await strict.login('isf.supervisor');
      const meBody = (await strict.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).json();
      expect(meBody.mustEnrolTotp).toBe(true);
      const tokens = await strict.app.inject({ method: 'GET', url: '/api/tokens', headers: { cookie } });
      expect(tokens.statusCode).toBe(403);
      expect(tokens.json().code).toBe('totp_enrolment_required');
      // An officer (not privileged) is not held up.
      const officer = await strict.login('isf.hebron');
      expect(
        (await strict.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: officer } })).json(),
      ).toMatchObject({ mustEnrolTotp: false });

      const { secret } = (
        await strict.app.inject({ method: 'POST', url: '/api/me/totp/enrolment', headers: { cookie } })
      ).json();
      const code = await generate({ secret, epoch: Math.floor(strict.clock.now().getTime() / 1000) });
      const done = await strict.app.inject({
        method: 'POST',
        url: '/api/me/totp/confirm',
        headers: { cookie },
        payload: { code },
      });
      expect(done.json().mustEnrolTotp).toBe(false);
      expect(
        (await strict.app.inject({ method: 'GET', url: '/api/tokens', headers: { cookie } })).statusCode,
      ).toBe(200);
      const off = await strict.app.inject({
        method: 'DELETE',
        url: '/api/me/totp',
        headers: { cookie },
        payload: { password: DEMO_PASSWORD },
      });
      expect(off.json().code).toBe('totp_mandatory');
    } finally {
      await strict.close();
    }
  });
});

describe('API tokens', () => {
  it('are created from a session, authenticate as Bearer, and stop working when revoked', async () => {
    const cookie = await t.login('coord.duty');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: { cookie },
      payload: { name: 'ops-dashboard' },
    });
    expect(created.statusCode).toBe(201);
    const { token, id, prefix } = created.json();
    expect(token.startsWith(prefix)).toBe(true);

    const asToken = await t.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(asToken.json()).toMatchObject({ authenticatedBy: 'token', user: { username: 'coord.duty' } });

    // A token cannot mint more tokens.
    const breed = await t.app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: { authorization: `Bearer ${token}` },
      payload: { name: 'copy' },
    });
    expect(breed.json().code).toBe('session_required');

    const listed = await t.app.inject({ method: 'GET', url: '/api/tokens', headers: { cookie } });
    expect(listed.json().tokens.map((row: { id: string }) => row.id)).toContain(id);
    expect(listed.body).not.toContain(token);

    // Another user cannot revoke it, and learns nothing about it.
    const other = await t.login('pasf.hebron');
    const foreign = await t.app.inject({
      method: 'DELETE',
      url: `/api/tokens/${id}`,
      headers: { cookie: other },
    });
    expect(foreign.statusCode).toBe(404);

    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/tokens/${id}`, headers: { cookie } })).statusCode,
    ).toBe(204);
    const revoked = await t.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().code).toBe('invalid_token');
  });

  it('rejects malformed and unknown bearer tokens', async () => {
    for (const authorization of ['Bearer', 'Basic abc', 'Bearer cct_unknown', 'Bearer a b']) {
      const response = await t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization } });
      expect(response.statusCode).toBe(401);
    }
  });

  it('expire when asked to', async () => {
    const cookie = await t.login('coord.gbr');
    const { token } = (
      await t.app.inject({
        method: 'POST',
        url: '/api/tokens',
        headers: { cookie },
        payload: { name: 'short-lived', expiresInDays: 1 },
      })
    ).json();
    const call = () =>
      t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });
    expect((await call()).statusCode).toBe(200);
    t.clock.advance(86_400_000 + 1000);
    expect((await call()).statusCode).toBe(401);
  });
});
