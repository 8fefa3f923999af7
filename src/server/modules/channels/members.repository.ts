import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/db/database';
import type { Queryable } from './channels.repository';

/** Kysely queries on channel membership (channel_members). */
export class MembersRepository {
  constructor(private readonly db: Db) {}

  membership(channelId: string, userId: string, q: Queryable = this.db) {
    return q
      .selectFrom('channel_members')
      .selectAll()
      .where('channel_id', '=', channelId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
  }

  /** The channel's members with their read positions. */
  memberRows(channelId: string, q: Queryable = this.db) {
    return q
      .selectFrom('channel_members')
      .select(['user_id', 'last_read_seq'])
      .where('channel_id', '=', channelId)
      .execute();
  }

  async memberIds(channelId: string, q: Queryable = this.db): Promise<string[]> {
    return (await this.memberRows(channelId, q)).map((row) => row.user_id);
  }

  async addMembers(tx: Tx, channelId: string, userIds: readonly string[], addedBy: string, at: Date) {
    if (userIds.length === 0) return;
    await tx
      .insertInto('channel_members')
      .values(
        userIds.map((userId) => ({
          channel_id: channelId,
          user_id: userId,
          added_by: addedBy,
          added_at: at,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  async removeMember(tx: Tx, channelId: string, userId: string): Promise<boolean> {
    const result = await tx
      .deleteFrom('channel_members')
      .where('channel_id', '=', channelId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async setReadPosition(q: Queryable, channelId: string, userId: string, seq: number) {
    await q
      .updateTable('channel_members')
      .set({ last_read_seq: sql`greatest(last_read_seq, ${seq})` })
      .where('channel_id', '=', channelId)
      .where('user_id', '=', userId)
      .execute();
  }

  /** Everyone who shares a channel with `userId`, themselves included: who sees their presence. */
  async fellowMemberIds(userId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('channel_members as mine')
      .innerJoin('channel_members as other', 'other.channel_id', 'mine.channel_id')
      .select('other.user_id')
      .distinct()
      .where('mine.user_id', '=', userId)
      .execute();
    return rows.map((row) => row.user_id);
  }
}
