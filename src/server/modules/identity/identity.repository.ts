import { type Insertable, sql, type Updateable } from 'kysely';
import type { Db } from '../../platform/db/database';
import type { Database, PartyRow, UserRow } from '../../platform/db/schema';

export type UserWithParty = UserRow & { party: PartyRow | null };

/** Kysely queries for users, parties, sessions, API tokens and sign-in throttling. No policy here. */
export class IdentityRepository {
  constructor(private readonly db: Db) {}

  async findUserByUsername(username: string): Promise<UserWithParty | undefined> {
    const user = await this.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', username.trim().toLowerCase())
      .executeTakeFirst();
    return user && this.withParty(user);
  }

  async findUserById(id: string): Promise<UserWithParty | undefined> {
    const user = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return user && this.withParty(user);
  }

  async listUsers(): Promise<UserWithParty[]> {
    const [users, parties] = await Promise.all([
      this.db.selectFrom('users').selectAll().orderBy('username').execute(),
      this.db.selectFrom('parties').selectAll().execute(),
    ]);
    const byId = new Map(parties.map((party) => [party.id, party]));
    return users.map((user) => ({ ...user, party: user.party_id ? (byId.get(user.party_id) ?? null) : null }));
  }

  private async withParty(user: UserRow): Promise<UserWithParty> {
    const party = user.party_id
      ? ((await this.db.selectFrom('parties').selectAll().where('id', '=', user.party_id).executeTakeFirst()) ??
        null)
      : null;
    return { ...user, party };
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

  revokeSessionsOfUser(userId: string, at: Date) {
    return this.db
      .updateTable('sessions')
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
    return this.db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
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
