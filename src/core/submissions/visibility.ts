import { type Expression, type SqlBool, sql } from 'kysely';
import type { AccessRule, Actor } from '../access/access-rule';
import type { Marking } from '../marking/marking';

/**
 * Who sees a submission (or a consent about one): the party that owns it and
 * the coordinator it is addressed to, each reader only as far as the access
 * rule admits the marking. No other party sees it, whatever its marking says:
 * what a party hands the coordinator reaches the other side only as a release.
 * Two faces like the access rule (ARCHITECTURE.md, rule 1): `canSee` for one
 * record in memory, `where` for queries over the marking columns,
 * `owner_party` and `coordinator_party` of `table`. The property test in
 * visibility.db.test.ts proves that they agree on both databases.
 */
export interface SubmissionFacts {
  ownerParty: string;
  coordinatorParty: string;
  marking: Marking;
}

const columnOf = (table: string | undefined) => (name: string) => sql.ref(table ? `${table}.${name}` : name);

export const submissionVisibility = {
  canSee(access: AccessRule, actor: Actor, record: SubmissionFacts): boolean {
    return (
      actor.party !== null &&
      (actor.party === record.ownerParty || actor.party === record.coordinatorParty) &&
      access.canSee(actor, record.marking)
    );
  },

  where(access: AccessRule, actor: Actor, table?: string): Expression<SqlBool> {
    if (actor.party === null) return sql<SqlBool>`false`;
    const column = columnOf(table);
    return sql<SqlBool>`((${column('owner_party')} = ${actor.party} or ${column('coordinator_party')} = ${actor.party}) and ${access.where(actor, table)})`;
  },
};
