import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { INT4_MAX } from '../../../core/bounds';
import {
  createReportSchema,
  entityViewSchema,
  importCableJsonSchema,
  importResultSchema,
  releaseInputSchema,
  releaseViewSchema,
  reportSummarySchema,
  reportVersionSummarySchema,
  reportVersionViewSchema,
  reportViewSchema,
  returnReportSchema,
  reviewNoteSchema,
  updateReportSchema,
} from '../../../core/reports/schemas';
import { callerResolver } from '../../platform/auth';
import type { Caller } from '../../platform/caller';
import { errorResponses, idParams } from '../../platform/route-schemas';
import type { DirectoryService } from '../directory/directory.service';
import { createReport } from './commands/create-report';
import { editReport } from './commands/edit-report';
import { importCable } from './commands/import-cable';
import { releaseReport } from './commands/release-report';
import { reviewReport } from './commands/review-report';
import { listReleases, releaseBanner, viewRelease } from './releases.queries';
import type { ReportsDeps } from './reports.deps';
import {
  presentRelease,
  presentReport,
  presentReportSummary,
  presentVersion,
  presentVersionSummary,
  reportReference,
} from './reports.presenter';
import { listReports, viewEntity, viewReport } from './reports.queries';
import { listVersions, viewVersion } from './versions.queries';

const errors = errorResponses;
const tags = ['reports'];

export interface ReportsRouteOptions {
  /** What the reports module's commands and queries run with. */
  reports: ReportsDeps;
  directory: DirectoryService;
}

