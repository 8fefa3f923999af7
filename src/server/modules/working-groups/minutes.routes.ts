import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  requestMinutesChangeSchema,
  saveMinutesSchema,
  signMinutesSchema,
} from '../../../core/minutes/minutes';
import {
  minutesVersionParams,
  minutesVersionSchema,
  minutesVersionSummarySchema,
  minutesViewSchema,
} from '../../../core/minutes/schemas';
import { callerResolver } from '../../platform/auth';
import type { Caller } from '../../platform/caller';
import { errorResponses, idParams } from '../../platform/route-schemas';
import type { DirectoryService } from '../directory/directory.service';
import { requestMinutesChange, signMinutes } from './commands/sign-minutes';
import { circulateMinutes, writeMinutes } from './commands/write-minutes';
import { presentMinutes, presentVersion } from './minutes.presenter';
import { listVersions, type MinutesDeps, viewMinutes, viewVersion } from './minutes.queries';

const errors = errorResponses;
const tags = ['minutes'];

/** Thin: validate, identify the caller, hand to a command or a query, present. */
export async function minutesRoutes(
  app: FastifyInstance,
  { minutes, directory }: { minutes: MinutesDeps; directory: DirectoryService },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const caller = callerResolver((id) => directory.actorOf(id));
  const viewOf = async (who: Caller, id: string) => presentMinutes(await viewMinutes(minutes, who, id));

  r.get(
    '/api/meetings/:id/minutes',
    {
      schema: {
        tags,
        summary:
          "A meeting's minutes: the current version, its digest, the signatures of it, the caller's actions",
        params: idParams,
        response: { 200: minutesViewSchema, ...errors },
      },
    },
    async (request) => viewOf(await caller(request), request.params.id),
  );

  r.put(
    '/api/meetings/:id/minutes',
    {
      schema: {
        tags,
        summary:
          'Write the minutes (a chair or the secretary): a new version; signatures of older versions no longer count',
        params: idParams,
        body: saveMinutesSchema,
        response: { 200: minutesViewSchema, ...errors },
      },
    },
    async (request) => {
      const who = await caller(request);
      await writeMinutes(minutes, who, request.params.id, request.body);
      return viewOf(who, request.params.id);
    },
  );

  r.post(
    '/api/meetings/:id/minutes/circulate',
    {
      schema: {
        tags,
        summary: 'Circulate the draft minutes to the chairs for signature',
        params: idParams,
        response: { 200: minutesViewSchema, ...errors },
      },
    },
    async (request) => {
      const who = await caller(request);
      await circulateMinutes(minutes, who, request.params.id);
      return viewOf(who, request.params.id);
    },
  );

  r.post(
    '/api/meetings/:id/minutes/signatures',
    {
      schema: {
        tags,
        summary:
          "Sign the current version for the caller's party (its chair); signed by every party, they are read-only",
        params: idParams,
        body: signMinutesSchema,
        response: { 200: minutesViewSchema, ...errors },
      },
    },
    async (request) => {
      const who = await caller(request);
      await signMinutes(minutes, who, request.params.id, request.body.version);
      return viewOf(who, request.params.id);
    },
  );

  r.post(
    '/api/meetings/:id/minutes/change-requests',
    {
      schema: {
        tags,
        summary:
          "Ask for a change to the circulated version instead of signing it (a party's chair): the writers hear of it and answer with a new version",
        params: idParams,
        body: requestMinutesChangeSchema,
        response: { 201: minutesViewSchema, ...errors },
      },
    },
    async (request, reply) => {
      const who = await caller(request);
      await requestMinutesChange(minutes, who, request.params.id, request.body);
      reply.status(201);
      return viewOf(who, request.params.id);
    },
  );

  r.get(
    '/api/meetings/:id/minutes/versions',
    {
      schema: {
        tags,
        summary: 'Every version of the minutes, who wrote it and which parties signed it',
        params: idParams,
        response: { 200: z.array(minutesVersionSummarySchema), ...errors },
      },
    },
    async (request) =>
      (await listVersions(minutes, await caller(request), request.params.id)).map((version) => ({
        version: version.version,
        digest: version.digest,
        writtenBy: { id: version.written_by, displayName: version.writer_name },
        writtenAt: version.written_at.toISOString(),
        signedBy: version.signedBy,
      })),
  );

  r.get(
    '/api/meetings/:id/minutes/versions/:n',
    {
      schema: {
        tags,
        summary: 'One version of the minutes, and how it differs from the one before, word by word',
        params: minutesVersionParams,
        response: { 200: minutesVersionSchema, ...errors },
      },
    },
    async (request) =>
      presentVersion(await viewVersion(minutes, await caller(request), request.params.id, request.params.n)),
  );
}
