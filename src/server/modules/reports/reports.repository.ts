import { type Expression, type Insertable, type SqlBool, sql, type Updateable } from 'kysely';
import type { Marking } from '../../../core/marking/marking';
import type { Db, Tx } from '../../platform/db/database';
import { withFreshNumber } from '../../platform/db/fresh-number';
import type { ReportParagraphsTable, ReportsTable } from '../../platform/db/schema';
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

/** Reports as other modules name them (a notification's line): number and title, of those `visible` admits (over `r`). */
export function reportHeadlines(q: Db | Tx, visible: Expression<SqlBool>) {
  return q.selectFrom('reports as r').select(['r.id', 'r.number', 'r.title']).where(visible);
}

/** Kysely queries for reports. No policy: the service passes the access rule's conditions in. */
export class ReportsRepository {
  constructor(private readonly db: Db) {}

  /** Reports whose header `visible` admits (over alias `r`), newest first. */
  list(visible: Expression<SqlBool>, where: { id?: string } = {}, page = { limit: 50, offset: 0 }) {
    let query = this.db
      .selectFrom('reports as r')
      .selectAll('r')
      .select([
        sql<string>`r.report_date::text`.as('date'),
        sql<string | null>`r.declassify_on::text`.as('declassify_date'),
      ])
      .where(visible);
    if (where.id) query = query.where('r.id', '=', where.id);
    return query
      .orderBy('r.report_date', 'desc')
      .orderBy('r.created_at', 'desc')
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

  /**
   * The reports imported from the cable `key`: the first import holds the key
   * itself, any later copy `key~n` (see import-cable.ts); oldest first, with
   * the header's marking.
   */
  fromSource(key: string) {
    return this.db
      .selectFrom('reports')
      .select([
        'id',
        'number',
        'source_key',
        'marking_level',
        'marking_caveats',
        'marking_rel_to',
        'marking_parties',
        'marking_groups',
      ])
      .where((eb) =>
        eb.or([
          eb('source_key', '=', key),
          eb(sql<string>`left(source_key, ${key.length + 1})`, '=', `${key}~`),
        ]),
      )
      .orderBy('created_at')
      .orderBy('number')
      .execute();
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

  /** A new report's header, under a number drawn at random; returns its id. */
  async insertReport(tx: Tx, report: Insertable<ReportsTable>): Promise<string> {
    const row = await withFreshNumber(() =>
      tx
        .insertInto('reports')
        .values(report)
        .onConflict((conflict) => conflict.column('number').doNothing())
        .returning('id')
        .executeTakeFirst(),
    );
    return row.id;
  }

  /** A new paragraph of a report; returns its id. */
  async insertParagraph(tx: Tx, paragraph: Insertable<ReportParagraphsTable>): Promise<string> {
    const row = await tx
      .insertInto('report_paragraphs')
      .values(paragraph)
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** Changes the report's header (an edit, a review step). */
  async updateReport(tx: Tx, id: string, values: Updateable<ReportsTable>) {
    await tx.updateTable('reports').set(values).where('id', '=', id).execute();
  }

  /**
   * Of these paragraphs, those extracted from a submission, with the portion
   * each came from (the submissions module tells what binds its release).
   */
  async portionSources(paragraphIds: readonly string[]) {
    if (paragraphIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('report_paragraphs as p')
      .select(['p.id as paragraph_id', 'p.source_portion_id'])
      .where('p.id', 'in', [...paragraphIds])
      .where('p.source_portion_id', 'is not', null)
      .execute();
    return rows.flatMap(({ paragraph_id, source_portion_id }) =>
      source_portion_id ? [{ paragraph_id, portion_id: source_portion_id }] : [],
    );
  }

  /** A report's header marking, for deciding who hears of it. */
  markingOf(id: string) {
    return this.db
      .selectFrom('reports')
      .select(['marking_level', 'marking_caveats', 'marking_rel_to', 'marking_parties', 'marking_groups'])
      .where('id', '=', id)
      .executeTakeFirst();
  }
}

/** A report's header as stored, with its dates as text. */
export type StoredReportRow = Awaited<ReturnType<ReportsRepository['list']>>[number];
/** A report's header as the app reads it: with the names of its author and reviewer (report-labels.ts). */
export type ReportRow = StoredReportRow & { author_name: string | null; review_by_name: string | null };
/** A paragraph as the app reads it. */
export type ParagraphRow = Awaited<ReturnType<ReportsRepository['paragraphs']>>[number];
/** A report's header as stored, locked for a change. */
export type LockedReportRow = Awaited<ReturnType<ReportsRepository['lockReport']>>;
