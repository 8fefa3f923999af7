import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../core/access/access-rule';
import { forbidden, notFound, unauthenticated } from '../../core/errors';
import type { Role } from '../../core/identity/schemas';
import type { Authenticated, IdentityService } from '../modules/identity/identity.service';
import type { Caller } from './caller';
import { routeNotFoundMessage } from './problem';

/**
 * Who is calling: a session cookie (browsers) or `Authorization: Bearer`
 * (integrations). Routes ask with `requireUser`; nothing here decides policy
 * beyond "signed in" and "has role".
 */
export const SESSION_COOKIE = 'concord_session';

declare module 'fastify' {
  interface FastifyRequest {
    auth: Authenticated | null;
  }
  interface FastifyContextConfig {
    /** Routes a user who must still enrol a second factor may call (me, enrolment, logout). */
    allowBeforeTotpEnrolment?: boolean;
    /** Administration routes: anyone else gets 404, before the body is even validated, so they learn nothing. */
    administratorsOnly?: boolean;
  }
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function registerAuthentication(app: FastifyInstance, identity: IdentityService): void {
  app.decorateRequest('auth', null);

  app.addHook('onRequest', async (request) => {
    const bearer = bearerToken(request);
    if (bearer !== null) {
      request.auth = await identity.authenticateApiToken(bearer);
      if (!request.auth)
        throw unauthenticated('invalid_token', 'The API token is unknown, expired or revoked.');
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (!cookie) return;
    refuseCrossSite(request);
    request.auth = await identity.authenticateSession(cookie);
  });

  app.addHook('preValidation', async (request) => {
    if (request.routeOptions.config?.administratorsOnly) requireAnyRoleOrHide(request, ['administrator']);
  });
}

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) throw unauthenticated('invalid_token', 'Use the header "Authorization: Bearer <token>".');
  return match[1];
}

/**
 * A cookie rides along on requests that other sites trigger. Browsers say where
 * a request comes from (Sec-Fetch-Site, Origin); a state change that comes
 * from another site is refused. Reads stay allowed (SameSite=Strict already
 * keeps the cookie off them).
 */
export function refuseCrossSite(request: FastifyRequest): void {
  if (!UNSAFE_METHODS.has(request.method)) return;
  const from = crossSiteOrigin(request);
  if (from !== null)
    throw forbidden('cross_site_request', `Requests from ${from} may not change anything here.`);
}

/**
 * A WebSocket upgrade is a GET, but what it opens reads on the user's behalf
 * for as long as it lives, and browsers send the cookie with it whatever the
 * page's origin (cross-site WebSocket hijacking): a cookie-authenticated
 * upgrade from another site is refused.
 */
export function refuseCrossSiteUpgrade(request: FastifyRequest): void {
  const from = crossSiteOrigin(request);
  if (from !== null) throw forbidden('cross_site_request', `Connections from ${from} are not accepted here.`);
}

/** Where a cross-site request comes from ("another site" when only Sec-Fetch-Site says so); null if same-site. */
function crossSiteOrigin(request: FastifyRequest): string | null {
  const origin = request.headers.origin;
  if (origin && origin !== `${request.protocol}://${request.host}`) return origin;
  const site = request.headers['sec-fetch-site'];
  if (site && site !== 'same-origin' && site !== 'none') return 'another site';
  return null;
}

export function requireUser(request: FastifyRequest): Authenticated {
  const auth = request.auth;
  if (!auth) throw unauthenticated('unauthenticated', 'Sign in first.');
  if (auth.mustEnrolTotp && !request.routeOptions.config.allowBeforeTotpEnrolment) {
    throw forbidden(
      'totp_enrolment_required',
      'Your role requires two-step sign-in. Enrol an authenticator app in your profile first.',
    );
  }
  return auth;
}

export function requireSession(request: FastifyRequest): Authenticated & { sessionId: string } {
  const auth = requireUser(request);
  if (auth.via !== 'session' || !auth.sessionId) {
    throw forbidden('session_required', 'This action needs a signed-in browser session, not an API token.');
  }
  return auth as Authenticated & { sessionId: string };
}

export function requireRole(request: FastifyRequest, role: Role): Authenticated {
  const auth = requireUser(request);
  if (!auth.user.roles.includes(role)) throw forbidden('role_required', `This needs the ${role} role.`);
  return auth;
}

/**
 * For administration endpoints: to a signed-in user with none of `roles`, the
 * endpoint answers exactly like one that does not exist (404, never 403), so
 * it does not reveal itself.
 */
export function requireAnyRoleOrHide(request: FastifyRequest, roles: readonly Role[]): Authenticated {
  // The role is checked first, so that no other refusal (such as "enrol TOTP first") gives the endpoint away.
  const held = request.auth?.user.roles ?? [];
  if (request.auth && !roles.some((role) => held.includes(role))) {
    const path = request.url.split('?')[0] ?? '';
    throw notFound('route_not_found', routeNotFoundMessage(request.method, path));
  }
  return requireUser(request);
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
  });
}

/** Resolves the signed-in user into a Caller; `actorOf` looks up the memberships the rule needs. */
export async function callerOf(
  request: FastifyRequest,
  actorOf: (userId: string) => Promise<Actor>,
): Promise<Caller> {
  const auth = requireUser(request);
  return {
    actor: await actorOf(auth.user.id),
    username: auth.user.username,
    roles: auth.user.roles as Role[],
    ip: request.ip,
  };
}

/** `callerOf` bound to one way of looking up actors: what each module's routes call per request. */
export const callerResolver =
  (actorOf: (userId: string) => Promise<Actor>) =>
  (request: FastifyRequest): Promise<Caller> =>
    callerOf(request, actorOf);
