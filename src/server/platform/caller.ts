import type { Actor } from '../../core/access/access-rule';
import type { Role } from '../../core/identity/schemas';

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
