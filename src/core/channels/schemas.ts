import { z } from 'zod';
import { markingInputSchema, markingViewSchema } from '../directory/schemas';
import { CHANNEL_KINDS, CHANNEL_STATUSES } from './rules';

/** Payloads of the channels API (issue #5), shared by the server (validation, OpenAPI) and the web client. */

const idSchema = z.uuid('Must be an id (uuid)');
const seqSchema = z.coerce
  .number()
  .int('A sequence number is a whole number')
  .min(0)
  .max(Number.MAX_SAFE_INTEGER);

// ---- writing
export const createChannelSchema = z.strictObject({
  kind: z.enum(CHANNEL_KINDS, { error: `Kind is one of: ${CHANNEL_KINDS.join(', ')}` }),
  name: z.string().trim().min(1, 'Name the channel').max(200, 'A name is at most 200 characters'),
  /** Users to add besides the creator (who is always a member). */
  memberIds: z.array(idSchema).max(500, 'At most 500 members at once').default([]),
  /** By default: the lowest level, for the parties of the creator and the members. */
  marking: markingInputSchema.optional(),
});
export type CreateChannelInput = z.input<typeof createChannelSchema>;

export const addMemberSchema = z.strictObject({ userId: idSchema });

export const channelMemberParams = z.object({ id: idSchema, userId: idSchema });
export const channelMessageParams = z.object({
  id: idSchema,
  seq: z.coerce.number().int('Not a sequence number').min(1, 'Not a sequence number'),
});

/** Chosen by the client once per message and sent again with every retry: the message is posted once. */
export const idempotencyKeySchema = z
  .string()
  .min(8, 'An idempotency key has at least 8 characters')
  .max(100, 'An idempotency key has at most 100 characters');

export const postMessageSchema = z.strictObject({
  body: z
    .string()
    .trim()
    .min(1, 'The message is empty')
    .max(20_000, 'A message is at most 20,000 characters'),
  urgent: z.boolean().default(false),
  idempotencyKey: idempotencyKeySchema,
  /** The sequence number of the message this answers. */
  replyTo: z.number().int().min(1).optional(),
  /** Only to mark a message higher than its channel: it never goes lower. */
  marking: markingInputSchema.optional(),
});
export type PostMessageInput = z.input<typeof postMessageSchema>;

export const editMessageSchema = z.strictObject({
  body: z
    .string()
    .trim()
    .min(1, 'The message is empty')
    .max(20_000, 'A message is at most 20,000 characters'),
});

export const readPositionSchema = z.strictObject({ seq: z.number().int().min(0) });

export const listMessagesQuerySchema = z.strictObject({
  /** Messages after this sequence number (0: from the start). */
  after: seqSchema.default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

// ---- reading
const personSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  party: z.string().nullable(),
});

export const channelSchema = z.object({
  id: z.string(),
  kind: z.enum(CHANNEL_KINDS),
  name: z.string(),
  status: z.enum(CHANNEL_STATUSES),
  /** For a request's thread: the request (its page shows the thread to everyone who may read it). */
  requestId: z.string().nullable(),
  marking: markingViewSchema,
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  /** The newest sequence number of the channel (some may be above the caller's clearance). */
  lastSeq: z.number(),
  /** The caller's read position. */
  lastReadSeq: z.number(),
  /** Messages after the read position the caller may read, not their own. */
  unread: z.number(),
  /** Of those, the ones that mention the caller. */
  mentions: z.number(),
  memberCount: z.number(),
  actions: z.object({
    post: z.boolean(),
    addMember: z.boolean(),
    removeMember: z.boolean(),
    close: z.boolean(),
  }),
});
export type ChannelDto = z.infer<typeof channelSchema>;

export const channelDetailSchema = channelSchema.extend({ members: z.array(personSchema) });
export type ChannelDetail = z.infer<typeof channelDetailSchema>;

export const acknowledgementsSchema = z.object({
  acknowledged: z.array(personSchema.extend({ at: z.string() })),
  pending: z.array(personSchema),
});

export const messageAttachmentSchema = z.object({
  id: z.string(),
  filename: z.string(),
  /** Sniffed from the content when it was uploaded. */
  mediaType: z.string(),
  size: z.number(),
  sha256: z.string(),
});

export const attachmentUploadQuerySchema = z.strictObject({
  filename: z
    .string({ error: 'Name the file: ?filename=report.pdf' })
    .trim()
    .min(1, 'The file name is empty')
    .max(200),
});
export const channelAttachmentParams = channelMessageParams.extend({ attachmentId: idSchema });

export const messageSchema = z.object({
  id: z.string(),
  channelId: z.string(),
  seq: z.number(),
  author: personSchema,
  /** Null for a deleted message (the tombstone). */
  body: z.string().nullable(),
  urgent: z.boolean(),
  replyTo: z.number().nullable(),
  marking: markingViewSchema,
  mentions: z.array(z.string()),
  /** Files attached by the author; download each at …/messages/{seq}/attachments/{id}. */
  attachments: z.array(messageAttachmentSchema),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  deletedAt: z.string().nullable(),
  acknowledgedByMe: z.boolean(),
  /** For the author of an urgent message: who has and who has not acknowledged. Null otherwise. */
  acknowledgements: acknowledgementsSchema.nullable(),
  /** What the caller may do with the message now (the rules the server enforces). */
  actions: z.object({
    edit: z.boolean(),
    delete: z.boolean(),
    attach: z.boolean(),
    acknowledge: z.boolean(),
    /** Share it as information: its author, in a working group's channel, once. */
    share: z.boolean(),
  }),
  /** When its author shared it as information (counted on the exchange ledger); null when not. */
  sharedAt: z.string().nullable(),
});
export type MessageDto = z.infer<typeof messageSchema>;

export const messagePageSchema = z.object({
  items: z.array(messageSchema),
  /** The channel's newest sequence number: ask again with `after` = the last item's seq while below it. */
  lastSeq: z.number(),
});

export const messageVersionSchema = z.object({
  body: z.string(),
  writtenAt: z.string(),
  replacedAt: z.string().nullable(),
});
export const messageHistorySchema = z.array(messageVersionSchema);

export const searchMessagesQuerySchema = z.strictObject({
  q: z.string({ error: 'Say what to search for: ?q=' }).trim().min(1, 'Say what to search for').max(200),
  /** Only in this channel (404 unless the caller is a member cleared for it). */
  channelId: idSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const messageHitSchema = z.object({
  channelId: z.string(),
  channelName: z.string(),
  channelKind: z.enum(CHANNEL_KINDS),
  seq: z.number(),
  author: personSchema,
  createdAt: z.string(),
  marking: markingViewSchema,
  /** A few words around the match; `highlights` are [start, end) offsets of the matched words. */
  snippet: z.string(),
  highlights: z.array(z.tuple([z.number(), z.number()])),
  rank: z.number(),
});
export type MessageHit = z.infer<typeof messageHitSchema>;

/** What opening the channels the directory calls for did. */
export const syncResultSchema = z.object({ created: z.number(), membersAdded: z.number() });
export type SyncResult = z.infer<typeof syncResultSchema>;

export const presenceSchema = z.array(personSchema.extend({ online: z.boolean(), onDuty: z.boolean() }));
