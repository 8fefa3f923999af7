import { type Expression, type SqlBool, sql } from 'kysely';
import type { AccessRule, Actor } from '../access/access-rule';
import type { Marking } from '../marking/marking';

/**
 * Two visibility rules of requests that sit beside the access rule, each in
 * two faces like it (ARCHITECTURE.md, rule 1): `canSee` for one record in
 * memory and `where` for queries. The property test in visibility.db.test.ts
 * proves that both faces of each agree on both databases; change them
 * together or not at all.
 */

/** Column names, over an alias or table name when one is given. */
const columnOf = (table: string | undefined) => (name: string) => sql.ref(table ? `${table}.${name}` : name);

/** What the draft rule reads of a request. */
export interface DraftFacts {
  status: string;
  fromParty: string;
}

/**
 * A draft is not yet addressed to anyone: it is seen only by its own
 * (requesting) party. Every other request is left to the access rule.
 * `where` reads the columns `status` and `from_party`.
 */
export const draftRule = {
  canSee(actor: Pick<Actor, 'party'>, request: DraftFacts): boolean {
    return request.status !== 'draft' || (actor.party !== null && actor.party === request.fromParty);
  },

  where(actor: Pick<Actor, 'party'>, table?: string): Expression<SqlBool> {
    const column = columnOf(table);
    if (actor.party === null) return sql<SqlBool>`(${column('status')} <> 'draft')`;
    return sql<SqlBool>`(${column('status')} <> 'draft' or ${column('from_party')} = ${actor.party})`;
  },
};

/**
 * The draft rule applied to the audit log: an entry about a request still a
 * draft after the change is marked for the requesting party alone, as the
 * draft is. The coordinator's auditors see a request's trail from its
 * submission on, and nothing of a draft that was never sent.
 */
export function trailMarking(marking: Marking, request: DraftFacts): Marking {
  return request.status === 'draft' ? { ...marking, parties: [request.fromParty] } : marking;
}

/** What the internal-entry rule reads of a note or an attachment: the party it is kept to, if any. */
export interface InternalFacts {
  internalParty: string | null;
}

/**
 * An internal note or an internal attachment of a request is seen only by
 * the party of its author; a shared one (no internal party) by whoever sees
 * the request. `where` reads the column `internal_party`.
 */
export const internalRule = {
  canSee(actor: Pick<Actor, 'party'>, entry: InternalFacts): boolean {
    return entry.internalParty === null || (actor.party !== null && actor.party === entry.internalParty);
  },

  where(actor: Pick<Actor, 'party'>, table?: string): Expression<SqlBool> {
    const column = columnOf(table);
    if (actor.party === null) return sql<SqlBool>`(${column('internal_party')} is null)`;
    return sql<SqlBool>`(${column('internal_party')} is null or ${column('internal_party')} = ${actor.party})`;
  },
};

/**
 * Who sees a request: the access rule on its marking, and the draft rule.
 * `where` is over the marking columns, `status` and `from_party` of `table`.
 */
export const requestVisibility = {
  canSee(access: AccessRule, actor: Actor, request: DraftFacts & { marking: Marking }): boolean {
    return access.canSee(actor, request.marking) && draftRule.canSee(actor, request);
  },

  where(access: AccessRule, actor: Actor, table?: string): Expression<SqlBool> {
    return sql<SqlBool>`(${access.where(actor, table)} and ${draftRule.where(actor, table)})`;
  },
};
