import { conflict, forbidden } from '../../../core/errors';
import { REPORT_WRITER_ROLES } from '../../../core/identity/roles';
import {
  allowedReportActions,
  REPORT_TRANSITIONS,
  type ReportAction,
  type ReportRelation,
} from '../../../core/reports/workflow';
import type { Caller } from '../../platform/caller';
import type { Change } from '../../platform/change';
import type { DeploymentContext } from '../../platform/deployment-context';
import type { EventDraft } from '../../platform/event-draft';
import { markingOfRow } from '../../platform/marked-records';
import { supervisorsOf } from '../../platform/parties';
import type { NotificationsService } from '../notifications/notifications.service';
import type { ReportsRepository } from './reports.repository';
import type { ReportRow } from './reports.service';

const WRITER_ROLES: readonly string[] = REPORT_WRITER_ROLES; // shared with /api/me's abilities

/** What changed in a report, for the live pages of those who may see it (audience: `ReportsService.audienceOf`). */
export const reportEvent = (type: string, reportId: string): EventDraft => ({
  type,
  subjectType: 'report',
  subjectId: reportId,
});

/** Who tells people of a review step: the notifications module (none for the command line). */
export type ReviewNotifier = Pick<NotificationsService, 'notifyAboutReport'>;

const STEP_OF = { submit: 'submitted', approve: 'approved', return: 'returned' } as const;
type ReviewAction = keyof typeof STEP_OF;

const REFUSALS: Record<ReportAction, string> = {
  edit: "Reports are edited by the coordinator's officers cleared for every portion of them.",
  submit: "Reports are submitted for review by the coordinator's officers cleared for every portion of them.",
  approve:
    'A report is approved by a supervisor of the coordinator cleared for every portion of it, who did not write it.',
  return:
    'A report is returned by a supervisor of the coordinator cleared for every portion of it, who did not write it.',
  release: 'Releasing a report to a party takes the coordinator role.',
};

/**
 * Who may do what to a report, and the review steps: draft → review →
 * published, or back to draft with a reason. The rules themselves are the
 * pure state machine in src/core/reports/workflow.ts.
 */
export class ReportWorkflow {
  constructor(
    private readonly change: Change,
    private readonly deployment: DeploymentContext,
    private readonly repo: ReportsRepository,
    private readonly tell: ReviewNotifier | null,
  ) {}

  /** How `caller` stands to the report: only someone who may read all of it may change it. */
  async relations(caller: Caller, report: ReportRow): Promise<Set<ReportRelation>> {
    const relations = new Set<ReportRelation>();
    if (caller.actor.party !== report.author_party) return relations;
    if (caller.roles.includes('coordinator')) relations.add('releaser');
    const hidden = await this.repo.hiddenParagraphs(report.id, this.deployment.rule.where(caller.actor, 'p'));
    if (hidden > 0) return relations;
    if (caller.roles.some((role) => WRITER_ROLES.includes(role))) relations.add('writer');
    if (caller.roles.includes('supervisor') && caller.actor.userId !== report.author_id)
      relations.add('reviewer');
    return relations;
  }

  async actions(caller: Caller, report: ReportRow): Promise<ReportAction[]> {
    return allowedReportActions(report.status, await this.relations(caller, report));
  }

  /** Refuses, with the reason, an action the caller may not take on the report as it now is. */
  async check(caller: Caller, report: ReportRow, action: ReportAction): Promise<void> {
    const transition = REPORT_TRANSITIONS[action];
    if (!(await this.relations(caller, report)).has(transition.by))
      throw forbidden(`may_not_${action}`, REFUSALS[action]);
    if (!transition.from.includes(report.status))
      throw conflict(
        action === 'release' ? 'report_not_published' : `cannot_${action}_${report.status}`,
        action === 'release'
          ? 'Only a published report is released: have it reviewed and approved first.'
          : `A report in ${report.status} cannot be ${action === 'submit' ? 'submitted' : `${action}d`}.`,
      );
  }

  /** Submits, approves or returns the report, and records who did it and what they said. */
  async review(caller: Caller, report: ReportRow, action: ReviewAction, note: string | null) {
    await this.check(caller, report, action);
    const to = REPORT_TRANSITIONS[action].to ?? report.status;
    await this.change(caller, `report.${STEP_OF[action]}`, async (unit) => {
      const { tx, now } = unit;
      const locked = await this.repo.lockReport(tx, report.id);
      if (locked.status !== report.status || locked.version !== report.version)
        throw conflict('report_changed_meanwhile', 'The report changed meanwhile: reload it and try again.');
      await tx
        .updateTable('reports')
        .set({
          status: to,
          review_step: STEP_OF[action],
          review_by: caller.actor.userId,
          review_at: now,
          review_note: note,
          updated_at: now,
        })
        .where('id', '=', report.id)
        .execute();
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
      await this.tell?.notifyAboutReport(unit, others, { kind, reportId: report.id, at: now });
      unit.emit(reportEvent(kind, report.id));
    });
  }
}
