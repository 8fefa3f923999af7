import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createDeskSchema,
  createDistrictSchema,
  createGroupSchema,
  createPartySchema,
  createUnitSchema,
  deskSchema,
  districtSchema,
  groupSchema,
  listDistrictsQuerySchema,
  partySchema,
  unitSchema,
  updateDeskSchema,
  updateDistrictSchema,
  updateGroupSchema,
  updatePartySchema,
  updateUnitSchema,
} from '../../../core/directory/schemas';
import { notFound } from '../../../core/errors';
import type { Caller } from '../../platform/caller';
import { errorResponses as errors, idParams } from '../../platform/route-schemas';
import { createDesk } from './commands/create-desk';
import { createDistrict } from './commands/create-district';
import { createGroup } from './commands/create-group';
import { createParty } from './commands/create-party';
import { createUnit } from './commands/create-unit';
import { deleteDesk } from './commands/delete-desk';
import { deleteDistrict } from './commands/delete-district';
import { deleteGroup } from './commands/delete-group';
import { deleteParty } from './commands/delete-party';
import { deleteUnit } from './commands/delete-unit';
import { updateDesk } from './commands/update-desk';
import { updateDistrict } from './commands/update-district';
import { updateGroup } from './commands/update-group';
import { updateParty } from './commands/update-party';
import { updateUnit } from './commands/update-unit';
import { presentDesk, presentDistrict, presentGroup, presentParty, presentUnit } from './directory.presenter';
import { type DirectoryRouteContext, viewerOf } from './directory.route-context';

const codeParams = z.object({ code: z.string().max(40) });
const tags = ['directory'];
const admin = { administratorsOnly: true };

/** Parties, units, districts, desks and groups: open to read, administered by administrators. */
export function entryRoutes(
  app: FastifyInstance,
  { directory, commands, caller, created }: DirectoryRouteContext,
) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // Parties (keyed by code: markings name parties by code)
  const parties = async (who: Caller) =>
    (await directory.parties()).map((p) => presentParty(p, viewerOf(who)));
  r.get(
    '/api/directory/parties',
    {
      schema: {
        tags,
        summary: 'Parties of the deployment',
        response: { 200: z.array(partySchema), ...errors },
      },
    },
    async (request) => parties(await caller(request)),
  );
  const partyByCode = async (who: Caller, code: string) => {
    const party = (await parties(who)).find((candidate) => candidate.code === code);
    return party as NonNullable<typeof party>;
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
      const who = await caller(request);
      await createParty(commands, who, request.body);
      return created(reply, await partyByCode(who, request.body.code));
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
      const who = await caller(request);
      await updateParty(commands, who, request.params.code, request.body);
      return partyByCode(who, request.params.code);
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
      await deleteParty(commands, await caller(request), request.params.code);
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
      list: async (who: Caller) => (await directory.units()).map((unit) => presentUnit(unit, viewerOf(who))),
      add: createUnit,
      change: updateUnit,
      remove: deleteUnit,
    },
    {
      path: 'districts',
      noun: 'district or area',
      schema: districtSchema,
      create: createDistrictSchema,
      update: updateDistrictSchema,
      list: async (who: Caller) =>
        (await directory.districts()).map((district) => presentDistrict(district, viewerOf(who))),
      add: createDistrict,
      change: updateDistrict,
      remove: deleteDistrict,
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
      add: createDesk,
      change: updateDesk,
      remove: deleteDesk,
    },
    {
      path: 'groups',
      noun: 'group',
      schema: groupSchema,
      create: createGroupSchema,
      update: updateGroupSchema,
      list: async (who: Caller) =>
        (await directory.groups(who)).map((group) => presentGroup(group, viewerOf(who))),
      add: createGroup,
      change: updateGroup,
      remove: deleteGroup,
    },
  ] as const;

  r.get(
    '/api/directory/districts',
    {
      schema: {
        tags,
        summary:
          'The gazetteer: every place, or those of one kind (governorate, area, refugee-camp, crossing, liaison-office), or those whose name or alias in any language matches q',
        querystring: listDistrictsQuerySchema,
        response: { 200: z.array(districtSchema), ...errors },
      },
    },
    async (request) => {
      const who = await caller(request);
      return (await directory.districts(request.query)).map((district) =>
        presentDistrict(district, viewerOf(who)),
      );
    },
  );

  for (const entry of entries) {
    const table = entry.path;
    const one = async (who: Caller, id: string) => {
      const found = (await entry.list(who)).find((item) => item.id === id);
      if (!found) throw notFound('not_found', 'There is no such entry.');
      return found;
    };
    // The gazetteer's list takes a kind and a name to find (below).
    if (table !== 'districts')
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
        // biome-ignore lint/suspicious/noExplicitAny: each entry pairs its own body schema with its own command
        const id = await entry.add(commands, who, request.body as any);
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
        await entry.change(commands, who, request.params.id, request.body as any);
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
        await entry.remove(commands, await caller(request), request.params.id);
        return reply.status(204).send(null);
      },
    );
  }
}
