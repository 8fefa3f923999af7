import type { Expression, SqlBool } from 'kysely';
import type { Db, Tx } from '../../platform/db/database';

/** Kysely queries for the entities reports name, and where they name them. No policy: conditions come in. */
export class EntitiesRepository {
  constructor(private readonly db: Db) {}

  /** The names found in these paragraphs, in the order they appear. */
  mentions(paragraphIds: readonly string[]) {
    if (paragraphIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('entity_mentions as m')
      .innerJoin('entities as e', 'e.id', 'm.entity_id')
      .select(['m.paragraph_id', 'm.entity_id', 'm.start', 'm.end', 'e.kind', 'e.name'])
      .where('m.paragraph_id', 'in', [...paragraphIds])
      .orderBy('m.start')
      .execute();
  }

  /** Reports with a paragraph that names the entity, both admitted by the caller's conditions (aliases `r`, `p`). */
  async mentioning(
    entityId: string,
    visibleReport: Expression<SqlBool>,
    visibleParagraph: Expression<SqlBool>,
  ) {
    const rows = await this.db
      .selectFrom('entity_mentions as m')
      .innerJoin('report_paragraphs as p', 'p.id', 'm.paragraph_id')
      .innerJoin('reports as r', 'r.id', 'p.report_id')
      .select('r.id')
      .distinct()
      .where('m.entity_id', '=', entityId)
      .where(visibleParagraph)
      .where(visibleReport)
      .execute();
    return rows.map((row) => row.id);
  }

  entity(id: string) {
    return this.db.selectFrom('entities').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The entity of this kind and name, created on first mention. */
  async entityFor(
    tx: Tx,
    entity: { kind: 'organisation' | 'person' | 'place' | 'other'; name: string; normalized: string },
    link: { type: 'party' | 'unit' | 'district'; id: string } | null,
    now: Date,
  ): Promise<string> {
    const existing = await tx
      .selectFrom('entities')
      .select('id')
      .where('kind', '=', entity.kind)
      .where('normalized', '=', entity.normalized)
      .executeTakeFirst();
    if (existing) return existing.id;
    const created = await tx
      .insertInto('entities')
      .values({ ...entity, linked_type: link?.type ?? null, linked_id: link?.id ?? null, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return created.id;
  }

  /** Where in a paragraph's text an entity is named. */
  async insertMention(
    tx: Tx,
    mention: { entityId: string; paragraphId: string; start: number; end: number },
  ) {
    await tx
      .insertInto('entity_mentions')
      .values({
        entity_id: mention.entityId,
        paragraph_id: mention.paragraphId,
        start: mention.start,
        end: mention.end,
      })
      .execute();
  }
}

/** A name found in a paragraph, with the entity it names. */
export type MentionRow = Awaited<ReturnType<EntitiesRepository['mentions']>>[number];
/** An entity as stored. */
export type EntityRow = NonNullable<Awaited<ReturnType<EntitiesRepository['entity']>>>;
