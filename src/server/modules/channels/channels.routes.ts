import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  addMemberSchema,
  channelDetailSchema,
  channelMemberParams,
  channelSchema,
  createChannelSchema,
} from '../../../core/channels/schemas';
import { type Caller, callerResolver } from '../../platform/caller';
import { errorResponses, idParams } from '../../platform/route-schemas';
import type { DirectoryService } from '../directory/directory.service';
import { presentChannel, presentChannelDetail } from './channels.presenter';
import type { ChannelsService } from './channels.service';

const errors = errorResponses;
const tags = ['channels'];

export interface ChannelsRouteOptions {
  channels: ChannelsService;
  directory: DirectoryService;
}

/** Thin: validate, identify the caller, hand to the service, present. */
export async function channelsRoutes(app: FastifyInstance, { channels, directory }: ChannelsRouteOptions) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const caller = callerResolver((id) => directory.actorOf(id));
  const scheme = channels.deployment.scheme;
  const detailOf = async (who: Caller, id: string) => {
    const detail = await channels.detail(who, id);
    return presentChannelDetail(scheme, detail, channels.actionsOf(who, detail.row));
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
      return (await channels.list(who)).map((row) =>
        presentChannel(scheme, row, channels.actionsOf(who, row)),
      );
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
      const id = await channels.create(who, request.body);
      reply.status(201).header('location', `/api/channels/${id}`);
      return detailOf(who, id);
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
      await channels.addMember(who, request.params.id, request.body.userId);
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
      await channels.removeMember(who, request.params.id, request.params.userId);
      return reply.status(204).send(null);
    },
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
      await channels.close(who, request.params.id);
      return detailOf(who, request.params.id);
    },
  );
}
