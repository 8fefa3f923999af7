import type { z } from 'zod';
import { badRequest, conflict } from '../../../../core/errors';
import { combineMarkings, type Marking } from '../../../../core/marking/marking';
import { releasableTo } from '../../../../core/reports/releases';
import type { consentDecisionSchema } from '../../../../core/submissions/schemas';
import { submissionVisibility } from '../../../../core/submissions/visibility';
import { actorsOf } from '../../../platform/actors.repository';
import type { Caller } from '../../../platform/caller';
import { markingOfRow } from '../../../platform/marked-records';
import { consentEvent, type SubmissionsDeps, submissionEvent } from '../submissions.deps';
import { checkConsentAction } from '../submissions.policy';
import { viewConsent } from '../submissions.queries';
import { makeRelease, receivingParty } from './submission-writing';

/**
 * The owner party's supervisor approves or refuses a release that waits for
 * consent. An approval makes the release there and then, with its exchange,
 * in the same transaction; a refusal is recorded (with why) and nothing
 * leaves. The coordinator's officer who asked is told either way.
 */
export async function decideConsent(
  deps: SubmissionsDeps,
  caller: Caller,
  id: string,
  input: z.output<typeof consentDecisionSchema>,
): Promise<void> {
  const view = await viewConsent(deps, caller, id);
  await checkConsentAction(deps, caller, view.consent);
  if (input.decision === 'refuse' && !input.note)
    throw badRequest('say_why', 'Say why the release is refused.', [
      { path: 'body.note', message: 'Say why the release is refused' },
    ]);
  const action = input.decision === 'approve' ? 'consent.approved' : 'consent.refused';
  // Read before the change: inside it, the transaction is the only connection (PGlite has one).
  const party = await receivingParty(deps, view.consent.release_to, 'consent.releaseTo');
  await deps.change(caller, action, async (unit) => {
    const { tx, now } = unit;
    const consent = await deps.submissions.lockConsent(tx, id);
    if (consent.status !== 'pending')
      throw conflict('consent_decided', `This consent was already ${consent.status}.`, {
        status: consent.status,
      });
    const submission = await deps.submissions.lock(tx, consent.submission_id);
    let releaseId: string | null = null;
    if (input.decision === 'approve') {
      const portions = (await deps.submissions.allPortions(tx, submission.id)).filter((portion) =>
        consent.portions.includes(portion.id),
      );
      // As the submission is now: every portion still there, still meant for that party, and marked so that it may go.
      const mayGo = (marking: Marking) => releasableTo(deps.deployment.scheme, marking, party.nationalities);
      const intact =
        portions.length === consent.portions.length &&
        mayGo(markingOfRow(submission)) &&
        portions.every(
          (portion) =>
            portion.instruction !== 'not-releasable' &&
            portion.instruction_party === consent.release_to &&
            mayGo(markingOfRow(portion)),
        );
      if (!intact)
        throw conflict(
          'consent_outdated',
          'The submission changed since this release was asked for: a portion is gone or no longer releasable to that party. Refuse it; the coordinator can ask again.',
        );
      releaseId = await makeRelease(deps, unit, {
        submission,
        portions,
        toParty: consent.release_to,
        note: consent.note,
        by: consent.requested_by,
      });
    }
    await deps.submissions.decideConsent(tx, id, {
      status: input.decision === 'approve' ? 'approved' : 'refused',
      decided_by: caller.actor.userId,
      decided_at: now,
      decision_note: input.note ?? null,
      release_id: releaseId,
    });
    const marking = combineMarkings(deps.deployment.scheme, [
      markingOfRow(consent),
      markingOfRow(submission),
    ]);
    unit.audit({
      subject: { type: 'submission', id: submission.id },
      details: { consentId: id, toParty: consent.release_to, ...(releaseId ? { releaseId } : {}) },
      marking,
    });
    unit.emit(
      consentEvent(action, id),
      submissionEvent(
        input.decision === 'approve' ? 'submission.released' : 'submission.consent-refused',
        submission.id,
      ),
    );
    if (releaseId) unit.emit({ type: 'release.created', subjectType: 'release', subjectId: releaseId });
    if (deps.notifier) {
      const [requester] = await actorsOf(tx, [consent.requested_by]);
      const facts = {
        ownerParty: consent.owner_party,
        coordinatorParty: consent.coordinator_party,
        marking: markingOfRow(consent),
      };
      if (requester && submissionVisibility.canSee(deps.deployment.rule, requester, facts))
        await deps.notifier.notifyAboutSubmission(unit, [requester.userId], {
          kind: action,
          submissionId: submission.id,
          at: now,
        });
    }
  });
}
