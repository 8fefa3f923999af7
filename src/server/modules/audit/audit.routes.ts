import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { checkpointListSchema, checkpointSchema } from '../../../core/audit/schemas';
import { notFound } from '../../../core/errors';
import { requireAnyRoleOrHide, requireUser } from '../../platform/auth';
import { problemSchema } from '../../platform/problem';
import { checkpointFileName, presentCheckpoint } from './audit.presenter';
import type { AuditService } from './audit.service';

const errors = { 401: problemSchema, 403: problemSchema, 404: problemSchema };

/**
 * Checkpoints of the audit log. Every signed-in user may list and download
 * them (each party must be able to take one away); signing one on demand is
 * for administrators and coordinators.
 */
export async function auditRoutes(app: FastifyInstance, { audit }: { audit: AuditService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/audit/checkpoints',
    {
      schema: {
        tags: ['audit'],
        summary: 'Sign a checkpoint of the audit log now (administrators and coordinators)',
        response: { 201: checkpointSchema, ...errors, 409: problemSchema },
      },
    },
    async (request, reply) => {
      requireAnyRoleOrHide(request, ['administrator', 'coordinator']);
      return reply.status(201).send(presentCheckpoint(await audit.createCheckpoint()));
    },
  );

  r.get(
    '/api/audit/checkpoints',
    {
      schema: {
        tags: ['audit'],
        summary: 'Signed checkpoints of the audit log, the furthest first',
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).default(100) }),
        response: { 200: checkpointListSchema, ...errors },
      },
    },
    async (request) => {
      requireUser(request);
      return { checkpoints: (await audit.listCheckpoints(request.query.limit)).map(presentCheckpoint) };
    },
  );

  r.get(
    '/api/audit/checkpoints/latest',
    {
      schema: {
        tags: ['audit'],
        summary: 'Download the latest signed checkpoint, to keep and verify the log against later',
        response: { 200: checkpointSchema, ...errors },
      },
    },
    async (request, reply) => {
      requireUser(request);
      const row = await audit.latestCheckpoint();
      if (!row) throw notFound('no_checkpoint', 'No checkpoint of the audit log has been signed yet.');
      const checkpoint = presentCheckpoint(row);
      return reply
        .header('content-disposition', `attachment; filename="${checkpointFileName(checkpoint)}"`)
        .send(checkpoint);
    },
  );
}
