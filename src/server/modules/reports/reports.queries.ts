import type { Actor } from '../../../core/access/access-rule';
import { notFound } from '../../../core/errors';
import { combineMarkings, type Marking } from '../../../core/marking/marking';
import type { ClassificationScheme } from '../../../core/marking/scheme';
import type { ReportAction } from '../../../core/reports/workflow';
import type { Caller } from '../../platform/caller';
import { markingOfRow } from '../../platform/marked-records';
import type { EntityRow, MentionRow } from './entities.repository';
import { labelReports } from './report-labels';
import type { ReportsDeps } from './reports.deps';
import { reportActions } from './reports.policy';
import type { ParagraphRow, ReportRow } from './reports.repository';

/**
 * Reads of reports shared by the routes and the commands. Reports are marked
 * portion by portion: every read passes the access rule twice, on the header
 * (title, subject, tags) and on each paragraph. A reader gets only the
 * portions they may see, under a banner computed from those alone; a report
 * whose header they may not see does not exist for them.
 */

/** A report in a list: its header, under the banner of what the caller may read of it. */
export interface ReportListItem {
  report: ReportRow;
  banner: Marking;
}

/** The report as the caller may read it, with what they may do to it now. */
export interface ReportViewOf {
  report: ReportRow;
  paragraphs: ParagraphRow[];
  mentions: MentionRow[];
  banner: Marking;
  actions: ReportAction[];
}

/** The banner of what a reader sees: the header and the visible portions, combined. */
export const reportBanner = (
  scheme: ClassificationScheme,
  report: ReportRow,
  paragraphs: readonly ParagraphRow[],
): Marking => combineMarkings(scheme, [markingOfRow(report), ...paragraphs.map(markingOfRow)]);

export async function listReports(
  { db, deployment, reports, reads }: Pick<ReportsDeps, 'db' | 'deployment' | 'reports' | 'reads'>,
  caller: Caller,
  page = { limit: 50, offset: 0 },
): Promise<ReportListItem[]> {
  const rows = await labelReports(db, await reports.list(deployment.rule.where(caller.actor, 'r'), {}, page));
  const paragraphs = await reports.paragraphs(
    rows.map((report) => report.id),
    deployment.rule.where(caller.actor, 'p'),
  );
  const items = rows.map((report) => ({
    report,
    banner: reportBanner(
      deployment.scheme,
      report,
      paragraphs.filter((paragraph) => paragraph.report_id === report.id),
    ),
  }));
  // A page of reports above the lowest level is a read of them, under the banners the reader saw.
  await reads.many(
    caller,
    { type: 'report' },
    items.map((item) => ({ id: item.report.id, marking: item.banner })),
  );
  return items;
}

/** The report's header row if `actor` may read it; otherwise the report does not exist for them. */
export async function visibleHeader(
  { db, deployment, reports }: Pick<ReportsDeps, 'db' | 'deployment' | 'reports'>,
  actor: Actor,
  id: string,
): Promise<ReportRow> {
  const [report] = await labelReports(db, await reports.list(deployment.rule.where(actor, 'r'), { id }));
  if (!report) throw notFound('report_not_found', 'There is no such report.');
  return report;
}

/** The report as `caller` may read it, or 404, with what the caller may do to it now. */
export async function viewReport(deps: ReportsDeps, caller: Caller, id: string): Promise<ReportViewOf> {
  const { deployment, reports, entities } = deps;
  const report = await visibleHeader(deps, caller.actor, id);
  const paragraphs = await reports.paragraphs([id], deployment.rule.where(caller.actor, 'p'));
  const mentions = await entities.mentions(paragraphs.map((paragraph) => paragraph.id));
  const banner = reportBanner(deployment.scheme, report, paragraphs);
  // Reads of reports marked above the lowest level are audited, under the banner the reader saw.
  await deps.reads.one(caller, { type: 'report', id }, banner);
  return { report, paragraphs, mentions, banner, actions: await reportActions(deps, caller, report) };
}

/**
 * An entity and the reports that name it, as far as the caller may read
 * them. An entity named only where the caller may not read does not exist
 * for them: a name can be the secret.
 */
export async function viewEntity(
  deps: ReportsDeps,
  caller: Caller,
  id: string,
): Promise<{ entity: EntityRow; reports: ReportListItem[] }> {
  const { rule } = deps.deployment;
  const entity = await deps.entities.entity(id);
  const reportIds = entity
    ? await deps.entities.mentioning(id, rule.where(caller.actor, 'r'), rule.where(caller.actor, 'p'))
    : [];
  if (!entity || reportIds.length === 0) throw notFound('entity_not_found', 'There is no such entity.');
  const reports = (await listReports(deps, caller, { limit: 200, offset: 0 })).filter(({ report }) =>
    reportIds.includes(report.id),
  );
  return { entity, reports };
}

/** Who receives a live event about a report: whoever may read its header now. */
export async function reportAudience(
  { deployment, reports }: Pick<ReportsDeps, 'deployment' | 'reports'>,
  event: { subjectId: string },
) {
  const row = await reports.markingOf(event.subjectId);
  return (viewer: { actor: Actor }) =>
    row !== undefined && deployment.rule.canSee(viewer.actor, markingOfRow(row));
}
