import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ATTACHMENT_MAX_BYTES } from '../../../core/requests/attachments';
import {
  attachmentSchema,
  attachmentUploadQuerySchema,
  type CommentDto,
  commentInputSchema,
  commentSchema,
  createRequestSchema,
  linkInputSchema,
  listRequestsQuerySchema,
  requestDetailSchema,
  requestPageSchema,
  requestTypeViewSchema,
  safeReturnStatisticsQuerySchema,
  safeReturnStatisticsSchema,
  transitionSchema,
  updateDraftSchema,
} from '../../../core/requests/schemas';
import { fileUploadRoutes, sendFile, uploadedBytes } from '../../platform/attachments';
import { callerResolver, requireUser } from '../../platform/auth';
import type { Caller } from '../../platform/caller';
import { problemSchema } from '../../platform/problem';
import { errorResponses, idParams } from '../../platform/route-schemas';
import type { DirectoryService } from '../directory/directory.service';
import { attachFile } from './commands/attach-file';
import { commentOnRequest } from './commands/comment-on-request';
import { createRequest } from './commands/create-request';
import type { RequestCommandDeps } from './commands/deps';
import { linkRecord } from './commands/link-record';
import { openCrisisRoom } from './commands/open-crisis-room';
import { transitionRequest } from './commands/transition-request';
import { updateDraft } from './commands/update-draft';
import {
  presentAttachment,
  presentRequestDetail,
  presentRequestSummary,
  presentRequestType,
  presentThread,
} from './requests.presenter';
import { safeReturnStatistics } from './safe-returns.queries';

const errors = errorResponses;
const tags = ['requests'];

export interface RequestsRouteOptions {
  /** What the commands work with; its `queries` serve the reads. */
  requests: RequestCommandDeps;
  directory: DirectoryService;
}

