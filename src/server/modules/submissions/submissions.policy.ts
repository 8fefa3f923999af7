import { conflict, forbidden } from '../../../core/errors';
import {
  CONSENT_ROLES,
  holdsAny,
  REPORT_WRITER_ROLES,
  SUBMISSION_WRITER_ROLES,
} from '../../../core/identity/roles';
import type { ConsentAction, SubmissionAction } from '../../../core/submissions/schemas';
import type { Caller } from '../../platform/caller';
import type { SubmissionsDeps } from './submissions.deps';
import type { ConsentRow, SubmissionRow } from './submissions.repository';

/**
 * Who may do what to a submission and its consents. The owner party's
 * officers write and edit it (cleared for every portion of it); the
 * coordinator's officers release portions of it; the owner party's
 * supervisors, cleared for every portion a release would carry, approve or
 * refuse a release that waits for their consent. The views' `actions` offer
 * from these same relations.
 */

type PolicyDeps = Pick<SubmissionsDeps, 'deployment' | 'submissions'>;

/** Portions carry the owner and coordinator columns only through their submission: the rule over `p` uses the access rule alone. */
const portionRule = ({ deployment }: PolicyDeps, caller: Caller) => deployment.rule.where(caller.actor, 'p');

const REFUSALS: Record<SubmissionAction, string> = {
  edit: "A submission is edited by its party's officers cleared for every portion of it.",
  release: "Portions of a submission are released by the coordinator's officers.",
  extract: "Portions of a submission are extracted into a report by the coordinator's report writers.",
};

export async function submissionActions(
  deps: PolicyDeps,
  caller: Caller,
  submission: SubmissionRow,
): Promise<SubmissionAction[]> {
  const actions: SubmissionAction[] = [];
  const party = caller.actor.party;
  if (party === submission.owner_party && holdsAny(caller.roles, SUBMISSION_WRITER_ROLES)) {
    const hidden = await deps.submissions.hiddenPortions(submission.id, portionRule(deps, caller));
    if (hidden === 0) actions.push('edit');
  }
  if (party === submission.coordinator_party && caller.roles.includes('coordinator')) actions.push('release');
  if (party === submission.coordinator_party && holdsAny(caller.roles, REPORT_WRITER_ROLES))
    actions.push('extract');
  return actions;
}

/** Refuses, with the reason, an action the caller may not take on the submission. */
export async function checkSubmissionAction(
  deps: PolicyDeps,
  caller: Caller,
  submission: SubmissionRow,
  action: SubmissionAction,
): Promise<void> {
  if ((await submissionActions(deps, caller, submission)).includes(action)) return;
  throw forbidden(`may_not_${action}_submission`, REFUSALS[action]);
}

export async function consentActions(
  deps: PolicyDeps,
  caller: Caller,
  consent: ConsentRow,
): Promise<ConsentAction[]> {
  if (consent.status !== 'pending') return [];
  if (caller.actor.party !== consent.owner_party || !holdsAny(caller.roles, CONSENT_ROLES)) return [];
  const hidden = await deps.submissions.hiddenPortions(
    consent.submission_id,
    portionRule(deps, caller),
    consent.portions,
  );
  return hidden === 0 ? ['approve', 'refuse'] : [];
}

/** Refuses a decision the caller may not make on the consent as it now is. */
export async function checkConsentAction(
  deps: PolicyDeps,
  caller: Caller,
  consent: ConsentRow,
): Promise<void> {
  if (consent.status !== 'pending')
    throw conflict('consent_decided', `This consent was already ${consent.status}.`, {
      status: consent.status,
    });
  if ((await consentActions(deps, caller, consent)).length === 0)
    throw forbidden(
      'may_not_decide_consent',
      "A release of a party's submission is approved or refused by a supervisor of that party cleared for every portion it carries.",
    );
}
