import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  attachmentUploadQuerySchema,
  channelAttachmentParams,
  channelMessageParams,
  editMessageSchema,
  listMessagesQuerySchema,
  messageHistorySchema,
  messagePageSchema,
  messageSchema,
  postMessageSchema,
} from '../../../core/channels/schemas';
import { ATTACHMENT_MAX_BYTES } from '../../../core/requests/attachments';
import { fileUploadRoutes, sendFile, uploadedBytes } from '../../platform/attachments';
import { callerResolver } from '../../platform/auth';
import type { Caller } from '../../platform/caller';
import { problemSchema } from '../../platform/problem';
import { errorResponses, idParams } from '../../platform/route-schemas';
import type { DirectoryService } from '../directory/directory.service';
import type { ChannelsContext } from './channels.context';
import { presentMessage } from './channels.presenter';
import { acknowledgeMessage } from './commands/acknowledge-message';
import { attachFile } from './commands/attach-file';
import { deleteMessage } from './commands/delete-message';
import { editMessage } from './commands/edit-message';
import { postMessage } from './commands/post-message';
import { shareMessage } from './commands/share-message';
import { attachmentOf, findMessage, listMessages, messageHistory, readMessage } from './messages.queries';

const errors = errorResponses;
const tags = ['channels'];

export interface ChannelsRouteOptions {
  /** The channels module's context (see channels.module.ts). */
  channels: ChannelsContext;
  directory: Pick<DirectoryService, 'actorOf'>;
}

/** The messages of a channel. Thin: validate, identify the caller, run the command or query, present. */
export async function messagesRoutes(
  app: FastifyInstance,
  { channels: ctx, directory }: ChannelsRouteOptions,
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const caller = callerResolver((id) => directory.actorOf(id));
  const scheme = ctx.deployment.scheme;
  const messageOf = async (who: Caller, id: string, seq: number) =>
    presentMessage(scheme, await findMessage(ctx, who, id, seq));

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
      const page = await listMessages(ctx, who, request.params.id, request.query);
      return {
        items: page.items.map((view) => presentMessage(scheme, view)),
        lastSeq: page.lastSeq,
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
      const { seq, created } = await postMessage(ctx, who, request.params.id, request.body);
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
        await readMessage(ctx, await caller(request), request.params.id, request.params.seq),
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
      await editMessage(ctx, who, request.params.id, request.params.seq, request.body.body);
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
      await deleteMessage(ctx, who, request.params.id, request.params.seq);
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
      const versions = await messageHistory(
        ctx,
        await caller(request),
        request.params.id,
        request.params.seq,
      );
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
      await acknowledgeMessage(ctx, who, request.params.id, request.params.seq);
      return messageOf(who, request.params.id, request.params.seq);
    },
  );

  r.post(
    '/api/channels/:id/messages/:seq/share',
    {
      schema: {
        tags,
        summary:
          "Share your message of a working group's channel as information, once: the exchange ledger counts it from your party to each other party of the group",
        params: channelMessageParams,
        response: { 200: messageSchema, ...errors },
      },
    },
    async (request) => {
      const who = await caller(request);
      await shareMessage(ctx, who, request.params.id, request.params.seq);
      return messageOf(who, request.params.id, request.params.seq);
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
      const file = await attachmentOf(ctx, who, id, seq, attachmentId);
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
        await attachFile(ctx, who, request.params.id, request.params.seq, {
          filename: request.query.filename,
          bytes,
        });
        reply.status(201);
        return messageOf(who, request.params.id, request.params.seq);
      },
    );
  });
}
