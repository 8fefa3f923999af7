import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Clock } from '../../../core/clock';
import { notFound } from '../../../core/errors';
import { notificationPageSchema } from '../../../core/notifications/schemas';
import { callerResolver } from '../../platform/auth';
import { problemSchema } from '../../platform/problem';
import type { DirectoryService } from '../directory/directory.service';
import type { NotificationsService } from './notifications.service';

const tags = ['notifications'];

export interface NotificationsRouteOptions {
  notifications: NotificationsService;
  directory: DirectoryService;
  clock: Clock;
}

export async function notificationsRoutes(
  app: FastifyInstance,
  { notifications, directory, clock }: NotificationsRouteOptions,
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const caller = callerResolver((id) => directory.actorOf(id));

  r.get(
    '/api/notifications',
    {
      schema: {
        tags,
        summary: "The caller's notifications, newest first, with the unread count",
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: notificationPageSchema, 401: problemSchema },
      },
    },
    async (request) => notifications.list(await caller(request), request.query.limit),
  );

  r.post(
    '/api/notifications/:id/read',
    {
      schema: {
        tags,
        summary: 'Mark one notification read',
        params: z.object({ id: z.uuid('Not an id') }),
        response: { 204: z.null(), 401: problemSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
      const who = await caller(request);
      // Another user's notification answers exactly like one that does not exist.
      if (!(await notifications.markRead(who, clock.now(), request.params.id)))
        throw notFound('notification_not_found', 'There is no such notification.');
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/notifications/read-all',
    {
      schema: {
        tags,
        summary: 'Mark every notification read',
        response: { 204: z.null(), 401: problemSchema },
      },
    },
    async (request, reply) => {
      await notifications.markRead(await caller(request), clock.now());
      return reply.status(204).send(null);
    },
  );
}
