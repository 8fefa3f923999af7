import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../../core/access/access-rule';
import type { Role } from '../../../core/identity/schemas';
import type { Authenticated, IdentityService } from '../../modules/identity/identity.service';
import { refuseCrossSiteUpgrade, requireUser } from '../auth';
import { problem, sendProblem } from '../problem';
import type { Viewer } from './events';
import type { LiveHub } from './live-hub';

export interface EventsRouteOptions {
  hub: LiveHub;
  identity: IdentityService;
  actorOf: (userId: string) => Promise<Actor>;
}

const querySchema = z.object({
  /** The `eventId` (an opaque cursor) of the last event the client received: what came after it is replayed first. */
  after: z.string().max(64).optional(),
});

/**
 * `GET /api/events`, a WebSocket of the events the signed-in user may see
 * (the message shapes are in src/core/events/live.ts and the README). Refusals
 * (401, 403, 400) are answered in HTTP, before the upgrade.
 */
export async function eventsRoutes(app: FastifyInstance, { hub, identity, actorOf }: EventsRouteOptions) {
  const viewerOf = async (auth: Authenticated): Promise<Viewer> => ({
    userId: auth.user.id,
    actor: await actorOf(auth.user.id),
    roles: auth.user.roles as Role[],
  });

  app.withTypeProvider<ZodTypeProvider>().route({
    method: 'GET',
    url: '/api/events',
    schema: { querystring: querySchema, hide: true },
    // Before validation, so that a stranger learns nothing from a 400.
    preValidation: async (request) => {
      const auth = requireUser(request);
      if (auth.via === 'session') refuseCrossSiteUpgrade(request);
    },
    handler: (request, reply) =>
      sendProblem(
        reply.header('upgrade', 'websocket'),
        request,
        problem(426, 'websocket_required', 'Open /api/events as a WebSocket (Upgrade: websocket).'),
      ),
    wsHandler: async (socket, request) => {
      const auth = requireUser(request);
      // Memberships and clearance are re-read at each heartbeat, with the sign-in itself.
      const recheck = async () => {
        const current = await identity.recheck(auth);
        return current && !current.mustEnrolTotp ? viewerOf(current) : null;
      };
      await hub.open(socket, await viewerOf(auth), recheck, request.query.after ?? null);
    },
  });
}
