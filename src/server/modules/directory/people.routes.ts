import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { directoryUserSchema, updateDirectoryUserSchema } from '../../../core/directory/schemas';
import { notFound } from '../../../core/errors';
import { createUserRequestSchema } from '../../../core/identity/schemas';
import { requireUser } from '../../platform/auth';
import type { Caller } from '../../platform/caller';
import { errorResponses as errors, idParams } from '../../platform/route-schemas';
import { checkNewPerson } from './commands/directory-checks';
import { updatePerson } from './commands/update-person';
import { presentPerson } from './directory.presenter';
import { type DirectoryRouteContext, viewerOf } from './directory.route-context';

const tags = ['directory'];
const admin = { administratorsOnly: true };

/** People: who works where and who is on duty; their accounts, for administrators. */
export function peopleRoutes(
  app: FastifyInstance,
  { directory, identity, commands, caller, created }: DirectoryRouteContext,
) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  const people = async (who: Caller) => {
    const { people, onDuty } = await directory.people(who);
    return people.map((person) => presentPerson(person, onDuty, viewerOf(who)));
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
      await checkNewPerson(commands, { ...account, unitId, deskIds, groupIds });
      const user = await identity.createUser(account, { actor: requireUser(request).user, ip: request.ip });
      await updatePerson(commands, who, user.id, { unitId, deskIds, groupIds });
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
      await updatePerson(commands, who, request.params.id, request.body);
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
      await updatePerson(commands, await caller(request), request.params.id, { disabled: true });
      return reply.status(204).send(null);
    },
  );
}
