import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  addMemberSchema,
  channelDetailSchema,
  channelMemberParams,
  channelSchema,
  createChannelSchema,
  messageHitSchema,
  presenceSchema,
  readPositionSchema,
  searchMessagesQuerySchema,
  syncResultSchema,
} from '../../../core/channels/schemas';
import { callerResolver } from '../../platform/auth';
import type { Caller } from '../../platform/caller';
import { errorResponses, idParams } from '../../platform/route-schemas';
import { presentChannel, presentChannelDetail, presentMessageHit, presentPerson } from './channels.presenter';
import { actionsOf, channelDetail, channelSummary, listChannels, presenceOf } from './channels.queries';
import { addMember } from './commands/add-member';
import { closeChannel } from './commands/close-channel';
import { createChannel } from './commands/create-channel';
import { markRead } from './commands/mark-read';
import { removeMember } from './commands/remove-member';
import {
  syncHotlines,
  syncStandingChannels,
  syncWorkingGroupChannels,
} from './commands/sync-directory-channels';
import { searchMessages } from './message-search.queries';
import { type ChannelsRouteOptions, messagesRoutes } from './messages.routes';

const errors = errorResponses;
const tags = ['channels'];

/** Thin: validate, identify the caller, run the command or query, present. Messages: messages.routes.ts. */
export async function channelsRoutes(app: FastifyInstance, options: ChannelsRouteOptions) {
  const { channels: ctx, directory } = options;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const caller = callerResolver((id) => directory.actorOf(id));
  const scheme = ctx.deployment.scheme;
  const detailOf = async (who: Caller, id: string) => {
    const detail = await channelDetail(ctx, who, id);
    return presentChannelDetail(scheme, detail, actionsOf(who, detail.row));
  };

  r.get(
    '/api/channels',
    {
      schema: {
        tags,
        summary: 'The channels the caller is a member of and may see, with unread messages and mentions',
        response: { 200: z.array(channelSchema), ...errors },
      },
    },
    async (request) => {
      const who = await caller(request);
      return (await listChannels(ctx, who)).map((row) => presentChannel(scheme, row, actionsOf(who, row)));
    },
  );

  r.post(
    '/api/channels',
    {
      schema: {
        tags,
        summary:
          'Open a channel: standing, request, working_group; crisis and hotline by the coordinator only. Every member must be cleared for its marking',
        body: createChannelSchema,
        response: { 201: channelDetailSchema, ...errors },
      },
    },
    async (request, reply) => {
      const who = await caller(request);
      const id = await createChannel(ctx, who, request.body);
      reply.status(201).header('location', `/api/channels/${id}`);
      return detailOf(who, id);
    },
  );

  // The channels the directory calls for; run again, each opens what is missing and adds who joined.
  const again = 'again: open what is missing, add who joined (administrators, coordinators)';
  for (const [path, summary, sync] of [
    [
      '/api/channels/standing',
      'Open the standing channel of every pair of counterpart desks, with who staffs them',
      (who: Caller) => syncStandingChannels(ctx, who),
    ],
    [
      '/api/channels/hotlines',
      "Open the hotline between the coordinator and each party's leadership (its supervisors and the coordinator's coordinators)",
      (who: Caller) => syncHotlines(ctx, who),
    ],
    [
      '/api/channels/working-groups',
      "Open the channel of each working group of the directory, with the group's members",
      (who: Caller) => syncWorkingGroupChannels(ctx, who),
    ],
  ] as const)
    r.post(
      path,
      { schema: { tags, summary: `${summary}; ${again}`, response: { 200: syncResultSchema, ...errors } } },
      async (request) => sync(await caller(request)),
    );

  r.get(
    '/api/channels/search',
    {
      schema: {
        tags,
        summary:
          'Full-text search (English, Arabic, Hebrew) over the messages the caller may read in their channels',
        querystring: searchMessagesQuerySchema,
        response: { 200: z.object({ hits: z.array(messageHitSchema) }), ...errors },
      },
    },
    async (request) => {
      const hits = await searchMessages(ctx, await caller(request), request.query);
      return { hits: hits.map((hit) => presentMessageHit(scheme, hit)) };
    },
  );

  r.get(
    '/api/channels/:id',
    {
      schema: {
        tags,
        summary: 'One channel with its members (404 unless the caller is a member cleared for it)',
        params: idParams,
        response: { 200: channelDetailSchema, ...errors },
      },
    },
    async (request) => detailOf(await caller(request), request.params.id),
  );

  r.post(
    '/api/channels/:id/members',
    {
      schema: {
        tags,
        summary: 'Add a member (who must be cleared for the channel marking)',
        params: idParams,
        body: addMemberSchema,
        response: { 200: channelDetailSchema, ...errors },
      },
    },
    async (request) => {
      const who = await caller(request);
      await addMember(ctx, who, request.params.id, request.body.userId);
      return detailOf(who, request.params.id);
    },
  );

  r.delete(
    '/api/channels/:id/members/:userId',
    {
      schema: {
        tags,
        summary: 'Remove a member (or leave): they stop receiving at once',
        params: channelMemberParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const who = await caller(request);
      await removeMember(ctx, who, request.params.id, request.params.userId);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/channels/:id/presence',
    {
      schema: {
        tags,
        summary: 'Who of the members is online (a live connection to any instance) and on duty now',
        params: idParams,
        response: { 200: presenceSchema, ...errors },
      },
    },
    async (request) =>
      (await presenceOf(ctx, await caller(request), request.params.id)).map(({ member, online, onDuty }) => ({
        ...presentPerson(member),
        online,
        onDuty,
      })),
  );

  r.post(
    '/api/channels/:id/close',
    {
      schema: {
        tags,
        summary: 'Close a crisis room: it becomes read-only',
        params: idParams,
        response: { 200: channelDetailSchema, ...errors },
      },
    },
    async (request) => {
      const who = await caller(request);
      await closeChannel(ctx, who, request.params.id);
      return detailOf(who, request.params.id);
    },
  );

  r.post(
    '/api/channels/:id/read',
    {
      schema: {
        tags,
        summary: 'Move your read position to `seq`: the unread count and mentions are counted after it',
        params: idParams,
        body: readPositionSchema,
        response: { 200: channelSchema, ...errors },
      },
    },
    async (request) => {
      const who = await caller(request);
      await markRead(ctx, who, request.params.id, request.body.seq);
      const row = await channelSummary(ctx, who, request.params.id);
      return presentChannel(scheme, row, actionsOf(who, row));
    },
  );

  await messagesRoutes(app, options);
}
