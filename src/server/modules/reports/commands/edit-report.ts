import type { z } from 'zod';
import { badRequest, conflict } from '../../../../core/errors';
import { combineMarkings } from '../../../../core/marking/marking';
import type { portionMarkingInputSchema, updateReportSchema } from '../../../../core/reports/schemas';
import { REPORT_TRANSITIONS } from '../../../../core/reports/workflow';
import { searchExtraOf } from '../../../../core/search/search-text';
import type { Caller } from '../../../platform/caller';
import type { Tx } from '../../../platform/db/database';
import { markingOfRow, markingToColumns } from '../../../platform/marked-records';
import type { KnownName } from '../../directory/places.repository';
import { type ReportsDeps, reportEvent } from '../reports.deps';
import { checkReportAction } from '../reports.policy';
import { visibleHeader } from '../reports.queries';
import type { ParagraphRow } from '../reports.repository';
import {
  directoryNames,
  insertParagraph,
  markingFor,
  type NewParagraph,
  recordVersion,
} from './report-writing';

type EditedParagraph = NewParagraph & { id?: string };

/**
 * Edits a report: the fields given replace the report's, and `paragraphs`
 * the whole list (a paragraph keeps its id, and the names found in it,
 * while its text is unchanged). A new version is kept, and a report under
 * review or published goes back to draft: what was approved is never
 * silently changed. An edit over a newer version than the editor's is refused.
 */
export async function editReport(
  deps: ReportsDeps,
  caller: Caller,
  id: string,
  input: z.output<typeof updateReportSchema>,
): Promise<void> {
  const report = await visibleHeader(deps, caller.actor, id);
  await checkReportAction(deps, caller, report, 'edit');
  const party = report.author_party;
  const mark = (marking: z.output<typeof portionMarkingInputSchema>, path: string) =>
    markingFor(deps, caller, [party], marking, path);
  const headerMarking = input.headerMarking
    ? await mark(input.headerMarking, 'body.headerMarking')
    : markingOfRow(report);
  const edited: EditedParagraph[] | null = input.paragraphs ? [] : null;
  for (const [i, paragraph] of (input.paragraphs ?? []).entries())
    edited?.push({
      id: paragraph.id,
      number: i + 1,
      heading: paragraph.heading ?? null,
      text: paragraph.text,
      anchor: null,
      marking: await mark(paragraph.marking, `body.paragraphs.${i}.marking`),
      mentions: [],
    });
  const authority = input.classificationAuthority;
  const directory = await directoryNames(deps);
  await deps.change(caller, 'report.edited', async ({ tx, now, audit, emit }) => {
    const locked = await deps.reports.lockReport(tx, id);
    if (locked.version !== input.version)
      throw conflict(
        'report_edited_meanwhile',
        `Version ${locked.version} was saved after version ${input.version}, which you edited: reload the report and edit again.`,
      );
    const before = await deps.reports.allParagraphs(tx, id);
    const paragraphs = edited
      ? await replaceParagraphs(deps, tx, now, id, before, edited, directory)
      : before.map((row) => ({ heading: row.heading, text: row.body, marking: markingOfRow(row) }));
    const version = locked.version + 1;
    const status = REPORT_TRANSITIONS.edit.to ?? locked.status;
    const next = {
      title: input.title ?? locked.title,
      subject: input.subject ?? locked.subject,
      tags: input.tags ?? locked.tags,
      date: input.date ?? report.date,
      headerMarking,
      paragraphs,
    };
    await deps.reports.updateReport(tx, id, {
      title: next.title,
      subject: next.subject,
      tags: next.tags,
      report_date: next.date,
      ...(authority && {
        classified_by: authority.classifiedBy ?? null,
        reasons: authority.reasons,
        declassify_on: authority.declassifyOn ?? null,
      }),
      ...markingToColumns(headerMarking),
      version,
      status,
      // A review step speaks of what was reviewed; once the text changes, it no longer applies.
      ...(status !== locked.status && {
        review_step: null,
        review_by: null,
        review_at: null,
        review_note: null,
      }),
      updated_at: now,
    });
    await recordVersion(deps, tx, id, version, 'edited', caller.actor.userId, now, next);
    audit({
      subject: { type: 'report', id },
      before: { header: locked, paragraphs: before },
      after: next,
      details: { version, from: locked.status, to: status },
      // Only those who may read both the old and the new text see that it changed.
      marking: combineMarkings(deps.deployment.scheme, [
        markingOfRow(locked),
        headerMarking,
        ...before.map(markingOfRow),
        ...paragraphs.map((paragraph) => paragraph.marking),
      ]),
    });
    emit(reportEvent('report.edited', id));
  });
}

/**
 * Puts the edited paragraphs in place of the report's: those kept (by id)
 * are updated where they stand, the rest deleted or inserted. A kept
 * paragraph whose text changed loses the names found in it: their places
 * in the text no longer hold.
 */
async function replaceParagraphs(
  deps: ReportsDeps,
  tx: Tx,
  now: Date,
  reportId: string,
  before: ParagraphRow[],
  edited: EditedParagraph[],
  directory: KnownName[],
) {
  const existing = new Map(before.map((row) => [row.id, row]));
  const seen = new Set<string>();
  for (const [i, paragraph] of edited.entries()) {
    if (!paragraph.id) continue;
    if (!existing.has(paragraph.id) || seen.has(paragraph.id))
      throw badRequest('unknown_paragraph', 'That paragraph is not one of this report’s, or appears twice.', [
        { path: `body.paragraphs.${i}.id`, message: 'Not a paragraph of this report' },
      ]);
    seen.add(paragraph.id);
  }
  await deps.reports.replaceParagraphsBegin(tx, reportId, [...seen]);
  for (const [position, paragraph] of edited.entries()) {
    const kept = paragraph.id ? existing.get(paragraph.id) : undefined;
    if (kept) await deps.reports.updateParagraph(tx, kept, position, paragraph, searchExtraOf(paragraph));
    else await insertParagraph(deps, tx, now, reportId, position, paragraph, directory);
  }
  return edited.map((paragraph) => ({
    heading: paragraph.heading,
    text: paragraph.text,
    marking: paragraph.marking,
  }));
}
