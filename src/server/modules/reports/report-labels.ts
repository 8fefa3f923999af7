import type { Db } from '../../platform/db/database';
import { displayNames } from '../directory/directory-lookups.repository';
import type { ReleaseRow, StoredReleaseRow } from './releases.repository';
import type { ReportRow, StoredReportRow } from './reports.repository';
import type { StoredVersionRow, VersionRow } from './versions.repository';

/**
 * The names of people that the views of reports, versions and releases show
 * beside their rows, asked of the directory in one batch, as the joins they
 * replace answered: a report's author or reviewer, or a version's author,
 * whom the directory does not know is null; a release whose releaser it does
 * not know is left out.
 */

const namesOf = (db: Db, ids: readonly (string | null)[]) =>
  displayNames(
    db,
    ids.filter((id): id is string => id !== null),
  );

const nameIn = (names: Map<string, string>, id: string | null) => (id ? (names.get(id) ?? null) : null);

export async function labelReports(db: Db, rows: readonly StoredReportRow[]): Promise<ReportRow[]> {
  if (rows.length === 0) return [];
  const names = await namesOf(
    db,
    rows.flatMap((row) => [row.author_id, row.review_by]),
  );
  return rows.map((row) => ({
    ...row,
    author_name: nameIn(names, row.author_id),
    review_by_name: nameIn(names, row.review_by),
  }));
}

export async function labelVersions(db: Db, rows: readonly StoredVersionRow[]): Promise<VersionRow[]> {
  if (rows.length === 0) return [];
  const names = await namesOf(
    db,
    rows.map((row) => row.by_id),
  );
  return rows.map((row) => ({ ...row, by_name: nameIn(names, row.by_id) }));
}

export async function labelReleases(db: Db, rows: readonly StoredReleaseRow[]): Promise<ReleaseRow[]> {
  if (rows.length === 0) return [];
  const names = await namesOf(
    db,
    rows.map((row) => row.released_by),
  );
  return rows.flatMap((row) => {
    const releaser = names.get(row.released_by);
    return releaser === undefined ? [] : [{ ...row, releaser_name: releaser }];
  });
}
