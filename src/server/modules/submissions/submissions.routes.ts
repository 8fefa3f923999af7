import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  consentDecisionSchema,
  consentListQuerySchema,
  consentViewSchema,
  createSubmissionSchema,
  extractReportSchema,
  extractResultSchema,
  submissionReleaseInputSchema,
  submissionReleaseResultSchema,
  submissionSummarySchema,
  submissionViewSchema,
  updateSubmissionSchema,
} from '../../../core/submissions/schemas';
import { callerResolver } from '../../platform/auth';
import type { Caller } from '../../platform/caller';
import { errorResponses, idParams } from '../../platform/route-schemas';
import type { DirectoryService } from '../directory/directory.service';
import { createSubmission } from './commands/create-submission';
import { decideConsent } from './commands/decide-consent';
import { editSubmission } from './commands/edit-submission';
import { extractReport } from './commands/extract-report';
import { releaseSubmission } from './commands/release-submission';
import type { SubmissionsDeps } from './submissions.deps';
import { presentConsent, presentSubmission, presentSubmissionSummary } from './submissions.presenter';
import { listConsents, listSubmissions, viewConsent, viewSubmission } from './submissions.queries';

const errors = errorResponses;

export interface SubmissionsRouteOptions {
  submissions: SubmissionsDeps;
  directory: DirectoryService;
}

/** Thin: validate, identify the caller, hand to a command or a query, present. */
export async function submissionsRoutes(
  app: FastifyInstance,
  { submissions, directory }: SubmissionsRouteOptions,
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const caller = callerResolver((id) => directory.actorOf(id));
  const scheme = submissions.deployment.scheme;
  const tags = ['submissions'];
  const view = async (who: Caller, id: string) =>
    presentSubmission(scheme, await viewSubmission(submissions, who, id));

  r.get(
    '/api/submissions',
    {
      schema: {
        tags,
        summary:
          "Submissions the caller may see: their own party's, or (the coordinator's people) those addressed to the coordinator; never another party's",
        querystring: z.strictObject({
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: z.array(submissionSummarySchema), ...errors },
      },
    },
    async (request) => {
      const who = await caller(request);
      return (await listSubmissions(submissions, who, request.query)).map((item) =>
        presentSubmissionSummary(scheme, item),
      );
    },
  );

  r.post(
    '/api/submissions',
    {
      schema: {
        tags,
        summary:
          "Hand the coordinator a submission for onward release (a party's officers): portions, each marked and with its release instruction",
        body: createSubmissionSchema,
        response: { 201: submissionViewSchema, ...errors },
      },
    },
    async (request, reply) => {
      const who = await caller(request);
      const id = await createSubmission(submissions, who, request.body);
      reply.status(201).header('location', `/api/submissions/${id}`);
      return view(who, id);
    },
  );

  r.get(
    '/api/submissions/:id',
    {
      schema: {
        tags,
        summary:
          'The submission as the caller may read it, with what of it was released, to whom and when (404 for any other party)',
        params: idParams,
        response: { 200: submissionViewSchema, ...errors },
      },
    },
    async (request) => view(await caller(request), request.params.id),
  );

  r.patch(
    '/api/submissions/:id',
    {
      schema: {
        tags,
        summary: "Edit a submission (its party's officers cleared for all of it)",
        params: idParams,
        body: updateSubmissionSchema,
        response: { 200: submissionViewSchema, ...errors },
      },
    },
    async (request) => {
      const who = await caller(request);
      await editSubmission(submissions, who, request.params.id, request.body);
      return view(who, request.params.id);
    },
  );

  r.post(
    '/api/submissions/:id/releases',
    {
      schema: {
        tags,
        summary:
          "Release portions as they are to a party (the coordinator's officers): 201 when released, 202 when it waits for the owner's consent",
        params: idParams,
        body: submissionReleaseInputSchema,
        response: { 201: submissionReleaseResultSchema, 202: submissionReleaseResultSchema, ...errors },
      },
    },
    async (request, reply) => {
      const who = await caller(request);
      const result = await releaseSubmission(submissions, who, request.params.id, request.body);
      if (result.releaseId) reply.status(201).header('location', `/api/releases/${result.releaseId}`);
      else reply.status(202).header('location', `/api/consents/${result.consentId}`);
      return result;
    },
  );

  r.post(
    '/api/submissions/:id/report',
    {
      schema: {
        tags,
        summary:
          "Extract portions into a new draft report of the coordinator (its report writers); each portion's release instruction binds the report's releases",
        params: idParams,
        body: extractReportSchema,
        response: { 201: extractResultSchema, ...errors },
      },
    },
    async (request, reply) => {
      const reportId = await extractReport(
        submissions,
        await caller(request),
        request.params.id,
        request.body,
      );
      reply.status(201).header('location', `/api/reports/${reportId}`);
      return { reportId };
    },
  );

  r.get(
    '/api/consents',
    {
      schema: {
        tags,
        summary:
          "Consents the caller may see, those still waiting by default: a party's supervisors decide them, the coordinator waits for them",
        querystring: consentListQuerySchema,
        response: { 200: z.array(consentViewSchema), ...errors },
      },
    },
    async (request) => {
      const who = await caller(request);
      return (await listConsents(submissions, who, request.query.status)).map((item) =>
        presentConsent(scheme, item),
      );
    },
  );

  r.get(
    '/api/consents/:id',
    {
      schema: {
        tags,
        summary: 'One consent, with the portions the release would carry (404 for any other party)',
        params: idParams,
        response: { 200: consentViewSchema, ...errors },
      },
    },
    async (request) =>
      presentConsent(scheme, await viewConsent(submissions, await caller(request), request.params.id)),
  );

  r.post(
    '/api/consents/:id/decision',
    {
      schema: {
        tags,
        summary:
          "Approve (the release is made at once) or refuse (nothing leaves; say why) a release of the party's submission (its supervisors)",
        params: idParams,
        body: consentDecisionSchema,
        response: { 200: consentViewSchema, ...errors },
      },
    },
    async (request) => {
      const who = await caller(request);
      await decideConsent(submissions, who, request.params.id, request.body);
      return presentConsent(scheme, await viewConsent(submissions, who, request.params.id));
    },
  );
}
