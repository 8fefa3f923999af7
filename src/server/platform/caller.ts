import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../core/access/access-rule';
import type { Role } from '../../core/identity/schemas';
import { requireUser } from './auth';

/**
 * Who is calling, as services see it: the access rule's actor, plus what the
 * audit log records (username, address) and what policies check (roles).
 * Services take a Caller, never a Fastify request.
 */
export interface Caller {
  actor: Actor;
  username: string;
  roles: readonly Role[];
  ip: string | null;
}

export const isAdministrator = (caller: Caller) => caller.roles.includes('administrator');

/** The caller as the audit log names them. */
export const auditActorOf = (caller: Caller) => ({
  userId: caller.actor.userId,
  username: caller.username,
  partyCode: caller.actor.party,
});

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
