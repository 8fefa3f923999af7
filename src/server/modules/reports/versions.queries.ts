import type { Actor } from '../../../core/access/access-rule';
import { notFound } from '../../../core/errors';
import { combineMarkings, formatPortion, type Marking } from '../../../core/marking/marking';
import { type ParagraphChange, paragraphChanges } from '../../../core/reports/differences';
import type { VersionParagraph } from '../../platform/db/schema';
import { markingOfRow } from '../../platform/marked-records';
import { labelVersions } from './report-labels';
import type { ReportsDeps } from './reports.deps';
import { visibleHeader } from './reports.queries';
import type { VersionRow } from './versions.repository';

/**
 * Every version of a report, kept whole. A reader sees the versions whose
 * header they may read, and in each only the portions they may read; the
 * differences between two versions are computed over those portions alone,
 * so a change in a portion they may not see shows as nothing at all.
 */

type VersionsDeps = Pick<ReportsDeps, 'db' | 'deployment' | 'reports' | 'versions'>;

/** A paragraph of a version, with its portion mark as text, as the differences compare them. */
type ComparedParagraph = VersionParagraph & { portion: string };

/** One version as a reader may read it, and how it differs from the one before. */
export interface VersionView {
  row: VersionRow;
  paragraphs: VersionParagraph[];
  banner: Marking;
  differences: {
    fields: { field: 'title' | 'subject' | 'tags' | 'date'; before: string; after: string }[];
    paragraphs: ParagraphChange<ComparedParagraph>[];
  };
}

export async function listVersions(
  deps: VersionsDeps,
  actor: Actor,
  reportId: string,
): Promise<VersionRow[]> {
  await visibleHeader(deps, actor, reportId);
  return (await labelVersions(deps.db, await deps.versions.versions(reportId))).filter((row) =>
    deps.deployment.rule.canSee(actor, markingOfRow(row)),
  );
}

/** One version as `actor` may read it, and how it differs from the one before. */
export async function viewVersion(
  deps: VersionsDeps,
  actor: Actor,
  reportId: string,
  version: number,
): Promise<VersionView> {
  const { scheme, rule } = deps.deployment;
  const canSee = (marking: Marking) => rule.canSee(actor, marking);
  await visibleHeader(deps, actor, reportId);
  const stored = await deps.versions.versions(reportId, version);
  const rows = (await labelVersions(deps.db, stored)).filter((row) => canSee(markingOfRow(row)));
  const current = rows.find((row) => row.version === version);
  if (!current) throw notFound('version_not_found', `The report has no version ${version}.`);
  const previous = rows.find((row) => row.version === version - 1);
  const visible = (row: VersionRow) => row.paragraphs.filter((p) => canSee(p.marking));
  const paragraphs = visible(current);
  const compared = (list: VersionParagraph[]): ComparedParagraph[] =>
    list.map((p) => ({ ...p, portion: formatPortion(scheme, p.marking) }));
  const fields = (['title', 'subject', 'tags', 'date'] as const)
    .map((field) => ({
      field,
      before: previous ? textOf(previous, field) : '',
      after: textOf(current, field),
    }))
    .filter((change) => change.before !== change.after);
  return {
    row: current,
    paragraphs,
    banner: combineMarkings(scheme, [markingOfRow(current), ...paragraphs.map((p) => p.marking)]),
    differences: {
      fields,
      paragraphs: paragraphChanges(compared(previous ? visible(previous) : []), compared(paragraphs)),
    },
  };
}

const textOf = (row: VersionRow, field: 'title' | 'subject' | 'tags' | 'date') =>
  field === 'tags' ? row.tags.join(' ') : row[field];
