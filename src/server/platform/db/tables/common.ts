/**
 * Column types shared by the tables of every module. Kysely's view: the migrations are the source
 * of truth; keep this in step with them.
 */
import type { ColumnType, Generated } from 'kysely';

export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export type Localised = { en: string; ar: string; he: string };

/** Shared by the named directory entries (units, districts, desks, groups). */
export interface NamedEntry {
  id: Generated<string>;
  code: string;
  name_en: string;
  name_ar: string;
  name_he: string;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** The columns the access rule reads (src/core/access/access-rule.ts); every marked table has them. */
export interface MarkingColumns {
  marking_level: string;
  marking_caveats: string[];
  marking_rel_to: string[] | null;
  marking_parties: string[];
  marking_groups: string[];
}

/**
 * A stored file (a request's, a message's, a commitment's): its cleaned name,
 * the type its bytes showed (src/server/platform/attachments.ts), their size,
 * digest and the bytes themselves.
 */
export interface StoredFileColumns {
  filename: string;
  media_type: string;
  size: number;
  sha256: string;
  content: Buffer;
}

/** PostgreSQL's bigint: `pg` reads it as a string, PGlite as a number; read it through Number(). */
export type BigIntColumn = ColumnType<number | string, number, never>;