/** Thin: validate, identify the caller, hand to a command or a query, present. */
export async function requestsRoutes(
  app: FastifyInstance,
  { requests: deps, directory }: RequestsRouteOptions,
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const caller = callerResolver((id) => directory.actorOf(id));
  const requests = deps.queries;
  const scheme = deps.deployment.scheme;
  const detailOf = async (who: Caller, id: string) =>
    presentRequestDetail(scheme, await requests.detail(who, id, deps.linkables));

  r.get(
    '/api/request-types',
    {
      schema: {
        tags,
        summary:
          'The request types of this deployment: forms (as JSON Schema too), labels in three languages, SLAs',
        response: { 200: z.array(requestTypeViewSchema), 401: problemSchema },
      },
    },
    async (request) => {
      requireUser(request);
      return requests.types().map(presentRequestType);
    },
  );

  r.post(
    '/api/requests',
    {
      schema: {
        tags,
        summary: "Send a request to the other party's desk for the district (or keep it as a draft)",
        body: createRequestSchema,
        response: { 201: requestDetailSchema, ...errors },
      },
    },
    async (request, reply) => {
      const who = await caller(request);
      const id = await createRequest(deps, who, request.body);
      reply.status(201).header('location', `/api/requests/${id}`);
      return detailOf(who, id);
    },
  );

  r.get(
    '/api/statistics/safe-returns',
    {
      schema: {
        tags,
        summary:
          'Safe returns in a period (this year by default): sent, handed over, not found, still open, the median time to the handover, per district and per party; over the requests the caller may see',
        querystring: safeReturnStatisticsQuerySchema,
        response: { 200: safeReturnStatisticsSchema, ...errors },
      },
    },
    async (request) =>
      safeReturnStatistics(
        deps.db,
        deps.deployment,
        requests,
        await caller(request),
        request.query,
        deps.clock.now(),
      ),
  );

  r.get(
    '/api/requests',
    {
      schema: {
        tags,
        summary: 'Requests the caller may see, most urgent first (open ones by their next deadline)',
        querystring: listRequestsQuerySchema,
        response: { 200: requestPageSchema, ...errors },
      },
    },
    async (request) => {
      const who = await caller(request);
      const page = await requests.list(who, request.query, deps.linkables);
      return {
        items: page.rows.map((row) => presentRequestSummary(scheme, row, requests.typeOf(row.type_code))),
        next: page.next,
      };
    },
  );

  r.get(
    '/api/requests/:id',
    {
      schema: {
        tags,
        summary:
          'One request with its timeline, thread and the actions the caller may take (404 if not visible)',
        params: idParams,
        response: { 200: requestDetailSchema, ...errors },
      },
    },
    async (request) => detailOf(await caller(request), request.params.id),
  );

  r.patch(
    '/api/requests/:id',
    {
      schema: {
        tags,
        summary: 'Edit a draft',
        params: idParams,
        body: updateDraftSchema,
        response: { 200: requestDetailSchema, ...errors },
      },
    },
    async (request) => {
      const who = await caller(request);
      await updateDraft(deps, who, request.params.id, request.body);
      return detailOf(who, request.params.id);
    },
  );

  r.post(
    '/api/requests/:id/transitions',
    {
      schema: {
        tags,
        summary:
          'Move the request on: acknowledge, approve, approve-with-conditions, deny, request-info, provide-info, co-sign, start, complete, cancel, submit',
        params: idParams,
        body: transitionSchema,
        response: { 200: requestDetailSchema, ...errors },
      },
    },
    async (request) => {
      const who = await caller(request);
      await transitionRequest(deps, who, request.params.id, request.body);
      return detailOf(who, request.params.id);
    },
  );

  r.post(
    '/api/requests/:id/comments',
    {
      schema: {
        tags,
        summary: "Write in the request's thread; an internal note is read only by the author's party",
        params: idParams,
        body: commentInputSchema,
        response: { 201: commentSchema, ...errors },
      },
    },
    async (request, reply) => {
      const who = await caller(request);
      const commentId = await commentOnRequest(deps, who, request.params.id, request.body);
      const { row, ...entries } = await requests.thread(who, request.params.id);
      const thread = presentThread(scheme, row, entries);
      reply.status(201);
      return thread.find((comment) => comment.id === commentId) as CommentDto;
    },
  );

  r.get(
    '/api/requests/:id/attachments',
    {
      schema: {
        tags,
        summary: "The files of the request's thread the caller may see",
        params: idParams,
        response: { 200: z.array(attachmentSchema), ...errors },
      },
    },
    async (request) => {
      const who = await caller(request);
      return (await requests.detail(who, request.params.id)).attachments.map(presentAttachment);
    },
  );

  // Outside the JSON type provider: the answer is the file's bytes, sent as they are.
  app.get<{ Params: { id: string; attachmentId: string } }>(
    '/api/requests/:id/attachments/:attachmentId',
    {
      schema: {
        tags,
        summary: 'Download one file (its type is the one sniffed at upload)',
        params: z.object({ id: z.uuid('Not an id'), attachmentId: z.uuid('Not an id') }),
      },
    },
    async (request, reply) => {
      const who = await caller(request);
      const file = await requests.attachment(who, request.params.id, request.params.attachmentId);
      return sendFile(reply, file);
    },
  );

  r.post(
    '/api/requests/:id/links',
    {
      schema: {
        tags,
        summary:
          'Link a record the caller may read: {kind, id} with kind request, report, release, submission or channel ({requestId} links a request)',
        params: idParams,
        body: linkInputSchema,
        response: { 200: requestDetailSchema, ...errors },
      },
    },
    async (request) => {
      const who = await caller(request);
      await linkRecord(deps, who, request.params.id, request.body);
      return detailOf(who, request.params.id);
    },
  );

  r.post(
    '/api/requests/:id/crisis-room',
    {
      schema: {
        tags,
        summary:
          "Open the request's crisis room in one step (the coordinator, for an incident): marked as the request, with both desks' staff who may see it, linked to the request",
        params: idParams,
        response: { 201: z.object({ channelId: z.string() }), ...errors },
      },
    },
    async (request, reply) => {
      const channelId = await openCrisisRoom(deps, await caller(request), request.params.id);
      reply.status(201);
      return { channelId };
    },
  );

  // Uploads are the file's bytes as the body, whatever its Content-Type: the server decides the type from the content.
  await fileUploadRoutes(app, (uploads) => {
    uploads.withTypeProvider<ZodTypeProvider>().post(
      '/api/requests/:id/attachments',
      {
        bodyLimit: ATTACHMENT_MAX_BYTES,
        schema: {
          tags,
          summary:
            'Attach a file: the body is the file, `?filename=` names it, `&internal=true` keeps it to your party',
          params: idParams,
          querystring: attachmentUploadQuerySchema,
          response: { 201: attachmentSchema, 413: problemSchema, 415: problemSchema, ...errors },
        },
      },
      async (request, reply) => {
        const who = await caller(request);
        const bytes = uploadedBytes(request.body);
        const id = await attachFile(deps, who, request.params.id, {
          filename: request.query.filename,
          internal: request.query.internal === 'true',
          bytes,
        });
        const attachment = await requests.attachmentOf(who, request.params.id, id);
        reply.status(201);
        return presentAttachment(attachment);
      },
    );
  });
}
