import { conflict, forbidden } from '../../../core/errors';
import { REPORT_WRITER_ROLES } from '../../../core/identity/roles';
import {
  allowedReportActions,
  REPORT_TRANSITIONS,
  type ReportAction,
  type ReportRelation,
} from '../../../core/reports/workflow';
import type { Caller } from '../../platform/caller';
import type { ReportsDeps } from './reports.deps';
import type { ReportRow } from './reports.repository';

const WRITER_ROLES: readonly string[] = REPORT_WRITER_ROLES; // shared with /api/me's abilities

const REFUSALS: Record<ReportAction, string> = {
  edit: "Reports are edited by the coordinator's officers cleared for every portion of them.",
  submit: "Reports are submitted for review by the coordinator's officers cleared for every portion of them.",
  approve:
    'A report is approved by a supervisor of the coordinator cleared for every portion of it, who did not write it.',
  return:
    'A report is returned by a supervisor of the coordinator cleared for every portion of it, who did not write it.',
  release: 'Releasing a report to a party takes the coordinator role.',
};

type PolicyDeps = Pick<ReportsDeps, 'deployment' | 'reports'>;

/**
 * Who may do what to a report: draft → review → published, or back to draft
 * with a reason. The rules themselves are the pure state machine in
 * src/core/reports/workflow.ts; the commands refuse and the views' `actions`
 * offer from the same relations.
 */

/** How `caller` stands to the report: only someone who may read all of it may change it. */
export async function reportRelations(
  { deployment, reports }: PolicyDeps,
  caller: Caller,
  report: ReportRow,
): Promise<Set<ReportRelation>> {
  const relations = new Set<ReportRelation>();
  if (caller.actor.party !== report.author_party) return relations;
  if (caller.roles.includes('coordinator')) relations.add('releaser');
  const hidden = await reports.hiddenParagraphs(report.id, deployment.rule.where(caller.actor, 'p'));
  if (hidden > 0) return relations;
  if (caller.roles.some((role) => WRITER_ROLES.includes(role))) relations.add('writer');
  if (caller.roles.includes('supervisor') && caller.actor.userId !== report.author_id)
    relations.add('reviewer');
  return relations;
}

/** What `caller` may do to the report now. */
export async function reportActions(
  deps: PolicyDeps,
  caller: Caller,
  report: ReportRow,
): Promise<ReportAction[]> {
  return allowedReportActions(report.status, await reportRelations(deps, caller, report));
}

/** Refuses, with the reason, an action the caller may not take on the report as it now is. */
export async function checkReportAction(
  deps: PolicyDeps,
  caller: Caller,
  report: ReportRow,
  action: ReportAction,
): Promise<void> {
  const transition = REPORT_TRANSITIONS[action];
  if (!(await reportRelations(deps, caller, report)).has(transition.by))
    throw forbidden(`may_not_${action}`, REFUSALS[action]);
  if (!transition.from.includes(report.status))
    throw conflict(
      action === 'release' ? 'report_not_published' : `cannot_${action}_${report.status}`,
      action === 'release'
        ? 'Only a published report is released: have it reviewed and approved first.'
        : `A report in ${report.status} cannot be ${action === 'submit' ? 'submitted' : `${action}d`}.`,
    );
}
