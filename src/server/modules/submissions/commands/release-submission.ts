import type { z } from 'zod';
import { badRequest, conflict } from '../../../../core/errors';
import { combineMarkings, formatBanner, formatPortion, type Marking } from '../../../../core/marking/marking';
import { releasableTo } from '../../../../core/reports/releases';
import type {
  SubmissionReleaseResult,
  submissionReleaseInputSchema,
} from '../../../../core/submissions/schemas';
import { submissionVisibility } from '../../../../core/submissions/visibility';
import { actorsOf } from '../../../platform/actors.repository';
import type { Caller } from '../../../platform/caller';
import type { Unit } from '../../../platform/change';
import { markingOfRow, markingToColumns } from '../../../platform/marked-records';
import { supervisorsOf } from '../../../platform/parties.repository';
import { consentEvent, type SubmissionsDeps, submissionEvent } from '../submissions.deps';
import { checkSubmissionAction } from '../submissions.policy';
import { visibleSubmission } from '../submissions.queries';
import type { PortionRow, SubmissionRow } from '../submissions.repository';
import { makeRelease, receivingParty } from './submission-writing';

/**
 * The coordinator's officer releases portions of a submission as they are,
 * to a party. Each portion must say it may go to that party: one kept by its
 * owner, or meant for another party, refuses the whole release, naming it.
 * Portions releasable without more go at once; a release carrying any
 * portion that needs the owner's consent waits for it, and the owner party's
 * supervisors are told: nothing leaves until one approves.
 */
export async function releaseSubmission(
  deps: SubmissionsDeps,
  caller: Caller,
  id: string,
  input: z.output<typeof submissionReleaseInputSchema>,
): Promise<SubmissionReleaseResult> {
  const submission = await visibleSubmission(deps, caller.actor, id);
  await checkSubmissionAction(deps, caller, submission, 'release');
  const party = await receivingParty(deps, input.toParty, 'body.toParty');
  if (party.code === submission.owner_party)
    throw badRequest(
      'release_to_owner',
      `${party.code} owns this submission: it is released to another party.`,
      [{ path: 'body.toParty', message: 'Name the other party' }],
    );
  const { scheme, rule } = deps.deployment;
  const header = markingOfRow(submission);
  if (!releasableTo(scheme, header, party.nationalities))
    throw conflict(
      'header_not_releasable',
      `The title and subject are marked ${formatBanner(scheme, header)}: not releasable to ${party.code}.`,
      { banner: formatBanner(scheme, header), party: party.code },
    );
  const readable = await deps.submissions.portions([id], rule.where(caller.actor, 'p'));
  const chosen = chosenPortions(deps, readable, input.portions, party);
  const needsConsent = chosen.some((portion) => portion.instruction === 'releasable-after-consent');
  const marking = combineMarkings(scheme, [header, ...chosen.map(markingOfRow)]);
  const note = input.note ?? '';

  if (!needsConsent)
    return deps.change(caller, 'submission.released', async (unit) => {
      const locked = await deps.submissions.lock(unit.tx, id);
      const releaseId = await makeRelease(deps, unit, {
        submission: locked,
        portions: chosen,
        toParty: party.code,
        note,
        by: caller.actor.userId,
      });
      unit.audit({
        subject: { type: 'submission', id },
        details: { releaseId, toParty: party.code, portions: chosen.length },
        marking,
      });
      unit.emit(
        { type: 'release.created', subjectType: 'release', subjectId: releaseId },
        submissionEvent('submission.released', id),
      );
      return { status: 'released' as const, releaseId, consentId: null };
    });

  return deps.change(caller, 'consent.requested', async (unit) => {
    await deps.submissions.lock(unit.tx, id);
    const consentId = await deps.submissions.insertConsent(unit.tx, {
      submission_id: id,
      owner_party: submission.owner_party,
      coordinator_party: submission.coordinator_party,
      release_to: party.code,
      portions: chosen.map((portion) => portion.id),
      note,
      requested_by: caller.actor.userId,
      requested_at: unit.now,
      status: 'pending',
      ...markingToColumns(marking),
    });
    unit.audit({
      subject: { type: 'submission', id },
      details: { consentId, toParty: party.code, portions: chosen.length },
      marking,
    });
    unit.emit(
      consentEvent('consent.requested', consentId),
      submissionEvent('submission.consent-requested', id),
    );
    await tellSupervisors(deps, unit, submission, marking);
    return { status: 'awaiting-consent' as const, releaseId: null, consentId };
  });
}

/** The owner party's supervisors who may read everything the release would carry: each one is told. */
async function tellSupervisors(
  deps: SubmissionsDeps,
  unit: Unit,
  submission: SubmissionRow,
  marking: Marking,
) {
  if (!deps.notifier) return;
  const supervisors = await actorsOf(unit.tx, await supervisorsOf(unit.tx, submission.owner_party));
  const recipients = supervisors
    .filter((actor) =>
      submissionVisibility.canSee(deps.deployment.rule, actor, {
        ownerParty: submission.owner_party,
        coordinatorParty: submission.coordinator_party,
        marking,
      }),
    )
    .map((actor) => actor.userId);
  await deps.notifier.notifyAboutSubmission(unit, recipients, {
    kind: 'consent.requested',
    submissionId: submission.id,
    at: unit.now,
  });
}

/**
 * The portions the releaser chose, in the submission's order. A portion the
 * releaser cannot read is not one of this submission's for them; one whose
 * instruction or marking does not allow the party refuses the whole release.
 */
function chosenPortions(
  { deployment }: Pick<SubmissionsDeps, 'deployment'>,
  readable: PortionRow[],
  ids: readonly string[],
  party: { code: string; nationalities: string[] },
): PortionRow[] {
  const { scheme } = deployment;
  for (const [i, id] of ids.entries()) {
    const portion = readable.find((p) => p.id === id);
    if (!portion)
      throw badRequest('unknown_portion', 'That portion is not one of this submission’s.', [
        { path: `body.portions.${i}`, message: 'Not a portion of this submission' },
      ]);
    const number = portion.position + 1;
    if (portion.instruction === 'not-releasable')
      throw conflict(
        'portion_kept_back',
        `Portion ${number} is not releasable: its party gave it to the coordinator alone.`,
        { portion: number },
      );
    if (portion.instruction_party !== party.code)
      throw conflict(
        'portion_not_releasable_to_party',
        `Portion ${number} may be released only to ${portion.instruction_party}, not to ${party.code}.`,
        { portion: number, party: party.code, allowed: portion.instruction_party ?? '' },
      );
    const marking = markingOfRow(portion);
    if (!releasableTo(scheme, marking, party.nationalities))
      throw conflict(
        'portion_not_releasable',
        `Portion ${number} is marked ${formatPortion(scheme, marking)}: not releasable to ${party.code}.`,
        { paragraph: number, portion: formatPortion(scheme, marking), party: party.code },
      );
  }
  return readable.filter((portion) => ids.includes(portion.id));
}
