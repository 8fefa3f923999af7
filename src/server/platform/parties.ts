import type { Db, Tx } from './db/database';

/** Facts about the parties that several modules' rules need (who brokers, who is a party). */

export async function coordinatorParties(q: Db | Tx): Promise<string[]> {
  const rows = await q.selectFrom('parties').select('code').where('kind', '=', 'coordinator').execute();
  return rows.map((row) => row.code);
}

export async function partyKind(q: Db | Tx, code: string): Promise<'coordinator' | 'party' | null> {
  const row = await q.selectFrom('parties').select('kind').where('code', '=', code).executeTakeFirst();
  return row?.kind ?? null;
}
