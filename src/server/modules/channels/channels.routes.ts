import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ChannelKind } from '../../../core/channels/rules';
import {
  addMemberSchema,
  attachmentUploadQuerySchema,
  channelAttachmentParams,
  channelDetailSchema,
  channelMemberParams,
  channelMessageParams,
  channelSchema,
  createChannelSchema,
  editMessageSchema,
  listMessagesQuerySchema,
  messageHistorySchema,
  messageHitSchema,
  messagePageSchema,
  messageSchema,
  postMessageSchema,
  presenceSchema,
  readPositionSchema,
  searchMessagesQuerySchema,
  syncResultSchema,
} from '../../../core/channels/schemas';
import { ATTACHMENT_MAX_BYTES } from '../../../core/requests/attachments';
import { fileUploadRoutes, sendFile, uploadedBytes } from '../../platform/attachments';
import { callerResolver } from '../../platform/auth';
import type { Caller } from '../../platform/caller';
import { markingOfRow, presentMarking } from '../../platform/marked-records';
import { problemSchema } from '../../platform/problem';
import { errorResponses, idParams } from '../../platform/route-schemas';
import type { DirectoryService } from '../directory/directory.service';
import { presentChannel, presentChannelDetail, presentMessage, presentPerson } from './channels.presenter';
import type { ChannelsService } from './channels.service';
import type { DirectoryChannels } from './directory-channels.service';

const errors = errorResponses;
const tags = ['channels'];

export interface ChannelsRouteOptions {
  channels: ChannelsService;
  directoryChannels: DirectoryChannels;
  directory: DirectoryService;
}

