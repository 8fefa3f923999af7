import type { Db, Tx } from '../../platform/db/database';

/** The channel opened from the directory under `key` (e.g. a working group's, `group:<id>`), if there is one. */
export async function directoryChannelId(q: Db | Tx, key: string): Promise<string | null> {
  const row = await q.selectFrom('channels').select('id').where('directory_key', '=', key).executeTakeFirst();
  return row?.id ?? null;
}
