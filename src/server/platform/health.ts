import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Db, databaseIsReady } from './db/database';
import { problem, problemSchema, sendProblem } from './problem';

export async function healthRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        summary: 'The process is alive',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  r.get(
    '/api/ready',
    {
      schema: {
        tags: ['system'],
        summary: 'The database answers and every migration is applied',
        response: { 200: z.object({ status: z.literal('ready') }), 503: problemSchema },
      },
    },
    async (request, reply) => {
      try {
        const { ready, pending } = await databaseIsReady(db);
        if (ready) return { status: 'ready' as const };
        return sendProblem(
          reply,
          request,
          problem(503, 'migrations_pending', `Pending: ${pending.join(', ')}`),
        );
      } catch (error) {
        request.log.warn({ err: error }, 'readiness check failed');
        return sendProblem(
          reply,
          request,
          problem(503, 'database_unavailable', 'The database does not answer.'),
        );
      }
    },
  );
}
