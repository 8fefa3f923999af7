import { type SqlBool, sql } from 'kysely';
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

/** The party's supervisors who may sign in: those told when something needs a supervisor. */
export async function supervisorsOf(q: Db | Tx, partyCode: string): Promise<string[]> {
  const rows = await q
    .selectFrom('users as u')
    .innerJoin('parties as p', 'p.id', 'u.party_id')
    .select('u.id')
    .where('p.code', '=', partyCode)
    .where(sql<SqlBool>`'supervisor' = any(u.roles)`)
    .where('u.disabled_at', 'is', null)
    .execute();
  return rows.map((row) => row.id);
}

/** Every party's code. */
export async function knownPartyCodes(q: Db | Tx): Promise<Set<string>> {
  return new Set((await q.selectFrom('parties').select('code').execute()).map((party) => party.code));
}

/** Of `codes`, those that name a need-to-know group. */
export async function knownGroupCodes(q: Db | Tx, codes: readonly string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await q.selectFrom('groups').select('code').where('code', 'in', codes).execute();
  return new Set(rows.map((group) => group.code));
}
