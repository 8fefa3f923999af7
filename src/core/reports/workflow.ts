/**
 * The life of a report: an author drafts it and submits it for review; a
 * supervisor of the coordinator (never its author) approves it, publishing
 * it, or returns it with a reason. Only a published report is released to a
 * party. Editing a report under review or published sends it back to draft:
 * what was approved is never silently changed.
 */
import { REPORT_ACTION_NAMES, type REPORT_STATUSES } from './schemas';

export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const REPORT_ACTIONS = REPORT_ACTION_NAMES;
export type ReportAction = (typeof REPORT_ACTIONS)[number];

/**
 * How a user stands to a report. `writer`: one of the coordinator's officers
 * who may read all of it; `reviewer`: a supervisor of the coordinator who may
 * read all of it and did not write it; `releaser`: a coordinator.
 */
export type ReportRelation = 'writer' | 'reviewer' | 'releaser';

interface Transition {
  from: readonly ReportStatus[];
  /** Absent: the status does not change. */
  to?: ReportStatus;
  by: ReportRelation;
  needs?: 'reason';
}

export const REPORT_TRANSITIONS: Record<ReportAction, Transition> = {
  edit: { from: ['draft', 'review', 'published'], to: 'draft', by: 'writer' },
  submit: { from: ['draft'], to: 'review', by: 'writer' },
  approve: { from: ['review'], to: 'published', by: 'reviewer' },
  return: { from: ['review'], to: 'draft', by: 'reviewer', needs: 'reason' },
  release: { from: ['published'], by: 'releaser' },
};

/** What a user standing in `relations` may do to a report in `status`. */
export function allowedReportActions(
  status: ReportStatus,
  relations: ReadonlySet<ReportRelation>,
): ReportAction[] {
  return REPORT_ACTIONS.filter((action) => {
    const transition = REPORT_TRANSITIONS[action];
    return transition.from.includes(status) && relations.has(transition.by);
  });
}
