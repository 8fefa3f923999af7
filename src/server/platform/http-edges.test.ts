import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app';

let t: TestApp;
let cookie: string;
beforeAll(async () => {
  t = await createTestApp();
  cookie = await t.login('isf.hebron');
});
afterAll(() => t.close());

const patchMe = (payload: string, contentType = 'application/json') =>
  t.app.inject({
    method: 'PATCH',
    url: '/api/me',
    headers: { cookie, 'content-type': contentType },
    payload,
  });

describe('bad input gets a precise problem+json and changes nothing', () => {
  it('malformed JSON → 400 malformed_json', async () => {
    const response = await patchMe('{"language": ');
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(response.json()).toMatchObject({ status: 400, code: 'malformed_json', instance: '/api/me' });
  });

  it('unknown fields → 400 naming the field', async () => {
    const response = await patchMe(JSON.stringify({ language: 'ar', isAdmin: true }));
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('validation_failed');
    expect(response.json().detail).toContain('isAdmin');
  });

  it('wrong types and values → 400 naming the path', async () => {
    const response = await patchMe(JSON.stringify({ language: 'fr', displayName: 42 }));
    const body = response.json();
    expect(body.code).toBe('validation_failed');
    const paths = body.errors.map((issue: { path: string }) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(['body.language', 'body.displayName']));
  });

  it('oversized body → 413 naming the limit', async () => {
    const response = await patchMe(JSON.stringify({ displayName: 'x'.repeat(t.config.bodyLimit + 10) }));
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ code: 'body_too_large' });
    expect(response.json().detail).toContain(String(t.config.bodyLimit));
  });

  it('a body in another media type → 415', async () => {
    const response = await patchMe('language=ar', 'application/x-www-form-urlencoded');
    expect(response.statusCode).toBe(415);
    expect(response.json().code).toBe('unsupported_media_type');
  });

  it('after all of that, the user is untouched', async () => {
    const me = (await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).json();
    expect(me.user).toMatchObject({ language: 'en', displayName: 'Capt. Noa Levi' });
  });

  it('an invalid id in the path → 400, an unknown API route → 404 problem', async () => {
    const badId = await t.app.inject({
      method: 'DELETE',
      url: '/api/tokens/not-a-uuid',
      headers: { cookie },
    });
    expect(badId.statusCode).toBe(400);
    const unknown = await t.app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('route_not_found');
  });
});

describe('platform endpoints', () => {
  it('health and readiness', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ method: 'GET', url: '/api/ready' })).json()).toEqual({ status: 'ready' });
  });

  it('OpenAPI 3.1 lists the routes with their schemas', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/api/auth/login',
        '/api/auth/logout',
        '/api/me',
        '/api/tokens',
        '/api/health',
      ]),
    );
    const login = spec.paths['/api/auth/login'].post;
    expect(login.requestBody.content['application/json'].schema.required).toEqual(['username', 'password']);
    expect(login.requestBody.content['application/json'].schema.additionalProperties).toBe(false);
  });

  it('serves a browsable API page', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });

  it('sends a strict Content-Security-Policy and other security headers', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/script-src 'self'( 'nonce-[0-9a-f]+')?;/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
  });
});
