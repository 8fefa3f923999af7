import type { z } from 'zod';
import { badRequest, conflict } from '../../../../core/errors';
import type { Marking } from '../../../../core/marking/marking';
import type { extractReportSchema } from '../../../../core/submissions/schemas';
import type { Caller } from '../../../platform/caller';
import { markingOfRow } from '../../../platform/marked-records';
import { today, writeReport } from '../../reports/commands/report-writing';
import type { SubmissionsDeps } from '../submissions.deps';
import { checkSubmissionAction } from '../submissions.policy';
import { visibleSubmission } from '../submissions.queries';

/**
 * The coordinator's report writer copies portions of a submission into a new
 * draft report of the coordinator (reusing report creation): each paragraph
 * keeps its portion's marking, held by the coordinator, and remembers the
 * portion it came from, so that the portion's release instruction binds every
 * release of the report (release-report.ts): nothing extracted leaves around
 * the owner's instruction or consent. Returns the report's id.
 */
export async function extractReport(
  deps: SubmissionsDeps,
  caller: Caller,
  id: string,
  input: z.output<typeof extractReportSchema>,
): Promise<string> {
  const reports = deps.reports;
  if (!reports) throw conflict('reports_unavailable', 'Reports cannot be written here.');
  const submission = await visibleSubmission(deps, caller.actor, id);
  await checkSubmissionAction(deps, caller, submission, 'extract');
  const readable = await deps.submissions.portions([id], deps.deployment.rule.where(caller.actor, 'p'));
  for (const [i, portionId] of input.portions.entries())
    if (!readable.some((portion) => portion.id === portionId))
      throw badRequest('unknown_portion', 'That portion is not one of this submission’s.', [
        { path: `body.portions.${i}`, message: 'Not a portion of this submission' },
      ]);
  const chosen = readable.filter((portion) => input.portions.includes(portion.id));
  const coordinator = submission.coordinator_party;
  const held = (marking: Marking): Marking => ({ ...marking, parties: [coordinator] });
  return writeReport(reports, caller, coordinator, {
    title: input.title ?? submission.title,
    subject: submission.subject,
    tags: [],
    date: today(reports),
    classifiedBy: null,
    reasons: [],
    declassifyOn: null,
    headerMarking: held(markingOfRow(submission)),
    paragraphs: chosen.map((portion, i) => ({
      number: i + 1,
      heading: portion.heading,
      text: portion.body,
      anchor: null,
      marking: held(markingOfRow(portion)),
      mentions: [],
      sourcePortionId: portion.id,
    })),
    source: null,
  });
}
