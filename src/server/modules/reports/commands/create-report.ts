import type { z } from 'zod';
import type { createReportSchema, portionMarkingInputSchema } from '../../../../core/reports/schemas';
import type { Caller } from '../../../platform/caller';
import type { ReportsDeps } from '../reports.deps';
import { authorParty, markingFor, type NewParagraph, today, writeReport } from './report-writing';

/**
 * Writes a report of the caller's party (the coordinator's officers; others
 * 403): a header and paragraphs, each marking checked against the scheme and
 * the author's clearance. Returns the new report's id.
 */
export async function createReport(
  deps: ReportsDeps,
  caller: Caller,
  input: z.output<typeof createReportSchema>,
): Promise<string> {
  const party = await authorParty(deps, caller);
  const mark = (marking: z.output<typeof portionMarkingInputSchema>, path: string) =>
    markingFor(deps, caller, [party], marking, path);
  const lowest = `(${deps.deployment.lowest})`;
  const headerMarking = await mark(
    input.headerMarking ?? { classification: lowest, groups: [] },
    'body.headerMarking',
  );
  const paragraphs: NewParagraph[] = [];
  for (const [i, paragraph] of input.paragraphs.entries()) {
    paragraphs.push({
      number: i + 1,
      heading: paragraph.heading ?? null,
      text: paragraph.text,
      anchor: null,
      marking: await mark(paragraph.marking, `body.paragraphs.${i}.marking`),
      mentions: [],
    });
  }
  return writeReport(deps, caller, party, {
    title: input.title,
    subject: input.subject,
    tags: input.tags,
    date: input.date ?? today(deps),
    classifiedBy: input.classificationAuthority.classifiedBy ?? null,
    reasons: input.classificationAuthority.reasons,
    declassifyOn: input.classificationAuthority.declassifyOn ?? null,
    headerMarking,
    paragraphs,
    source: null,
  });
}
