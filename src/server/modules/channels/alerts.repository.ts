import type { Db, Tx } from '../../platform/db/database';
import type { Queryable } from './channels.repository';

/** Kysely queries on the re-alert timers of urgent messages (channel_alerts). */
export class AlertsRepository {
  scheduleAlert(tx: Tx, messageId: string, dueAt: Date) {
    return tx.insertInto('channel_alerts').values({ message_id: messageId, due_at: dueAt }).execute();
  }

  /** One due timer, locked until the transaction ends; another instance skips it. */
  claimDueAlert(tx: Tx, now: Date) {
    return tx
      .selectFrom('channel_alerts')
      .selectAll()
      .where('fired_at', 'is', null)
      .where('due_at', '<=', now)
      .orderBy('due_at')
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
  }

  finishAlert(tx: Tx, id: string, at: Date, outcome: string) {
    return tx.updateTable('channel_alerts').set({ fired_at: at, outcome }).where('id', '=', id).execute();
  }
}

/** Kysely queries on who was last seen on a live connection (user_presence). */
export class PresenceRepository {
  constructor(private readonly db: Db) {}

  async seen(userIds: readonly string[], at: Date, q: Queryable = this.db) {
    if (userIds.length === 0) return;
    await q
      .insertInto('user_presence')
      .values(userIds.map((userId) => ({ user_id: userId, last_seen_at: at })))
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ last_seen_at: at }))
      .execute();
  }

  /** The user's last connection here closed: not seen any more (another instance still holding one says so at its next heartbeat). */
  async unseen(tx: Tx, userId: string) {
    await tx
      .updateTable('user_presence')
      .set({ last_seen_at: new Date(0) })
      .where('user_id', '=', userId)
      .execute();
  }

  /** Of `userIds`, those seen on a live connection since `since`. */
  async seenSince(userIds: readonly string[], since: Date): Promise<string[]> {
    if (userIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('user_presence')
      .select('user_id')
      .where('user_id', 'in', [...userIds])
      .where('last_seen_at', '>=', since)
      .execute();
    return rows.map((row) => row.user_id);
  }
}
