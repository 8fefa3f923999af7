import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  apiTokenSchema,
  changePasswordRequestSchema,
  createApiTokenRequestSchema,
  loginRequestSchema,
  meSchema,
  totpCodeSchema,
  totpEnrolmentSchema,
  updateMeRequestSchema,
} from '../../../core/identity/schemas';
import {
  clearSessionCookie,
  refuseCrossSite,
  requireSession,
  requireUser,
  SESSION_COOKIE,
  setSessionCookie,
} from '../../platform/auth';
import { problemSchema } from '../../platform/problem';
import { presentApiToken, presentMe } from './identity.presenter';
import type { IdentityService } from './identity.service';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 429: problemSchema };

export interface IdentityRouteOptions {
  identity: IdentityService;
  /** Requests per minute per address on the sign-in route, before the per-account throttle. */
  loginRateLimitPerMinute: number;
}

export async function identityRoutes(
  app: FastifyInstance,
  { identity, loginRateLimitPerMinute }: IdentityRouteOptions,
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const duringEnrolment = { allowBeforeTotpEnrolment: true };

  r.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['identity'],
        summary: 'Sign in; sets the session cookie',
        body: loginRequestSchema,
        response: { 200: meSchema, ...errors },
      },
      config: { rateLimit: { max: loginRateLimitPerMinute, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      refuseCrossSite(request); // login CSRF: a foreign page must not sign the browser into another account
      const { token, auth } = await identity.login({
        ...request.body,
        address: request.ip,
        userAgent: request.headers['user-agent'],
        previousSessionToken: request.cookies[SESSION_COOKIE],
      });
      setSessionCookie(request, reply, token);
      return presentMe(auth);
    },
  );

  r.post(
    '/api/auth/logout',
    { schema: { tags: ['identity'], summary: 'Sign out; revokes the session', response: { 204: z.null() } } },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await identity.logout(token);
      clearSessionCookie(request, reply);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/me',
    {
      schema: { tags: ['identity'], summary: 'The signed-in user', response: { 200: meSchema, ...errors } },
      config: duringEnrolment,
    },
    async (request) => presentMe(requireUser(request)),
  );

  r.patch(
    '/api/me',
    {
      schema: {
        tags: ['identity'],
        summary: 'Update language or display name',
        body: updateMeRequestSchema,
        response: { 200: meSchema, ...errors },
      },
      config: duringEnrolment,
    },
    async (request) => {
      const auth = requireUser(request);
      const user = await identity.updateMe(auth.user.id, request.body);
      return presentMe({ ...auth, user });
    },
  );

  r.post(
    '/api/me/password',
    {
      schema: {
        tags: ['identity'],
        summary: 'Change password; revokes every session and issues a new one',
        body: changePasswordRequestSchema,
        response: { 200: meSchema, ...errors },
      },
      config: duringEnrolment,
    },
    async (request, reply) => {
      const auth = requireSession(request);
      const { body } = request;
      const result = await identity.changePassword(auth, body.currentPassword, body.newPassword, request.ip);
      setSessionCookie(request, reply, result.token);
      return presentMe(result.auth);
    },
  );

  r.post(
    '/api/me/totp/enrolment',
    {
      schema: {
        tags: ['identity'],
        summary: 'Start enrolling an authenticator app: returns the secret and a QR code',
        response: { 200: totpEnrolmentSchema, ...errors, 409: problemSchema },
      },
      config: duringEnrolment,
    },
    async (request) => identity.beginTotpEnrolment(requireSession(request).user.id),
  );

  r.post(
    '/api/me/totp/confirm',
    {
      schema: {
        tags: ['identity'],
        summary: 'Finish enrolment with a code from the app',
        body: z.strictObject({ code: totpCodeSchema }),
        response: { 200: meSchema, ...errors, 409: problemSchema },
      },
      config: duringEnrolment,
    },
    async (request) => {
      const auth = requireSession(request);
      const user = await identity.confirmTotpEnrolment(auth.user.id, request.body.code, auth.sessionId);
      return presentMe({ ...auth, user, mustEnrolTotp: false });
    },
  );

  r.delete(
    '/api/me/totp',
    {
      schema: {
        tags: ['identity'],
        summary: 'Turn two-step sign-in off (needs the password)',
        body: z.strictObject({ password: z.string().min(1).max(256) }),
        response: { 200: meSchema, ...errors },
      },
    },
    async (request) => {
      const auth = requireSession(request);
      const user = await identity.disableTotp(
        auth.user.id,
        request.body.password,
        request.ip,
        auth.sessionId,
      );
      return presentMe({ ...auth, user });
    },
  );

  r.get(
    '/api/tokens',
    {
      schema: {
        tags: ['identity'],
        summary: "The caller's active API tokens",
        response: { 200: z.object({ tokens: z.array(apiTokenSchema) }), ...errors },
      },
    },
    async (request) => {
      const tokens = await identity.listApiTokens(requireSession(request).user.id);
      return { tokens: tokens.map(presentApiToken) };
    },
  );

  r.post(
    '/api/tokens',
    {
      schema: {
        tags: ['identity'],
        summary: 'Create an API token for an integration; the secret is shown once',
        body: createApiTokenRequestSchema,
        response: { 201: apiTokenSchema.extend({ token: z.string() }), ...errors },
      },
    },
    async (request, reply) => {
      // Tokens are minted from a browser session only: a leaked token cannot breed more.
      const auth = requireSession(request);
      const { token, row } = await identity.createApiToken(
        auth.user.id,
        request.body.name,
        request.body.expiresInDays,
      );
      return reply.status(201).send({ ...presentApiToken(row), token });
    },
  );

  r.delete(
    '/api/tokens/:id',
    {
      schema: {
        tags: ['identity'],
        summary: 'Revoke one of your API tokens',
        params: z.object({ id: z.string().uuid('Token ids are UUIDs') }),
        response: { 204: z.null(), ...errors, 404: problemSchema },
      },
    },
    async (request, reply) => {
      await identity.revokeApiToken(requireSession(request).user.id, request.params.id);
      return reply.status(204).send(null);
    },
  );
}
