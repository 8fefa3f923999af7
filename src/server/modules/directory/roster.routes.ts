import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createHandoverNoteSchema,
  createShiftSchema,
  handoverNoteSchema,
  rosterSchema,
  shiftSchema,
} from '../../../core/directory/schemas';
import { errorResponses as errors, idParams } from '../../platform/route-schemas';
import { createHandoverNote } from './commands/create-handover-note';
import { createShift } from './commands/create-shift';
import { deleteHandoverNote } from './commands/delete-handover-note';
import { deleteShift } from './commands/delete-shift';
import { presentDesk } from './directory.presenter';
import type { DirectoryRouteContext } from './directory.route-context';
import { presentHandoverNote, presentShift } from './roster.presenter';

const tags = ['directory'];
const rangeQuery = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

/** A desk's roster and its handover notes (marked records, through the access rule). */
export function rosterRoutes(
  app: FastifyInstance,
  { directory, roster, commands, caller, created }: DirectoryRouteContext,
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { scheme } = commands.deployment;

  r.get(
    '/api/directory/desks/:id/roster',
    {
      schema: {
        tags,
        summary:
          "A desk's shifts (by default the last day and the coming week) and the handover notes the caller may see",
        params: idParams,
        querystring: rangeQuery,
        response: { 200: rosterSchema, ...errors },
      },
    },
    async (request) => {
      const who = await caller(request);
      const desk = await directory.desk(request.params.id);
      const range = {
        from: request.query.from ? new Date(request.query.from) : undefined,
        to: request.query.to ? new Date(request.query.to) : undefined,
      };
      const [shifts, notes] = await Promise.all([
        roster.shifts(desk.id, range),
        roster.handoverNotes(who, desk.id),
      ]);
      return {
        desk: presentDesk(desk, await directory.deskViewer(who)),
        shifts: shifts.map(presentShift),
        handoverNotes: notes.map((note) => presentHandoverNote(scheme, who, note)),
      };
    },
  );
  r.post(
    '/api/directory/desks/:id/shifts',
    {
      schema: {
        tags,
        summary: 'Put someone on the roster (administrators; supervisors for their own party)',
        params: idParams,
        body: createShiftSchema,
        response: { 201: shiftSchema, ...errors },
      },
    },
    async (request, reply) => {
      const id = await createShift(commands, await caller(request), request.params.id, request.body);
      return created(reply, presentShift(await roster.shift(id)));
    },
  );
  r.delete(
    '/api/directory/desks/:id/shifts/:shiftId',
    {
      schema: {
        tags,
        summary: 'Remove a shift',
        params: idParams.extend({ shiftId: z.uuid() }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await deleteShift(commands, await caller(request), request.params.id, request.params.shiftId);
      return reply.status(204).send(null);
    },
  );
  r.get(
    '/api/directory/desks/:id/handover-notes',
    {
      schema: {
        tags,
        summary: "A desk's handover notes the caller may see",
        params: idParams,
        response: { 200: z.array(handoverNoteSchema), ...errors },
      },
    },
    async (request) => {
      const who = await caller(request);
      await directory.desk(request.params.id);
      return (await roster.handoverNotes(who, request.params.id)).map((note) =>
        presentHandoverNote(scheme, who, note),
      );
    },
  );
  r.post(
    '/api/directory/desks/:id/handover-notes',
    {
      schema: {
        tags,
        summary: 'Write a marked handover note for the next shift',
        params: idParams,
        body: createHandoverNoteSchema,
        response: { 201: handoverNoteSchema, ...errors },
      },
    },
    async (request, reply) => {
      const who = await caller(request);
      const note = await createHandoverNote(commands, who, request.params.id, request.body);
      return created(reply, presentHandoverNote(scheme, who, note));
    },
  );
  r.get(
    '/api/directory/handover-notes/:id',
    {
      schema: {
        tags,
        summary: 'One handover note (404 when it does not exist or the caller may not see it)',
        params: idParams,
        response: { 200: handoverNoteSchema, ...errors },
      },
    },
    async (request) => {
      const who = await caller(request);
      return presentHandoverNote(scheme, who, await roster.handoverNote(who, request.params.id));
    },
  );
  r.delete(
    '/api/directory/handover-notes/:id',
    {
      schema: {
        tags,
        summary: 'Delete your own handover note',
        params: idParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await deleteHandoverNote(commands, await caller(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
