import type { Actor } from '../../../core/access/access-rule';
import { notFound } from '../../../core/errors';
import { combineMarkings, formatPortion, type Marking } from '../../../core/marking/marking';
import { paragraphChanges } from '../../../core/reports/differences';
import type { Tx } from '../../platform/db/database';
import type { VersionParagraph } from '../../platform/db/schema';
import { markingOfRow, markingToColumns } from '../../platform/marked-records';
import type { ReportsRepository } from './reports.repository';
import type { NewReport, ReportsService } from './reports.service';

type VersionRow = Awaited<ReturnType<ReportsRepository['versions']>>[number];

/**
 * Every version of a report, kept whole. A reader sees the versions whose
 * header they may read, and in each only the portions they may read; the
 * differences between two versions are computed over those portions alone,
 * so a change in a portion they may not see shows as nothing at all.
 */
export class VersionsService {
  constructor(private readonly reports: ReportsService) {}

  /** Keeps the report as it now is, as version `version`. */
  record(
    tx: Tx,
    reportId: string,
    version: number,
    change: 'created' | 'imported' | 'edited',
    by: string | null,
    at: Date,
    report: Pick<NewReport, 'title' | 'subject' | 'tags' | 'date' | 'headerMarking'> & {
      paragraphs: VersionParagraph[];
    },
  ) {
    const paragraphs: VersionParagraph[] = report.paragraphs.map((paragraph) => ({
      heading: paragraph.heading,
      text: paragraph.text,
      marking: paragraph.marking,
    }));
    return this.reports.repo.insertVersion(tx, {
      report_id: reportId,
      version,
      change,
      by_id: by,
      at,
      title: report.title,
      subject: report.subject,
      tags: report.tags,
      report_date: report.date,
      paragraphs: JSON.stringify(paragraphs),
      ...markingToColumns(report.headerMarking),
    });
  }

  async list(actor: Actor, reportId: string) {
    await this.reports.visibleHeader(actor, reportId);
    return (await this.reports.repo.versions(reportId)).filter((row) => this.headerVisible(actor, row));
  }

  /** One version as `actor` may read it, and how it differs from the one before. */
  async view(actor: Actor, reportId: string, version: number) {
    await this.reports.visibleHeader(actor, reportId);
    const rows = (await this.reports.repo.versions(reportId, version)).filter((row) =>
      this.headerVisible(actor, row),
    );
    const current = rows.find((row) => row.version === version);
    if (!current) throw notFound('version_not_found', `The report has no version ${version}.`);
    const previous = rows.find((row) => row.version === version - 1);
    const visible = (row: VersionRow) => row.paragraphs.filter((p) => this.canSee(actor, p.marking));
    const paragraphs = visible(current);
    const { scheme } = this.reports.deployment;
    const compared = (list: VersionParagraph[]) =>
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

  private canSee(actor: Actor, marking: Marking) {
    return this.reports.deployment.rule.canSee(actor, marking);
  }

  private headerVisible(actor: Actor, row: VersionRow) {
    return this.canSee(actor, markingOfRow(row));
  }
}

const textOf = (row: VersionRow, field: 'title' | 'subject' | 'tags' | 'date') =>
  field === 'tags' ? row.tags.join(' ') : row[field];