/** Thin: validate, identify the caller, hand to the service, present. */
export async function channelsRoutes(
  app: FastifyInstance,
  { channels, directoryChannels, directory }: ChannelsRouteOptions,
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const caller = callerResolver((id) => directory.actorOf(id));
  const scheme = channels.deployment.scheme;
  const detailOf = async (who: Caller, id: string) => {
    const detail = await channels.detail(who, id);
    return presentChannelDetail(scheme, detail, channels.actionsOf(who, detail.row));
  };
  const messageOf = async (who: Caller, id: string, seq: number) =>
    presentMessage(scheme, await channels.message(who, id, seq));

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

  // The channels the directory calls for; run again, each opens what is missing and adds who joined.
  const again = 'again: open what is missing, add who joined (administrators, coordinators)';
  for (const [path, summary, sync] of [
    [
      '/api/channels/standing',
      'Open the standing channel of every pair of counterpart desks, with who staffs them',
      (who: Caller) => directoryChannels.syncStanding(who),
    ],
    [
      '/api/channels/hotlines',
      "Open the hotline between the coordinator and each party's leadership (its supervisors and the coordinator's coordinators)",
      (who: Caller) => directoryChannels.syncHotlines(who),
    ],
    [
      '/api/channels/working-groups',
      "Open the channel of each working group of the directory, with the group's members",
      (who: Caller) => directoryChannels.syncWorkingGroups(who),
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
      const hits = await channels.search(await caller(request), request.query);
      return {
        hits: hits.map(({ row, snippet, highlights }) => ({
          channelId: row.channel_id,
          channelName: row.channel_name,
          channelKind: row.channel_kind as ChannelKind,
          seq: Number(row.seq),
          author: presentPerson({
            id: row.author_id,
            username: row.author_username,
            display_name: row.author_name,
            party: row.author_party,
          }),
          createdAt: row.created_at.toISOString(),
          marking: presentMarking(scheme, markingOfRow(row)),
          snippet,
          highlights,
          rank: Number(row.rank),
        })),
      };
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
      (await channels.presence(await caller(request), request.params.id)).map(
        ({ member, online, onDuty }) => ({
          ...presentPerson(member),
          online,
          onDuty,
        }),
      ),
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

  r.get(
    '/api/channels/:id/messages',
    {
      schema: {
        tags,
        summary:
          'Messages after `after` (a sequence number), oldest first, those the caller may read: catch up after a reconnect',
        params: idParams,
        querystring: listMessagesQuerySchema,
        response: { 200: messagePageSchema, ...errors },
      },
    },
    async (request) => {
      const who = await caller(request);
      const page = await channels.messages(who, request.params.id, request.query);
      return {
        items: page.items.map((view) => presentMessage(scheme, view)),
        lastSeq: Number(page.row.last_seq),
      };
    },
  );

  r.post(
    '/api/channels/:id/messages',
    {
      schema: {
        tags,
        summary:
          'Post a message (201); the same idempotencyKey again answers the message already posted (200) and posts nothing',
        params: idParams,
        body: postMessageSchema,
        response: { 200: messageSchema, 201: messageSchema, ...errors },
      },
    },
    async (request, reply) => {
      const who = await caller(request);
      const { seq, created } = await channels.post(who, request.params.id, request.body);
      reply
        .status(created ? 201 : 200)
        .header('location', `/api/channels/${request.params.id}/messages/${seq}`);
      return messageOf(who, request.params.id, seq);
    },
  );

  r.get(
    '/api/channels/:id/messages/:seq',
    {
      schema: {
        tags,
        summary: 'One message (404 unless the caller may read it)',
        params: channelMessageParams,
        response: { 200: messageSchema, ...errors },
      },
    },
    async (request) =>
      presentMessage(
        scheme,
        await channels.read(await caller(request), request.params.id, request.params.seq),
      ),
  );

  r.patch(
    '/api/channels/:id/messages/:seq',
    {
      schema: {
        tags,
        summary: 'Edit your message; the earlier text is kept in its history',
        params: channelMessageParams,
        body: editMessageSchema,
        response: { 200: messageSchema, ...errors },
      },
    },
    async (request) => {
      const who = await caller(request);
      await channels.edit(who, request.params.id, request.params.seq, request.body.body);
      return messageOf(who, request.params.id, request.params.seq);
    },
  );

  r.delete(
    '/api/channels/:id/messages/:seq',
    {
      schema: {
        tags,
        summary: 'Delete your message: a tombstone keeps its place',
        params: channelMessageParams,
        response: { 200: messageSchema, ...errors },
      },
    },
    async (request) => {
      const who = await caller(request);
      await channels.remove(who, request.params.id, request.params.seq);
      return messageOf(who, request.params.id, request.params.seq);
    },
  );

  r.get(
    '/api/channels/:id/messages/:seq/history',
    {
      schema: {
        tags,
        summary: 'Every version of a message, oldest first',
        params: channelMessageParams,
        response: { 200: messageHistorySchema, ...errors },
      },
    },
    async (request) => {
      const versions = await channels.history(await caller(request), request.params.id, request.params.seq);
      return versions.map((version) => ({
        body: version.body,
        writtenAt: version.writtenAt.toISOString(),
        replacedAt: version.replacedAt?.toISOString() ?? null,
      }));
    },
  );

  r.post(
    '/api/channels/:id/messages/:seq/acknowledgements',
    {
      schema: {
        tags,
        summary: 'Acknowledge an urgent message (again is harmless); its re-alerts to you stop',
        params: channelMessageParams,
        response: { 200: messageSchema, ...errors },
      },
    },
    async (request) => {
      const who = await caller(request);
      await channels.acknowledge(who, request.params.id, request.params.seq);
      return messageOf(who, request.params.id, request.params.seq);
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
      await channels.markRead(who, request.params.id, request.body.seq);
      const row = await channels.summary(who, request.params.id);
      return presentChannel(scheme, row, channels.actionsOf(who, row));
    },
  );

  // Outside the JSON type provider: the answer is the file's bytes, sent as they are.
  app.get<{ Params: { id: string; seq: number; attachmentId: string } }>(
    '/api/channels/:id/messages/:seq/attachments/:attachmentId',
    {
      schema: {
        tags,
        summary: 'Download a file of a message the caller may read (its type is the one sniffed at upload)',
        params: channelAttachmentParams,
      },
    },
    async (request, reply) => {
      const who = await caller(request);
      const { id, seq, attachmentId } = request.params;
      const file = await channels.attachment(who, id, seq, attachmentId);
      return sendFile(reply, file);
    },
  );

  // Uploads are the file's bytes as the body, whatever its Content-Type: the server decides the type from the content.
  await fileUploadRoutes(app, (uploads) => {
    uploads.withTypeProvider<ZodTypeProvider>().post(
      '/api/channels/:id/messages/:seq/attachments',
      {
        bodyLimit: ATTACHMENT_MAX_BYTES,
        schema: {
          tags,
          summary: 'Attach a file to your message: the body is the file, `?filename=` names it',
          params: channelMessageParams,
          querystring: attachmentUploadQuerySchema,
          response: { 201: messageSchema, 413: problemSchema, 415: problemSchema, ...errors },
        },
      },
      async (request, reply) => {
        const who = await caller(request);
        const bytes = uploadedBytes(request.body);
        await channels.attach(who, request.params.id, request.params.seq, {
          filename: request.query.filename,
          bytes,
        });
        reply.status(201);
        return messageOf(who, request.params.id, request.params.seq);
      },
    );
  });
}
