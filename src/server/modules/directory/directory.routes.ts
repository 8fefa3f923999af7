import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createDeskSchema,
  createDistrictSchema,
  createGroupSchema,
  createHandoverNoteSchema,
  createPartySchema,
  createShiftSchema,
  createUnitSchema,
  deploymentInfoSchema,
  deskSchema,
  directoryUserSchema,
  districtSchema,
  groupSchema,
  handoverNoteSchema,
  partySchema,
  rosterSchema,
  shiftSchema,
  unitSchema,
  updateDeskSchema,
  updateDirectoryUserSchema,
  updateDistrictSchema,
  updateGroupSchema,
  updatePartySchema,
  updateUnitSchema,
} from '../../../core/directory/schemas';
import { notFound } from '../../../core/errors';
import { createUserRequestSchema } from '../../../core/identity/schemas';
import { callerResolver, requireUser } from '../../platform/auth';
import { type Caller, isAdministrator } from '../../platform/caller';
import { errorResponses, idParams } from '../../platform/route-schemas';
import type { IdentityService } from '../identity/identity.service';
import {
  presentDesk,
  presentDistrict,
  presentGroup,
  presentParty,
  presentPerson,
  presentUnit,
} from './directory.presenter';
import type { DirectoryService } from './directory.service';
import { presentHandoverNote, presentShift } from './roster.presenter';
import type { RosterService } from './roster.service';

const errors = errorResponses;
const codeParams = z.object({ code: z.string().max(40) });
const tags = ['directory'];
const admin = { administratorsOnly: true };

export interface DirectoryRouteOptions {
  directory: DirectoryService;
  roster: RosterService;
  identity: IdentityService;
}

