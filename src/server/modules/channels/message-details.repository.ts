import type { Insertable } from 'kysely';
import type { Db, Tx } from '../../platform/db/database';
import type { ChannelAttachmentsTable } from '../../platform/db/schema';

/** Kysely queries on what hangs off a message: mentions, acknowledgements and attached files. */
export class MessageDetailsRepository {
  constructor(private readonly db: Db) {}

  async mentionsOf(messageIds: readonly string[]) {
    if (messageIds.length === 0) return [];
    return this.db
      .selectFrom('channel_mentions')
      .select(['message_id', 'user_id'])
      .where('message_id', 'in', [...messageIds])
      .execute();
  }

  async addMentions(tx: Tx, messageId: string, userIds: readonly string[]) {
    if (userIds.length === 0) return;
    await tx
      .insertInto('channel_mentions')
      .values(userIds.map((userId) => ({ message_id: messageId, user_id: userId })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  acknowledgements(messageIds: readonly string[]) {
    if (messageIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('channel_acknowledgements')
      .select(['message_id', 'user_id', 'acknowledged_at'])
      .where('message_id', 'in', [...messageIds])
      .orderBy('acknowledged_at')
      .execute();
  }

  /** True when this is the user's first acknowledgement of the message. */
  async acknowledge(tx: Tx, messageId: string, userId: string, at: Date): Promise<boolean> {
    const rows = await tx
      .insertInto('channel_acknowledgements')
      .values({ message_id: messageId, user_id: userId, acknowledged_at: at })
      .onConflict((oc) => oc.doNothing())
      .returning('user_id')
      .execute();
    return rows.length > 0;
  }

  async acknowledgedBy(tx: Tx, messageId: string): Promise<string[]> {
    const rows = await tx
      .selectFrom('channel_acknowledgements')
      .select('user_id')
      .where('message_id', '=', messageId)
      .execute();
    return rows.map((row) => row.user_id);
  }

  insertAttachment(tx: Tx, file: Insertable<ChannelAttachmentsTable>) {
    return tx.insertInto('channel_attachments').values(file).returning(['id']).executeTakeFirstOrThrow();
  }

  /** What the message views list: no content. */
  attachmentsOf(messageIds: readonly string[]) {
    if (messageIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('channel_attachments')
      .select(['id', 'message_id', 'filename', 'media_type', 'size', 'sha256', 'created_at'])
      .where('message_id', 'in', [...messageIds])
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }

  attachmentContent(messageId: string, attachmentId: string) {
    return this.db
      .selectFrom('channel_attachments')
      .select(['filename', 'media_type', 'content'])
      .where('message_id', '=', messageId)
      .where('id', '=', attachmentId)
      .executeTakeFirst();
  }
}

export type AttachmentRow = Awaited<ReturnType<MessageDetailsRepository['attachmentsOf']>>[number];
