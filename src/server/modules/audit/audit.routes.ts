import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../../core/access/access-rule';
import {
  auditEntrySchema,
  auditQuerySchema,
  checkpointListSchema,
  checkpointSchema,
} from '../../../core/audit/schemas';
import { notFound } from '../../../core/errors';
import { AUDITOR_ROLES } from '../../../core/identity/roles';
import { callerOf, requireAnyRoleOrHide, requireUser } from '../../platform/auth';
import type { DeploymentContext } from '../../platform/deployment-context';
import type { Audience, Viewer } from '../../platform/events/events';
import { problemSchema } from '../../platform/problem';
import { checkpointFileName, presentAuditEntry, presentCheckpoint } from './audit.presenter';
import { auditEntries } from './audit.queries';
import type { AuditService } from './audit.service';

const errors = { 401: problemSchema, 403: problemSchema, 404: problemSchema };

/**
 * Checkpoints of the audit log. Every signed-in user may list and download
 * them (each party must be able to take one away); signing one on demand is
 * for administrators and coordinators.
 */
export interface AuditRouteOptions {
  audit: AuditService;
  deployment: DeploymentContext;
  actorOf: (userId: string) => Promise<Actor>;
  /** Who may see a record, as events about it reach them (platform/events): checks the ids an entry's details name. */
  recordAudience: (subjectType: string, id: string) => Promise<Audience>;
}

export async function auditRoutes(
  app: FastifyInstance,
  { audit, deployment, actorOf, recordAudience }: AuditRouteOptions,
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const auditors = AUDITOR_ROLES; // shared with /api/me's abilities
  const viewerOf = async (request: FastifyRequest): Promise<Viewer> => {
    const { actor, roles } = await callerOf(request, actorOf);
    return { userId: actor.userId, actor, roles };
  };

  r.get(
    '/api/audit/entries',
    {
      schema: {
        tags: ['audit'],
        summary:
          'The audit log, newest first, only entries about records the caller may see (administrators and coordinators)',
        querystring: auditQuerySchema,
        response: { 200: z.object({ entries: z.array(auditEntrySchema) }), ...errors },
      },
    },
    async (request) => {
      requireAnyRoleOrHide(request, auditors);
      const viewer = await viewerOf(request);
      const rows = await auditEntries({ audit, deployment, recordAudience }, viewer, request.query);
      return { entries: rows.map((row) => presentAuditEntry(deployment.scheme, row)) };
    },
  );

  r.get(
    '/api/audit/entries/:seq',
    {
      schema: {
        tags: ['audit'],
        summary: 'One audit entry (404 when it does not exist or is about a record the caller may not see)',
        params: z.object({ seq: z.coerce.number().int().positive() }),
        response: { 200: auditEntrySchema, ...errors },
      },
    },
    async (request) => {
      requireAnyRoleOrHide(request, auditors);
      const viewer = await viewerOf(request);
      const [row] = await auditEntries({ audit, deployment, recordAudience }, viewer, {
        limit: 1,
        seq: request.params.seq,
      });
      if (!row) throw notFound('audit_entry_not_found', 'There is no such audit entry.');
      return presentAuditEntry(deployment.scheme, row);
    },
  );

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
      requireAnyRoleOrHide(request, auditors);
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
