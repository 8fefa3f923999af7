import { type Expression, type SqlBool, sql } from 'kysely';
import { hasNoforn, levelRank, type Marking } from '../marking/marking';
import type { ClassificationScheme } from '../marking/scheme';

/**
 * Who is asking. Built once per request from the signed-in user; everything the
 * rule needs is here, so the rule never reaches for the database itself.
 */
export interface Actor {
  userId: string;
  /** Party code; null for an account that belongs to no party (it sees no marked record). */
  party: string | null;
  nationality: string;
  /** A level code of the scheme. */
  clearance: string;
  /** Need-to-know groups (codes) the user belongs to. */
  groups: readonly string[];
}

/** The columns every marked table carries; `markingColumns` in the server writes them. */
export const MARKING_COLUMNS = {
  level: 'marking_level',
  caveats: 'marking_caveats',
  relTo: 'marking_rel_to',
  parties: 'marking_parties',
  groups: 'marking_groups',
} as const;

/**
 * THE access rule (ARCHITECTURE.md, rule 1), in its two faces: `canSee` for one
 * record in memory and `where` for list queries. A user sees a record only when
 * their clearance reaches its level, their party is in its audience, their
 * nationality satisfies NOFORN and REL TO, and they belong to every
 * need-to-know group on it. The property test in access-rule.db.test.ts proves
 * that both faces agree on both databases; change them together or not at all.
 */
export class AccessRule {
  constructor(readonly scheme: ClassificationScheme) {}

  canSee(actor: Actor, marking: Marking): boolean {
    const clearance = levelRank(this.scheme, actor.clearance);
    const level = levelRank(this.scheme, marking.level);
    return (
      clearance >= 0 &&
      level >= 0 &&
      level <= clearance &&
      actor.party !== null &&
      marking.parties.includes(actor.party) &&
      (this.isHomeNational(actor) || !hasNoforn(this.scheme, marking.caveats)) &&
      (marking.relTo === null || marking.relTo.includes(actor.nationality)) &&
      marking.groups.every((group) => actor.groups.includes(group))
    );
  }

  /**
   * The same rule as a `where` condition over the marking columns of `table`
   * (an alias or table name; omit it when the query has one table). What can be
   * decided from the actor alone is decided here, so the SQL stays simple.
   */
  where(actor: Actor, table?: string): Expression<SqlBool> {
    const column = (name: string) => sql.ref(table ? `${table}.${name}` : name);
    const clearance = levelRank(this.scheme, actor.clearance);
    if (clearance < 0 || actor.party === null) return sql<SqlBool>`false`;
    const levels = this.scheme.levels.slice(0, clearance + 1).map((level) => level.code);
    const noforn = this.scheme.caveats
      .filter((caveat) => caveat.effect === 'noforn')
      .map((caveat) => caveat.code);
    const conditions = [
      sql`${column(MARKING_COLUMNS.level)} = any(${levels}::text[])`,
      sql`${actor.party}::text = any(${column(MARKING_COLUMNS.parties)})`,
      sql`(${column(MARKING_COLUMNS.relTo)} is null or ${actor.nationality}::text = any(${column(MARKING_COLUMNS.relTo)}))`,
      sql`${column(MARKING_COLUMNS.groups)} <@ ${[...actor.groups]}::text[]`,
    ];
    if (!this.isHomeNational(actor) && noforn.length > 0) {
      conditions.push(sql`not (${column(MARKING_COLUMNS.caveats)} && ${noforn}::text[])`);
    }
    return sql<SqlBool>`(${sql.join(conditions, sql` and `)})`;
  }

  private isHomeNational(actor: Actor): boolean {
    return actor.nationality === this.scheme.homeNationality;
  }
}