/** Thin: validate, identify the caller, hand to a command or a query, present. */
export async function reportsRoutes(app: FastifyInstance, { reports, directory }: ReportsRouteOptions) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const caller = callerResolver((id) => directory.actorOf(id));
  const scheme = reports.deployment.scheme;

  r.get(
    '/api/reports',
    {
      schema: {
        tags,
        summary:
          'Reports the caller may see, newest first, each under the banner of what the caller may read of it',
        querystring: z.strictObject({
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: z.array(reportSummarySchema), ...errors },
      },
    },
    async (request) => {
      const who = await caller(request);
      const page = await listReports(reports, who, request.query);
      return page.map(({ report, banner }) => presentReportSummary(scheme, report, banner));
    },
  );

  r.post(
    '/api/reports',
    {
      schema: {
        tags,
        summary: 'Write a report: a header and paragraphs, each with its own portion marking',
        body: createReportSchema,
        response: { 201: reportViewSchema, ...errors },
      },
    },
    async (request, reply) => {
      const who = await caller(request);
      const id = await createReport(reports, who, request.body);
      reply.status(201).header('location', `/api/reports/${id}`);
      return presentReport(scheme, await viewReport(reports, who, id));
    },
  );

  r.get(
    '/api/reports/:id',
    {
      schema: {
        tags,
        summary:
          'The report as the caller may read it: only the portions they may see, the banner computed from them',
        params: idParams,
        response: { 200: reportViewSchema, ...errors },
      },
    },
    async (request) => {
      const who = await caller(request);
      return presentReport(scheme, await viewReport(reports, who, request.params.id));
    },
  );

  r.patch(
    '/api/reports/:id',
    {
      schema: {
        tags,
        summary:
          'Edit a report (writers cleared for all of it): a new version is kept; a report under review or published goes back to draft',
        params: idParams,
        body: updateReportSchema,
        response: { 200: reportViewSchema, ...errors },
      },
    },
    async (request) => {
      const who = await caller(request);
      await editReport(reports, who, request.params.id, request.body);
      return presentReport(scheme, await viewReport(reports, who, request.params.id));
    },
  );

  const reviewSteps = [
    ['submit', reviewNoteSchema, 'Submit a draft for review'],
    [
      'approve',
      reviewNoteSchema,
      'Approve a report under review, publishing it (a supervisor who did not write it)',
    ],
    ['return', returnReportSchema, 'Return a report under review to its writers, saying what must change'],
  ] as const;
  for (const [action, body, summary] of reviewSteps)
    r.post(
      `/api/reports/:id/${action}`,
      {
        schema: { tags, summary, params: idParams, body, response: { 200: reportViewSchema, ...errors } },
      },
      async (request) => {
        const who = await caller(request);
        await reviewReport(reports, who, request.params.id, action, request.body.note ?? null);
        return presentReport(scheme, await viewReport(reports, who, request.params.id));
      },
    );

  r.get(
    '/api/reports/:id/versions',
    {
      schema: {
        tags,
        summary: 'Every version of the report whose header the caller may read, oldest first',
        params: idParams,
        response: { 200: z.array(reportVersionSummarySchema), ...errors },
      },
    },
    async (request) =>
      (await listVersions(reports, (await caller(request)).actor, request.params.id)).map(
        presentVersionSummary,
      ),
  );

  r.get(
    '/api/reports/:id/versions/:version',
    {
      schema: {
        tags,
        summary:
          'One version as the caller may read it, with its differences from the version before, over the portions the caller may see',
        params: idParams.extend({ version: z.coerce.number().int().min(1).max(INT4_MAX) }),
        response: { 200: reportVersionViewSchema, ...errors },
      },
    },
    async (request) => {
      const { actor } = await caller(request);
      return presentVersion(
        scheme,
        await viewVersion(reports, actor, request.params.id, request.params.version),
      );
    },
  );

  r.get(
    '/api/entities/:id',
    {
      schema: {
        tags,
        summary:
          'An organisation, person or place named in reports, with the reports the caller may read that name it',
        params: idParams,
        response: { 200: entityViewSchema, ...errors },
      },
    },
    async (request) => {
      const { entity, reports: named } = await viewEntity(reports, await caller(request), request.params.id);
      return {
        id: entity.id,
        kind: entity.kind,
        name: entity.name,
        linked:
          entity.linked_type && entity.linked_id ? { type: entity.linked_type, id: entity.linked_id } : null,
        reports: named.map(({ report, banner }) => presentReportSummary(scheme, report, banner)),
      };
    },
  );

  const releaseOf = async (who: Caller, id: string) => {
    const view = await viewRelease(reports, who, id);
    return presentRelease(scheme, view, releaseBanner(scheme, view));
  };

  r.post(
    '/api/reports/:id/releases',
    {
      schema: {
        tags,
        summary: 'Release to a party the version of the report it may see (coordinators)',
        params: idParams,
        body: releaseInputSchema,
        response: { 201: releaseViewSchema, ...errors },
      },
    },
    async (request, reply) => {
      const who = await caller(request);
      const id = await releaseReport(reports, who, request.params.id, request.body);
      reply.status(201).header('location', `/api/releases/${id}`);
      return releaseOf(who, id);
    },
  );

  r.get(
    '/api/releases',
    {
      schema: {
        tags,
        summary: "Releases the caller may see: a party's people see those made to their party",
        response: { 200: z.array(releaseViewSchema), ...errors },
      },
    },
    async (request) => {
      const who = await caller(request);
      return (await listReleases(reports, who)).map((view) =>
        presentRelease(scheme, view, releaseBanner(scheme, view)),
      );
    },
  );

  r.get(
    '/api/releases/:id',
    {
      schema: {
        tags,
        summary: "One release (404 when not made to the caller's party)",
        params: idParams,
        response: { 200: releaseViewSchema, ...errors },
      },
    },
    async (request) => releaseOf(await caller(request), request.params.id),
  );

  // A cable arrives as it was sent (text/plain), or as JSON {"text": …} from scripts.
  await app.register(async (imports) => {
    imports.addContentTypeParser(
      'text/plain',
      { parseAs: 'string', bodyLimit: 1024 * 1024 },
      (_request, body, done) => done(null, body),
    );
    imports.withTypeProvider<ZodTypeProvider>().post(
      '/api/reports/import',
      {
        schema: {
          tags,
          summary:
            'Import a diplomatic telegram as a report (the same cable twice is one report: 200 the second time)',
          body: z.union([z.string().min(1, 'The cable is empty'), importCableJsonSchema]),
          response: { 200: importResultSchema, 201: importResultSchema, ...errors },
        },
      },
      async (request, reply) => {
        const who = await caller(request);
        const text = typeof request.body === 'string' ? request.body : request.body.text;
        const result = await importCable(reports, who, text);
        reply.status(result.created ? 201 : 200).header('location', `/api/reports/${result.id}`);
        return { id: result.id, reference: reportReference(result.number), created: result.created };
      },
    );
  });
}
