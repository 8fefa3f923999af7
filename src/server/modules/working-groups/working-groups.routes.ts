import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  groupMemberInputSchema,
  groupMemberParams,
  workingGroupDetailSchema,
  workingGroupSummarySchema,
} from '../../../core/working-groups/schemas';
import { callerResolver } from '../../platform/auth';
import { errorResponses, idParams } from '../../platform/route-schemas';
import type { DirectoryService } from '../directory/directory.service';
import { changeMembership } from './commands/manage-members';
import type { WorkingGroupsDeps } from './working-groups.deps';
import { presentGroupDetail, presentGroupSummary } from './working-groups.presenter';
import { groupDetail, listGroups } from './working-groups.queries';

const errors = errorResponses;
const tags = ['working-groups'];

export interface WorkingGroupsRouteOptions {
  groups: WorkingGroupsDeps;
  directory: DirectoryService;
}

/** Thin: validate, identify the caller, hand to a command or a query, present. */
export async function workingGroupsRoutes(
  app: FastifyInstance,
  { groups, directory }: WorkingGroupsRouteOptions,
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const caller = callerResolver((id) => directory.actorOf(id));
  const scheme = groups.deployment.scheme;
  const detailOf = async (who: Awaited<ReturnType<typeof caller>>, id: string) =>
    presentGroupDetail(scheme, await groupDetail(groups, who, id));

  r.get(
    '/api/working-groups',
    {
      schema: {
        tags,
        summary: 'The working groups the caller belongs to (a group is read by its members only)',
        response: { 200: z.array(workingGroupSummarySchema), ...errors },
      },
    },
    async (request) =>
      (await listGroups(groups, await caller(request))).map((view) => presentGroupSummary(scheme, view)),
  );

  r.get(
    '/api/working-groups/:id',
    {
      schema: {
        tags,
        summary:
          "A working group: scope, parties, members per party, chairs and secretary, its channel, the caller's actions",
        params: idParams,
        response: { 200: workingGroupDetailSchema, ...errors },
      },
    },
    async (request) => detailOf(await caller(request), request.params.id),
  );

  r.post(
    '/api/working-groups/:id/members',
    {
      schema: {
        tags,
        summary:
          "Add a member: the secretary anyone of the group's parties, a chair the people of their own party",
        params: idParams,
        body: groupMemberInputSchema,
        response: { 200: workingGroupDetailSchema, ...errors },
      },
    },
    async (request) => {
      const who = await caller(request);
      await changeMembership(groups, who, request.params.id, request.body.userId, 'add');
      return detailOf(who, request.params.id);
    },
  );

  r.delete(
    '/api/working-groups/:id/members/:userId',
    {
      schema: {
        tags,
        summary:
          'Remove a member (and their office): the secretary anyone, a chair the people of their own party',
        params: groupMemberParams,
        response: { 200: workingGroupDetailSchema, ...errors },
      },
    },
    async (request) => {
      const who = await caller(request);
      await changeMembership(groups, who, request.params.id, request.params.userId, 'remove');
      return detailOf(who, request.params.id);
    },
  );
}
