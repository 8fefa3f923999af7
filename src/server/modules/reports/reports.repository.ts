import { type Expression, type Insertable, type SqlBool, sql } from 'kysely';
import type { Marking } from '../../../core/marking/marking';
import type { Db, Tx } from '../../platform/db/database';
import type { ReportVersionsTable } from '../../platform/db/schema';
import { markingToColumns } from '../../platform/marked-records';

/** A paragraph's columns as the app reads them: everything but the search index's document. */
export const PARAGRAPH_COLUMNS = [
  'p.id',
  'p.report_id',
  'p.position',
  'p.number',
  'p.heading',
  'p.body',
  'p.anchor',
  'p.marking_level',
  'p.marking_caveats',
  'p.marking_rel_to',
  'p.marking_parties',
  'p.marking_groups',
] as const;

/** Kysely queries for reports. No policy: the service passes the access rule's conditions in. */
export class ReportsRepository {
  constructor(private readonly db: Db) {}

  /** Reports whose header `visible` admits (over alias `r`), newest first. */
  list(visible: Expression<SqlBool>, where: { id?: string } = {}, page = { limit: 50, offset: 0 }) {
    let query = this.db
      .selectFrom('reports as r')
      .leftJoin('users as u', 'u.id', 'r.author_id')
      .leftJoin('users as rv', 'rv.id', 'r.review_by')
      .selectAll('r')
      .select([
        sql<string>`r.report_date::text`.as('date'),
        sql<string | null>`r.declassify_on::text`.as('declassify_date'),
        'u.display_name as author_name',
        'rv.display_name as review_by_name',
      ])
      .where(visible);
    if (where.id) query = query.where('r.id', '=', where.id);
    return query
      .orderBy('r.report_date', 'desc')
      .orderBy('r.number', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
  }

  /** The paragraphs of these reports that `visible` admits (over alias `p`), in order. */
  paragraphs(reportIds: readonly string[], visible: Expression<SqlBool>) {
    if (reportIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('report_paragraphs as p')
      .select(PARAGRAPH_COLUMNS)
      .where('p.report_id', 'in', [...reportIds])
      .where(visible)
      .orderBy('p.report_id')
      .orderBy('p.position')
      .execute();
  }

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

  findBySourceKey(key: string) {
    return this.db
      .selectFrom('reports')
      .select(['id', 'number'])
      .where('source_key', '=', key)
      .executeTakeFirst();
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

  /** Every name the directory knows a party, unit or place by (in any language, with aliases), normalised. */
  async directoryNames() {
    const parties = await this.db
      .selectFrom('parties')
      .select(['id', 'code', 'name_en', 'name_ar', 'name_he', 'aliases'])
      .execute();
    const units = await this.db
      .selectFrom('units')
      .select(['id', 'code', 'name_en', 'name_ar', 'name_he', 'aliases'])
      .execute();
    const places = await this.db
      .selectFrom('districts')
      .select(['id', 'code', 'name_en', 'name_ar', 'name_he', 'aliases'])
      .execute();
    const names = (
      row: { code: string; name_en: string; name_ar: string; name_he: string },
      more: string[] = [],
    ) => [row.code, row.name_en, row.name_ar, row.name_he, ...more];
    return [
      ...parties.map((row) => ({ type: 'party' as const, id: row.id, names: names(row, row.aliases) })),
      ...units.map((row) => ({ type: 'unit' as const, id: row.id, names: names(row, row.aliases) })),
      ...places.map((row) => ({ type: 'district' as const, id: row.id, names: names(row, row.aliases) })),
    ];
  }

  /** How many of the report's paragraphs `visible` does not admit (over alias `p`). */
  async hiddenParagraphs(reportId: string, visible: Expression<SqlBool>): Promise<number> {
    const row = await this.db
      .selectFrom('report_paragraphs as p')
      .select((eb) => eb.fn.countAll<string>().as('hidden'))
      .where('p.report_id', '=', reportId)
      .where((eb) => eb.not(visible))
      .executeTakeFirstOrThrow();
    return Number(row.hidden);
  }

  /** The report, locked for a change in `tx`. */
  lockReport(tx: Tx, id: string) {
    return tx.selectFrom('reports').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
  }

  /** Every paragraph of the report, whatever their marking: only for a writer cleared for all of them. */
  allParagraphs(tx: Tx, reportId: string) {
    return tx
      .selectFrom('report_paragraphs as p')
      .select(PARAGRAPH_COLUMNS)
      .where('p.report_id', '=', reportId)
      .orderBy('p.position')
      .execute();
  }

  insertVersion(tx: Tx, version: Insertable<ReportVersionsTable>) {
    return tx.insertInto('report_versions').values(version).execute();
  }

  /** The versions of a report, oldest first, or only `version` and the one before it. */
  versions(reportId: string, around?: number) {
    let query = this.db
      .selectFrom('report_versions as v')
      .leftJoin('users as u', 'u.id', 'v.by_id')
      .selectAll('v')
      .select([sql<string>`v.report_date::text`.as('date'), 'u.display_name as by_name'])
      .where('v.report_id', '=', reportId);
    if (around !== undefined) query = query.where('v.version', 'in', [around - 1, around]);
    return query.orderBy('v.version').execute();
  }

  /** Deletes the paragraphs not kept, and moves the kept ones out of the way of the new order. */
  async replaceParagraphsBegin(tx: Tx, reportId: string, keep: string[]) {
    let gone = tx.deleteFrom('report_paragraphs').where('report_id', '=', reportId);
    if (keep.length > 0) gone = gone.where('id', 'not in', keep);
    await gone.execute();
    await tx
      .updateTable('report_paragraphs')
      .set({ position: sql`-1 - position` })
      .where('report_id', '=', reportId)
      .execute();
  }

  /** A kept paragraph in its new place, with its new text and marking. */
  async updateParagraph(
    tx: Tx,
    before: { id: string; body: string },
    position: number,
    paragraph: { number: number | null; heading: string | null; text: string; marking: Marking },
    searchExtra: string,
  ) {
    await tx
      .updateTable('report_paragraphs')
      .set({
        position,
        number: paragraph.number,
        heading: paragraph.heading,
        body: paragraph.text,
        search_extra: searchExtra,
        ...markingToColumns(paragraph.marking),
      })
      .where('id', '=', before.id)
      .execute();
    if (before.body !== paragraph.text)
      await tx.deleteFrom('entity_mentions').where('paragraph_id', '=', before.id).execute();
  }

  /** A report's (or a release's) header marking, for deciding who hears of it. */
  markingOf(id: string, table: 'reports' | 'report_releases' = 'reports') {
    return this.db
      .selectFrom(table)
      .select(['marking_level', 'marking_caveats', 'marking_rel_to', 'marking_parties', 'marking_groups'])
      .where('id', '=', id)
      .executeTakeFirst();
  }
}
