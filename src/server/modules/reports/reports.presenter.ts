import type { Marking } from '../../../core/marking/marking';
import type { ClassificationScheme } from '../../../core/marking/scheme';
import type { ComparedParagraph, ParagraphChange } from '../../../core/reports/differences';
import { reportReference } from '../../../core/reports/reference';
import type {
  ReleaseView,
  ReportSummary,
  ReportVersionSummary,
  ReportVersionView,
  ReportView,
} from '../../../core/reports/schemas';
import type { ReportAction } from '../../../core/reports/workflow';
import { markingOfRow, presentMarking } from '../../platform/marked-records';
import type { MentionRow } from './entities.repository';
import type { ReleaseViewOf } from './releases.queries';
import type { ParagraphRow, ReportRow } from './reports.repository';
import type { VersionRow } from './versions.repository';

export { reportReference };

export function presentReportSummary(
  scheme: ClassificationScheme,
  report: ReportRow,
  banner: Marking,
): ReportSummary {
  return {
    id: report.id,
    reference: reportReference(report.number),
    title: report.title,
    date: report.date,
    status: report.status,
    tags: report.tags,
    authorParty: report.author_party,
    banner: presentMarking(scheme, banner),
  };
}

/** The caller's view: the header, and only the portions they may see, under the banner computed from them. */
export function presentReport(
  scheme: ClassificationScheme,
  view: {
    report: ReportRow;
    paragraphs: ParagraphRow[];
    mentions: MentionRow[];
    banner: Marking;
    actions: ReportAction[];
  },
): ReportView {
  const { report } = view;
  const source = report.source as { originator?: string; serial?: string } | null;
  return {
    ...presentReportSummary(scheme, report, view.banner),
    subject: report.subject,
    author: report.author_id ? { id: report.author_id, displayName: report.author_name ?? '' } : null,
    classificationAuthority: {
      classifiedBy: report.classified_by,
      reasons: report.reasons,
      declassifyOn: report.declassify_date,
    },
    headerMarking: presentMarking(scheme, markingOfRow(report)),
    paragraphs: view.paragraphs.map((paragraph) => ({
      id: paragraph.id,
      number: paragraph.number,
      heading: paragraph.heading,
      text: paragraph.body,
      anchor: paragraph.anchor,
      portion: presentMarking(scheme, markingOfRow(paragraph)),
      mentions: view.mentions
        .filter((mention) => mention.paragraph_id === paragraph.id)
        .map((mention) => ({
          entityId: mention.entity_id,
          kind: mention.kind,
          text: paragraph.body.slice(mention.start, mention.end),
          start: mention.start,
          end: mention.end,
        })),
    })),
    source: report.source_key
      ? {
          key: report.source_key.replace(/~\d+$/, ''),
          originator: source?.originator ?? null,
          serial: source?.serial ?? null,
        }
      : null,
    version: report.version,
    createdAt: report.created_at.toISOString(),
    updatedAt: report.updated_at.toISOString(),
    review:
      report.review_step && report.review_by && report.review_at
        ? {
            step: report.review_step,
            by: { id: report.review_by, displayName: report.review_by_name ?? '' },
            at: report.review_at.toISOString(),
            note: report.review_note,
          }
        : null,
    actions: view.actions,
  };
}

export const presentVersionSummary = (row: VersionRow): ReportVersionSummary => ({
  version: row.version,
  change: row.change,
  by: row.by_id ? { id: row.by_id, displayName: row.by_name ?? '' } : null,
  at: row.at.toISOString(),
});

/** One version as the caller may read it, and what changed in it from the one before. */
export function presentVersion(
  scheme: ClassificationScheme,
  view: {
    row: VersionRow;
    paragraphs: { heading: string | null; text: string; marking: Marking }[];
    banner: Marking;
    differences: {
      fields: ReportVersionView['differences']['fields'];
      paragraphs: ParagraphChange<ComparedParagraph & { marking: Marking }>[];
    };
  },
): ReportVersionView {
  const paragraph = (p: { heading: string | null; text: string; marking: Marking }) => ({
    heading: p.heading,
    text: p.text,
    portion: presentMarking(scheme, p.marking),
  });
  return {
    ...presentVersionSummary(view.row),
    title: view.row.title,
    subject: view.row.subject,
    tags: view.row.tags,
    date: view.row.date,
    banner: presentMarking(scheme, view.banner),
    paragraphs: view.paragraphs.map(paragraph),
    differences: {
      fields: view.differences.fields,
      paragraphs: view.differences.paragraphs.map((change) => ({
        change: change.change,
        before: change.before && paragraph(change.before),
        after: change.after && paragraph(change.after),
        words: change.words,
      })),
    },
  };
}

export function presentRelease(
  scheme: ClassificationScheme,
  view: ReleaseViewOf,
  banner: Marking,
): ReleaseView {
  const { release } = view;
  return {
    id: release.id,
    reportId: view.originalReadable ? release.report_id : null,
    submissionId: view.submissionReadable ? release.submission_id : null,
    originParty: release.origin_party,
    reportVersion: release.report_version,
    fromParty: release.from_party,
    toParty: release.to_party,
    note: release.note,
    releasedBy: { id: release.released_by, displayName: release.releaser_name },
    releasedAt: release.released_at.toISOString(),
    title: release.title,
    subject: release.subject,
    tags: release.tags,
    date: release.date,
    banner: presentMarking(scheme, banner),
    paragraphs: view.paragraphs.map((paragraph) => ({
      id: paragraph.id,
      number: paragraph.number,
      heading: paragraph.heading,
      text: paragraph.body,
      portion: presentMarking(scheme, markingOfRow(paragraph)),
    })),
  };
}
