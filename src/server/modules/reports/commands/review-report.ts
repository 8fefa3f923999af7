import { conflict } from '../../../../core/errors';
import { REPORT_TRANSITIONS } from '../../../../core/reports/workflow';
import type { Caller } from '../../../platform/caller';
import { markingOfRow } from '../../../platform/marked-records';
import { supervisorsOf } from '../../../platform/parties.repository';
import { type ReportsDeps, reportEvent } from '../reports.deps';
import { checkReportAction } from '../reports.policy';
import { visibleHeader } from '../reports.queries';

const STEP_OF = { submit: 'submitted', approve: 'approved', return: 'returned' } as const;
export type ReviewAction = keyof typeof STEP_OF;

/**
 * Submits, approves or returns a report (draft → review → published, or back
 * to draft with a reason), records who did it and what they said, and tells
 * those it concerns: on submission the supervisors who review, on approval or
 * return its author.
 */
export async function reviewReport(
  deps: ReportsDeps,
  caller: Caller,
  id: string,
  action: ReviewAction,
  note: string | null,
): Promise<void> {
  const report = await visibleHeader(deps, caller.actor, id);
  await checkReportAction(deps, caller, report, action);
  const to = REPORT_TRANSITIONS[action].to ?? report.status;
  await deps.change(caller, `report.${STEP_OF[action]}`, async (unit) => {
    const { tx, now } = unit;
    const locked = await deps.reports.lockReport(tx, report.id);
    if (locked.status !== report.status || locked.version !== report.version)
      throw conflict('report_changed_meanwhile', 'The report changed meanwhile: reload it and try again.');
    await deps.reports.updateReport(tx, report.id, {
      status: to,
      review_step: STEP_OF[action],
      review_by: caller.actor.userId,
      review_at: now,
      review_note: note,
      updated_at: now,
    });
    unit.audit({
      subject: { type: 'report', id: report.id },
      details: { from: report.status, to, version: report.version },
      marking: markingOfRow(report),
    });
    // Submitted: the supervisors who review; approved or returned: its author.
    const recipients =
      action === 'submit'
        ? await supervisorsOf(tx, report.author_party)
        : report.author_id
          ? [report.author_id]
          : [];
    const others = recipients.filter((userId) => userId !== caller.actor.userId);
    const kind = `report.${STEP_OF[action]}` as const;
    await deps.notifier?.notifyAboutReport(unit, others, { kind, reportId: report.id, at: now });
    unit.emit(reportEvent(kind, report.id));
  });
}
