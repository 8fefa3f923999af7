import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Caller } from '../../platform/caller';
import type { IdentityService } from '../identity/identity.service';
import type { DirectoryCommandDeps } from './commands/directory-change';
import type { DirectoryService } from './directory.service';
import type { RosterService } from './roster.service';

export interface DirectoryRouteOptions {
  /** Reads of the directory. */
  directory: DirectoryService;
  /** Reads of rosters and handover notes. */
  roster: RosterService;
  identity: IdentityService;
  /** What the directory's commands run with. */
  commands: DirectoryCommandDeps;
}

/** What each area's routes share: the options, the caller of a request, and a 201 answer. */
export interface DirectoryRouteContext extends DirectoryRouteOptions {
  caller: (request: FastifyRequest) => Promise<Caller>;
  created: <T>(reply: FastifyReply, value: T) => T;
}

/** Who is looking, for the presenters' `actions`. */
export const viewerOf = (caller: Caller) => ({ userId: caller.actor.userId, roles: caller.roles });