export async function directoryRoutes(
  app: FastifyInstance,
  { directory, roster, identity }: DirectoryRouteOptions,
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const caller = callerResolver((id) => directory.actorOf(id));
  const created = <T>(reply: { status: (code: number) => unknown }, value: T) => {
    reply.status(201);
    return value;
  };

  r.get(
    '/api/deployment',
    {
      schema: {
        tags,
        summary: "The deployment's name, languages and classification scheme",
        response: { 200: deploymentInfoSchema, ...errors },
      },
    },
    async (request) => {
      await caller(request);
      const { name, languages, defaultLanguage, timeZone, classification } = directory.deployment.deployment;
      return { name, languages, defaultLanguage, timeZone, classification };
    },
  );

  // Parties (keyed by code: markings name parties by code)
  r.get(
    '/api/directory/parties',
    {
      schema: {
        tags,
        summary: 'Parties of the deployment',
        response: { 200: z.array(partySchema), ...errors },
      },
    },
    async (request) => {
      await caller(request);
      return (await directory.parties()).map(presentParty);
    },
  );
  const partyByCode = async (code: string) => {
    const party = (await directory.parties()).find((candidate) => candidate.code === code);
    return presentParty(party as NonNullable<typeof party>);
  };
  r.post(
    '/api/directory/parties',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Add a party (administrators)',
        body: createPartySchema,
        response: { 201: partySchema, ...errors },
      },
    },
    async (request, reply) => {
      await directory.createParty(await caller(request), request.body);
      return created(reply, await partyByCode(request.body.code));
    },
  );
  r.patch(
    '/api/directory/parties/:code',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Change a party (administrators)',
        params: codeParams,
        body: updatePartySchema,
        response: { 200: partySchema, ...errors },
      },
    },
    async (request) => {
      await directory.updateParty(await caller(request), request.params.code, request.body);
      return partyByCode(request.params.code);
    },
  );
  r.delete(
    '/api/directory/parties/:code',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Remove an unused party (administrators)',
        params: codeParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await directory.deleteParty(await caller(request), request.params.code);
      return reply.status(204).send(null);
    },
  );

  // Units, districts, desks and groups share one shape of administration
  const entries = [
    {
      path: 'units',
      noun: 'unit',
      schema: unitSchema,
      create: createUnitSchema,
      update: updateUnitSchema,
      list: async () => (await directory.units()).map(presentUnit),
      add: directory.createUnit.bind(directory),
      change: directory.updateUnit.bind(directory),
    },
    {
      path: 'districts',
      noun: 'district or area',
      schema: districtSchema,
      create: createDistrictSchema,
      update: updateDistrictSchema,
      list: async () => (await directory.districts()).map(presentDistrict),
      add: directory.createDistrict.bind(directory),
      change: directory.updateDistrict.bind(directory),
    },
    {
      path: 'desks',
      noun: 'liaison desk',
      schema: deskSchema,
      create: createDeskSchema,
      update: updateDeskSchema,
      list: async (who: Caller) => {
        const viewer = await directory.deskViewer(who);
        return (await directory.desks()).map((desk) => presentDesk(desk, viewer));
      },
      add: directory.createDesk.bind(directory),
      change: directory.updateDesk.bind(directory),
    },
    {
      path: 'groups',
      noun: 'group',
      schema: groupSchema,
      create: createGroupSchema,
      update: updateGroupSchema,
      list: async (who: Caller) => (await directory.groups(who)).map(presentGroup),
      add: directory.createGroup.bind(directory),
      change: directory.updateGroup.bind(directory),
    },
  ] as const;

  for (const entry of entries) {
    const table = entry.path;
    const one = async (who: Caller, id: string) => {
      const found = (await entry.list(who)).find((item) => item.id === id);
      if (!found) throw notFound('not_found', 'There is no such entry.');
      return found;
    };
    r.get(
      `/api/directory/${table}`,
      {
        schema: {
          tags,
          summary: `List every ${entry.noun}`,
          response: { 200: z.array(entry.schema), ...errors },
        },
      },
      async (request) => entry.list(await caller(request)),
    );
    r.get(
      `/api/directory/${table}/:id`,
      {
        schema: {
          tags,
          summary: `One ${entry.noun}`,
          params: idParams,
          response: { 200: entry.schema, ...errors },
        },
      },
      async (request) => one(await caller(request), request.params.id),
    );
    r.post(
      `/api/directory/${table}`,
      {
        config: admin,
        schema: {
          tags,
          summary: `Add a ${entry.noun} (administrators)`,
          body: entry.create,
          response: { 201: entry.schema, ...errors },
        },
      },
      async (request, reply) => {
        const who = await caller(request);
        // biome-ignore lint/suspicious/noExplicitAny: each entry pairs its own body schema with its own service method
        const id = await entry.add(who, request.body as any);
        return created(reply, await one(who, id));
      },
    );
    r.patch(
      `/api/directory/${table}/:id`,
      {
        config: admin,
        schema: {
          tags,
          summary: `Change a ${entry.noun} (administrators)`,
          params: idParams,
          body: entry.update,
          response: { 200: entry.schema, ...errors },
        },
      },
      async (request) => {
        const who = await caller(request);
        // biome-ignore lint/suspicious/noExplicitAny: as above
        await entry.change(who, request.params.id, request.body as any);
        return one(who, request.params.id);
      },
    );
    r.delete(
      `/api/directory/${table}/:id`,
      {
        config: admin,
        schema: {
          tags,
          summary: `Remove a ${entry.noun} (administrators)`,
          params: idParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await directory.deleteEntry(await caller(request), table, request.params.id);
        return reply.status(204).send(null);
      },
    );
  }

  // Rosters and handover notes
  const rangeQuery = z.object({
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  });
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
        handoverNotes: notes.map((note) => presentHandoverNote(directory.deployment.scheme, who, note)),
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
      const who = await caller(request);
      const id = await roster.createShift(who, request.params.id, request.body);
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
      await roster.deleteShift(await caller(request), request.params.id, request.params.shiftId);
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
        presentHandoverNote(directory.deployment.scheme, who, note),
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
      const note = await roster.createHandoverNote(who, request.params.id, request.body);
      return created(reply, presentHandoverNote(directory.deployment.scheme, who, note));
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
      return presentHandoverNote(
        directory.deployment.scheme,
        who,
        await roster.handoverNote(who, request.params.id),
      );
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
      await roster.deleteHandoverNote(await caller(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  // People
  const people = async (who: Caller) => {
    const onDuty = new Set(
      (await directory.desks()).flatMap((desk) => desk.on_duty.map((shift) => shift.user_id)),
    );
    const forAdministrator = isAdministrator(who);
    return (await directory.people())
      .filter((person) => forAdministrator || person.disabled_at === null)
      .map((person) => presentPerson(person, onDuty, forAdministrator));
  };
  const person = async (who: Caller, id: string) => {
    const found = (await people(who)).find((candidate) => candidate.id === id);
    if (!found) throw notFound('user_not_found', 'There is no such person.');
    return found;
  };
  r.get(
    '/api/directory/users',
    {
      schema: {
        tags,
        summary: 'People: who works where and who is on duty',
        response: { 200: z.array(directoryUserSchema), ...errors },
      },
    },
    async (request) => people(await caller(request)),
  );
  r.get(
    '/api/directory/users/:id',
    {
      schema: {
        tags,
        summary: 'One person',
        params: idParams,
        response: { 200: directoryUserSchema, ...errors },
      },
    },
    async (request) => person(await caller(request), request.params.id),
  );
  r.post(
    '/api/directory/users',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Create an account (administrators)',
        body: createUserRequestSchema.extend({
          unitId: z.uuid().nullable().optional(),
          deskIds: z.array(z.uuid()).optional(),
          groupIds: z.array(z.uuid()).optional(),
        }),
        response: { 201: directoryUserSchema, ...errors },
      },
    },
    async (request, reply) => {
      const who = await caller(request);
      const { unitId, deskIds, groupIds, ...account } = request.body;
      await directory.checkNewPerson({ ...account, unitId, deskIds, groupIds });
      const user = await identity.createUser(account, { actor: requireUser(request).user, ip: request.ip });
      await directory.updatePerson(who, user.id, { unitId, deskIds, groupIds });
      return created(reply, await person(who, user.id));
    },
  );
  r.patch(
    '/api/directory/users/:id',
    {
      config: admin,
      schema: {
        tags,
        summary: "Change a person's place, roles, clearance or account state (administrators)",
        params: idParams,
        body: updateDirectoryUserSchema,
        response: { 200: directoryUserSchema, ...errors },
      },
    },
    async (request) => {
      const who = await caller(request);
      await directory.updatePerson(who, request.params.id, request.body);
      return person(who, request.params.id);
    },
  );
  r.delete(
    '/api/directory/users/:id',
    {
      config: admin,
      schema: {
        tags,
        summary:
          'Disable an account (administrators): it can no longer sign in, its sessions end, its history stays',
        params: idParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await directory.updatePerson(await caller(request), request.params.id, { disabled: true });
      return reply.status(204).send(null);
    },
  );
}
