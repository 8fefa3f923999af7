import { type Insertable, sql } from 'kysely';
import type { Db, Tx } from '../../platform/db/database';
import type { ReportVersionsTable } from '../../platform/db/schema';

/** Kysely queries for the versions of reports, each kept whole. No policy: the queries filter what they return. */
export class VersionsRepository {
  constructor(private readonly db: Db) {}

  insertVersion(tx: Tx, version: Insertable<ReportVersionsTable>) {
    return tx.insertInto('report_versions').values(version).execute();
  }

  /** The versions of a report, oldest first, or only `version` and the one before it. */
  versions(reportId: string, around?: number) {
    let query = this.db
      .selectFrom('report_versions as v')
      .selectAll('v')
      .select(sql<string>`v.report_date::text`.as('date'))
      .where('v.report_id', '=', reportId);
    if (around !== undefined) query = query.where('v.version', 'in', [around - 1, around]);
    return query.orderBy('v.version').execute();
  }
}

/** A version as stored, with its date as text. */
export type StoredVersionRow = Awaited<ReturnType<VersionsRepository['versions']>>[number];
/** A version as the app reads it: with the name of who made it (report-labels.ts). */
export type VersionRow = StoredVersionRow & { by_name: string | null };
