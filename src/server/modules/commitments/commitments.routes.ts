import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  commitmentBoardQuerySchema,
  commitmentBoardSchema,
  commitmentDetailSchema,
  commitmentFileParams,
  commitmentFileQuerySchema,
  commitmentInputSchema,
  commitmentNoteInputSchema,
  commitmentPageSchema,
  commitmentPatchSchema,
  commitmentQuerySchema,
  commitmentTransitionSchema,
} from '../../../core/commitments/schemas';
import { ATTACHMENT_MAX_BYTES } from '../../../core/requests/attachments';
import { fileUploadRoutes, sendFile, uploadedBytes } from '../../platform/attachments';
import { callerResolver } from '../../platform/auth';
import type { Caller } from '../../platform/caller';
import { problemSchema } from '../../platform/problem';
import { errorResponses, idParams } from '../../platform/route-schemas';
import type { DirectoryService } from '../directory/directory.service';
import { addCommitmentNote } from './commands/add-commitment-note';
import { attachEvidence } from './commands/attach-evidence';
import { editCommitment } from './commands/edit-commitment';
import { raiseCommitment } from './commands/raise-commitment';
import { transitionCommitment } from './commands/transition-commitment';
import type { CommitmentsDeps } from './commitments.deps';
import { presentBoard, presentCommitmentDetail, presentCommitmentSummary } from './commitments.presenter';
import { boardFor, detailOf, evidenceFileOf, listFor } from './commitments.queries';

const errors = errorResponses;
const tags = ['commitments'];

export interface CommitmentsRouteOptions {
  commitments: CommitmentsDeps;
  directory: DirectoryService;
}

/** Thin: validate, identify the caller, hand to a command or a query, present. */
export async function commitmentsRoutes(
  app: FastifyInstance,
  { commitments, directory }: CommitmentsRouteOptions,
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const caller = callerResolver((id) => directory.actorOf(id));
  const scheme = commitments.deployment.scheme;
  const detail = async (who: Caller, id: string) =>
    presentCommitmentDetail(scheme, await detailOf(commitments, who, id));

  r.get(
    '/api/commitments',
    {
      schema: {
        tags,
        summary:
          'Commitments the caller may see (members of their group), overdue first; filters: group, meeting (raised in it), party (the owner party), owner, status (a comma list), overdue=true, dueBefore, dueAfter (dates, exclusive)',
        querystring: commitmentQuerySchema,
        response: { 200: commitmentPageSchema, ...errors },
      },
    },
    async (request) => {
      const page = await listFor(commitments, await caller(request), request.query);
      return {
        today: page.today,
        total: page.total,
        items: page.items.map((row) => presentCommitmentSummary(scheme, row, page.today)),
      };
    },
  );

  r.get(
    '/api/commitments/board',
    {
      schema: {
        tags,
        summary:
          'The commitments board: per owner party, promised, open, overdue, awaiting confirmation, delivered, dropped, on time and the on-time rate; with the commitments, overdue first. Counted over what the caller may see only',
        querystring: commitmentBoardQuerySchema,
        response: { 200: commitmentBoardSchema, ...errors },
      },
    },
    async (request) =>
      presentBoard(scheme, await boardFor(commitments, await caller(request), request.query)),
  );

  r.post(
    '/api/commitments',
    {
      schema: {
        tags,
        summary:
          'Raise a commitment in a working group (any member): an owner of one of the group\'s parties, a due date, what "done" means',
        body: commitmentInputSchema,
        response: { 201: commitmentDetailSchema, ...errors },
      },
    },
    async (request, reply) => {
      const who = await caller(request);
      const id = await raiseCommitment(commitments, who, request.body);
      reply.status(201).header('location', `/api/commitments/${id}`);
      return detail(who, id);
    },
  );

  r.get(
    '/api/commitments/:id',
    {
      schema: {
        tags,
        summary:
          "A commitment: evidence, the other party's confirmation, notes (internal ones only for their party) and the caller's actions",
        params: idParams,
        response: { 200: commitmentDetailSchema, ...errors },
      },
    },
    async (request) => detail(await caller(request), request.params.id),
  );

  r.patch(
    '/api/commitments/:id',
    {
      schema: {
        tags,
        summary:
          "Edit a commitment still owed (its owner, the chair of the owner's party, the secretary): title, what done means, owner, due date",
        params: idParams,
        body: commitmentPatchSchema,
        response: { 200: commitmentDetailSchema, ...errors },
      },
    },
    async (request) => {
      const who = await caller(request);
      await editCommitment(commitments, who, request.params.id, request.body);
      return detail(who, request.params.id);
    },
  );

  r.post(
    '/api/commitments/:id/transitions',
    {
      schema: {
        tags,
        summary:
          'start | complete (with evidence) | confirm (the other party) | reopen | drop (with a reason)',
        params: idParams,
        body: commitmentTransitionSchema,
        response: { 200: commitmentDetailSchema, ...errors },
      },
    },
    async (request) => {
      const who = await caller(request);
      await transitionCommitment(commitments, who, request.params.id, request.body);
      return detail(who, request.params.id);
    },
  );

  r.post(
    '/api/commitments/:id/notes',
    {
      schema: {
        tags,
        summary: "Add a note to a commitment; an internal one is read by the author's party only",
        params: idParams,
        body: commitmentNoteInputSchema,
        response: { 201: commitmentDetailSchema, ...errors },
      },
    },
    async (request, reply) => {
      const who = await caller(request);
      await addCommitmentNote(commitments, who, request.params.id, request.body);
      reply.status(201);
      return detail(who, request.params.id);
    },
  );

  r.get(
    '/api/commitments/:id/files/:fileId',
    {
      schema: {
        tags,
        summary:
          'A file of evidence, as uploaded (under the type its bytes showed), for whoever may read the commitment',
        params: commitmentFileParams,
        response: errors,
      },
    },
    async (request, reply) =>
      sendFile(
        reply,
        await evidenceFileOf(commitments, await caller(request), request.params.id, request.params.fileId),
      ),
  );

  // The body is the file's bytes, whatever its Content-Type: the server decides the type from the content.
  await fileUploadRoutes(app, (uploads) => {
    uploads.withTypeProvider<ZodTypeProvider>().post(
      '/api/commitments/:id/files',
      {
        bodyLimit: ATTACHMENT_MAX_BYTES,
        schema: {
          tags,
          summary:
            "Add a file of evidence (the owner's side, until the delivery is confirmed): the body is the file, `?filename=` names it",
          params: idParams,
          querystring: commitmentFileQuerySchema,
          response: { 201: commitmentDetailSchema, 413: problemSchema, 415: problemSchema, ...errors },
        },
      },
      async (request, reply) => {
        const who = await caller(request);
        await attachEvidence(commitments, who, request.params.id, {
          filename: request.query.filename,
          bytes: uploadedBytes(request.body),
        });
        reply.status(201);
        return detail(who, request.params.id);
      },
    );
  });
}
