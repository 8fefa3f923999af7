import type { z } from 'zod';
import { badRequest, conflict } from '../../../../core/errors';
import { combineMarkings } from '../../../../core/marking/marking';
import type { updateSubmissionSchema } from '../../../../core/submissions/schemas';
import type { Caller } from '../../../platform/caller';
import { markingOfRow, markingToColumns, resolveMarking } from '../../../platform/marked-records';
import { type SubmissionsDeps, submissionEvent } from '../submissions.deps';
import { checkSubmissionAction } from '../submissions.policy';
import { visibleSubmission } from '../submissions.queries';
import { portionColumns, portionsFrom } from './submission-writing';

/**
 * Edits a submission (its party's writers cleared for all of it): the fields
 * given replace the old; `portions`, when given, is the whole new list. What
 * was already released stays as it was released; a consent still waiting
 * covers the portions as they are when the supervisor decides.
 */
export async function editSubmission(
  deps: SubmissionsDeps,
  caller: Caller,
  id: string,
  input: z.output<typeof updateSubmissionSchema>,
): Promise<void> {
  const submission = await visibleSubmission(deps, caller.actor, id);
  await checkSubmissionAction(deps, caller, submission, 'edit');
  const parties = { owner: submission.owner_party, coordinator: submission.coordinator_party };
  const headerMarking = input.headerMarking
    ? await resolveMarking(
        deps.db,
        deps.deployment,
        caller,
        { ...input.headerMarking, parties: [parties.owner, parties.coordinator] },
        'body.headerMarking',
      )
    : markingOfRow(submission);
  const portions = input.portions ? await portionsFrom(deps, caller, parties, input.portions) : null;
  await deps.change(caller, 'submission.edited', async ({ tx, now, audit, emit }) => {
    const locked = await deps.submissions.lock(tx, id);
    if (locked.version !== input.version)
      throw conflict(
        'stale_version',
        `This submission was changed since version ${input.version} (it is now version ${locked.version}): reload it and edit again.`,
        { version: locked.version },
      );
    const before = await deps.submissions.allPortions(tx, id);
    if (portions && input.portions) {
      const ids = input.portions.map((portion) => portion.id).filter((pid): pid is string => !!pid);
      for (const [i, pid] of ids.entries())
        if (!before.some((portion) => portion.id === pid) || ids.indexOf(pid) !== i)
          throw badRequest('unknown_portion', 'That portion is not one of this submission’s.', [
            { path: `body.portions.${i}.id`, message: 'Not a portion of this submission' },
          ]);
      await deps.submissions.replacePortionsBegin(tx, id, ids);
      for (const [position, portion] of portions.entries()) {
        const keep = input.portions[position]?.id;
        if (keep) await deps.submissions.updatePortion(tx, keep, { position, ...portionColumns(portion) });
        else
          await deps.submissions.insertPortion(tx, {
            submission_id: id,
            position,
            ...portionColumns(portion),
          });
      }
    }
    await deps.submissions.update(tx, id, {
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.subject !== undefined ? { subject: input.subject } : {}),
      ...markingToColumns(headerMarking),
      version: locked.version + 1,
      updated_at: now,
    });
    const after = await deps.submissions.allPortions(tx, id);
    audit({
      subject: { type: 'submission', id },
      before: { title: locked.title, subject: locked.subject, portions: before },
      after: {
        title: input.title ?? locked.title,
        subject: input.subject ?? locked.subject,
        portions: after,
      },
      details: { version: locked.version + 1 },
      marking: combineMarkings(deps.deployment.scheme, [
        headerMarking,
        markingOfRow(locked),
        ...before.map(markingOfRow),
        ...after.map(markingOfRow),
      ]),
    });
    emit(submissionEvent('submission.edited', id));
  });
}
