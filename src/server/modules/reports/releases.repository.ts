import type { Expression, Insertable, SqlBool } from 'kysely';
import type { Db, Tx } from '../../platform/db/database';
import type { ReleaseParagraphsTable, ReportReleasesTable } from '../../platform/db/schema';

/** A release paragraph's columns as the app reads them: everything but the search index's document. */
const RELEASE_PARAGRAPH_COLUMNS = [
  'rp.id',
  'rp.release_id',
  'rp.position',
  'rp.number',
  'rp.heading',
  'rp.body',
  'rp.marking_level',
  'rp.marking_caveats',
  'rp.marking_rel_to',
  'rp.marking_parties',
  'rp.marking_groups',
] as const;

/** Kysely queries for releases. No policy: the service passes the access rule's conditions in. */
export class ReleasesRepository {
  constructor(private readonly db: Db) {}

  /** Releases `visible` admits (over alias `rr`), newest first. */
  releases(visible: Expression<SqlBool>, limit: number) {
    return this.query(visible).orderBy('rr.released_at', 'desc').limit(limit).execute();
  }

  /** The release if `visible` admits it (over alias `rr`). */
  release(id: string, visible: Expression<SqlBool>) {
    return this.query(visible).where('rr.id', '=', id).executeTakeFirst();
  }

  private query(visible: Expression<SqlBool>) {
    return this.db
      .selectFrom('report_releases as rr')
      .selectAll('rr')
      .select((eb) => eb.cast<string>('rr.report_date', 'text').as('date'))
      .where(visible);
  }

  /** Of these reports (the originals of releases), the ids `visible` admits (over alias `r`). */
  async readableReports(reportIds: readonly string[], visible: Expression<SqlBool>): Promise<Set<string>> {
    if (reportIds.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('reports as r')
      .select('r.id')
      .where('r.id', 'in', [...new Set(reportIds)])
      .where(visible)
      .execute();
    return new Set(rows.map((row) => row.id));
  }

  /** The paragraphs of these releases that `visible` admits (over alias `rp`), in order. */
  paragraphs(releaseIds: readonly string[], visible: Expression<SqlBool>) {
    if (releaseIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('release_paragraphs as rp')
      .select(RELEASE_PARAGRAPH_COLUMNS)
      .where('rp.release_id', 'in', [...releaseIds])
      .where(visible)
      .orderBy('rp.release_id')
      .orderBy('rp.position')
      .execute();
  }

  /** A new release's header; returns its id. */
  async insertRelease(tx: Tx, release: Insertable<ReportReleasesTable>): Promise<string> {
    const row = await tx
      .insertInto('report_releases')
      .values(release)
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  insertParagraph(tx: Tx, paragraph: Insertable<ReleaseParagraphsTable>) {
    return tx.insertInto('release_paragraphs').values(paragraph).execute();
  }

  /** A release's header marking, for deciding who hears of it. */
  markingOf(id: string) {
    return this.db
      .selectFrom('report_releases')
      .select(['marking_level', 'marking_caveats', 'marking_rel_to', 'marking_parties', 'marking_groups'])
      .where('id', '=', id)
      .executeTakeFirst();
  }
}

/**
 * The releases made of these submissions, oldest first, with the portions each
 * carried (for the submission's history; the submissions module filters them).
 */
export async function submissionReleases(q: Db | Tx, submissionIds: readonly string[]) {
  if (submissionIds.length === 0) return [];
  const releases = await q
    .selectFrom('report_releases as rr')
    .select(['rr.id', 'rr.submission_id', 'rr.to_party', 'rr.released_by', 'rr.released_at'])
    .where('rr.submission_id', 'in', [...submissionIds])
    .orderBy('rr.released_at')
    .execute();
  const portions = releases.length
    ? await q
        .selectFrom('release_paragraphs')
        .select(['release_id', 'source_portion_id'])
        .where(
          'release_id',
          'in',
          releases.map((release) => release.id),
        )
        .orderBy('position')
        .execute()
    : [];
  return releases.map((release) => ({
    ...release,
    portions: portions
      .filter((portion) => portion.release_id === release.id && portion.source_portion_id !== null)
      .map((portion) => portion.source_portion_id as string),
  }));
}

/** A release made of a submission, with the portions it carried. */
export type SubmissionReleaseRow = Awaited<ReturnType<typeof submissionReleases>>[number];

/** A release's header as stored, with its date as text. */
export type StoredReleaseRow = NonNullable<Awaited<ReturnType<ReleasesRepository['release']>>>;
/** A release's header as the app reads it: with the releaser's name (report-labels.ts). */
export type ReleaseRow = StoredReleaseRow & { releaser_name: string };
/** A paragraph of a release as the app reads it. */
export type ReleaseParagraphRow = Awaited<ReturnType<ReleasesRepository['paragraphs']>>[number];
