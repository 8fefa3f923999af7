import { type Insertable, sql, type Updateable } from 'kysely';
import type { Db } from '../../platform/db/database';
import type { Database, PartyRow, UserRow } from '../../platform/db/schema';

export type PartyOfUser = Pick<PartyRow, 'id' | 'code' | 'kind' | 'name_en' | 'name_ar' | 'name_he'>;
export type UserWithParty = UserRow & { party: PartyOfUser | null };

/** Kysely queries for users, parties, sessions, API tokens and sign-in throttling. No policy here. */
export class IdentityRepository {
  constructor(private readonly db: Db) {}

  /** Who sees an account's audit entries: its own party and the coordinator. */
  async partiesSeeingAccount(partyId: string | null): Promise<string[]> {
    const parties = await this.db
      .selectFrom('parties')
      .select('code')
      .where((eb) => eb.or([eb('kind', '=', 'coordinator'), eb('id', '=', partyId)]))
      .execute();
    return parties.map((party) => party.code).sort();
  }

  /** Users with their party in one query: this runs on every authenticated request. */
  private usersWithParty() {
    return this.db
      .selectFrom('users')
      .leftJoin('parties', 'parties.id', 'users.party_id')
      .selectAll('users')
      .select([
        'parties.code as party_code',
        'parties.kind as party_kind',
        'parties.name_en as party_name_en',
        'parties.name_ar as party_name_ar',
        'parties.name_he as party_name_he',
      ]);
  }

  private static withParty(row: UserRow & Record<`party_${string}`, string | null>): UserWithParty {
    const { party_code, party_kind, party_name_en, party_name_ar, party_name_he, ...user } = row;
    const party =
      user.party_id && party_code
        ? {
            id: user.party_id,
            code: party_code,
            kind: party_kind as PartyRow['kind'],
            name_en: party_name_en ?? '',
            name_ar: party_name_ar ?? '',
            name_he: party_name_he ?? '',
          }
        : null;
    return { ...(user as UserRow), party };
  }

  async findUserByUsername(username: string): Promise<UserWithParty | undefined> {
    const row = await this.usersWithParty()
      .where('users.username', '=', username.trim().toLowerCase())
      .executeTakeFirst();
    return row && IdentityRepository.withParty(row);
  }

  async findUserById(id: string): Promise<UserWithParty | undefined> {
    const row = await this.usersWithParty().where('users.id', '=', id).executeTakeFirst();
    return row && IdentityRepository.withParty(row);
  }

  async listUsers(): Promise<UserWithParty[]> {
    const rows = await this.usersWithParty().orderBy('users.username').execute();
    return rows.map((row) => IdentityRepository.withParty(row));
  }

  insertUser(values: Insertable<Database['users']>) {
    return this.db.insertInto('users').values(values).returning('id').executeTakeFirstOrThrow();
  }

  updateUser(id: string, values: Updateable<Database['users']>) {
    return this.db.updateTable('users').set(values).where('id', '=', id).execute();
  }

  findPartyByCode(code: string) {
    return this.db.selectFrom('parties').selectAll().where('code', '=', code).executeTakeFirst();
  }

  insertParty(values: Insertable<Database['parties']>) {
    return this.db.insertInto('parties').values(values).returning('id').executeTakeFirstOrThrow();
  }

  async countUsers(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select(sql<number>`count(*)::int`.as('count'))
      .executeTakeFirstOrThrow();
    return row.count;
  }

  // Sessions

  insertSession(values: Insertable<Database['sessions']>) {
    return this.db.insertInto('sessions').values(values).returning('id').executeTakeFirstOrThrow();
  }

  findSessionByTokenHash(tokenHash: string) {
    return this.db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  }

  findSessionById(id: string) {
    return this.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  touchSession(id: string, at: Date) {
    return this.db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
  }

  revokeSession(id: string, at: Date) {
    return this.db
      .updateTable('sessions')
      .set({ revoked_at: at })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
  }

  /** Ends every session of the user, but `except` (the caller's own, where it stays signed in). */
  revokeSessionsOfUser(userId: string, at: Date, except: string | null = null) {
    let query = this.db
      .updateTable('sessions')
      .set({ revoked_at: at })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null);
    if (except) query = query.where('id', '<>', except);
    return query.execute();
  }

  revokeApiTokensOfUser(userId: string, at: Date) {
    return this.db
      .updateTable('api_tokens')
      .set({ revoked_at: at })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .execute();
  }

  // API tokens

  insertApiToken(values: Insertable<Database['api_tokens']>) {
    return this.db.insertInto('api_tokens').values(values).returningAll().executeTakeFirstOrThrow();
  }

  findApiTokenByHash(tokenHash: string) {
    return this.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
  }

  findApiTokenById(id: string) {
    return this.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
  }

  listActiveApiTokens(userId: string) {
    return this.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .orderBy('created_at', 'desc')
      .execute();
  }

  /** Revokes only the owner's token: another user's token id matches nothing. */
  async revokeApiToken(userId: string, tokenId: string, at: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('api_tokens')
      .set({ revoked_at: at })
      .where('id', '=', tokenId)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  touchApiToken(id: string, at: Date) {
    return this.db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
  }

  // Sign-in throttling

  findThrottles(keys: string[]) {
    return this.db.selectFrom('auth_throttle').selectAll().where('key', 'in', keys).execute();
  }

  /** Counts one failure per key; a counter idle for longer than `forgetBefore` starts again at 1. */
  recordFailures(keys: string[], at: Date, forgetBefore: Date) {
    return this.db
      .insertInto('auth_throttle')
      .values(keys.map((key) => ({ key, failures: 1, last_failure_at: at })))
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          failures: sql`case when auth_throttle.last_failure_at < ${forgetBefore} then 1 else auth_throttle.failures + 1 end`,
          last_failure_at: at,
        }),
      )
      .execute();
  }

  clearThrottles(keys: string[]) {
    return this.db.deleteFrom('auth_throttle').where('key', 'in', keys).execute();
  }
}
