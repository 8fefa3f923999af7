import { type Expression, type SqlBool, sql } from 'kysely';
import type { AccessRule, Actor } from '../access/access-rule';
import type { Marking } from '../marking/marking';

/** A channel as the membership rule needs it in memory: who its members are and how it is marked. */
export interface ChannelFacet {
  memberIds: Iterable<string> | ReadonlySet<string>;
  marking: Marking;
}

/** Where the SQL face finds a channel (and a message) in the query it is added to. */
export interface MembershipTables {
  /** The alias of the channels table in the query (default `c`). */
  channel?: string;
  /** The alias of the messages table, when messages are read (their own marking applies too). */
  message?: string;
  /** The membership table (channel_id, user_id); a probe table in the property test. */
  members?: string;
}

/**
 * THE membership rule of channels (issue #13), in two faces like the access
 * rule it builds on: a channel is seen only by its members who pass the access
 * rule for its marking, and a message of it only by those who also pass it for
 * the message's own marking. `canSee` decides one channel in memory (the
 * audience of an event), `where` is the same rule as a condition for lists,
 * counts and search. `orElse` admits a non-member on other grounds (a
 * request's thread, to whoever may read the request): the access rule still
 * applies. membership.db.test.ts proves that both faces agree on both
 * databases; change them together or not at all.
 */
export class MembershipRule {
  constructor(readonly access: AccessRule) {}

  canSee(
    actor: Actor,
    channel: ChannelFacet,
    options: { message?: Marking | null; orElse?: boolean } = {},
  ): boolean {
    const members = channel.memberIds instanceof Set ? channel.memberIds : new Set(channel.memberIds);
    return (
      (members.has(actor.userId) || options.orElse === true) &&
      this.access.canSee(actor, channel.marking) &&
      (options.message == null || this.access.canSee(actor, options.message))
    );
  }

  /** The same rule as a `where` condition over the channel (and message) of the query. */
  where(
    actor: Actor,
    tables: MembershipTables = {},
    options: { orElse?: Expression<SqlBool> } = {},
  ): Expression<SqlBool> {
    const channel = tables.channel ?? 'c';
    const members = sql.table(tables.members ?? 'channel_members');
    const member = sql<SqlBool>`exists (select 1 from ${members} as membership where membership.channel_id = ${sql.ref(`${channel}.id`)} and membership.user_id = ${actor.userId})`;
    const conditions = [
      options.orElse ? sql`(${member} or ${options.orElse})` : member,
      this.access.where(actor, channel),
    ];
    if (tables.message) conditions.push(this.access.where(actor, tables.message));
    return sql<SqlBool>`(${sql.join(conditions, sql` and `)})`;
  }

  /** A message's own marking alone, for reading messages of a channel the caller was already found to see. */
  readable(actor: Actor, message = 'm'): Expression<SqlBool> {
    return this.access.where(actor, message);
  }
}
