import type { z } from 'zod';
import { combineMarkings } from '../../../../core/marking/marking';
import type { createSubmissionSchema } from '../../../../core/submissions/schemas';
import type { Caller } from '../../../platform/caller';
import { markingToColumns, resolveMarking } from '../../../platform/marked-records';
import { type SubmissionsDeps, submissionEvent } from '../submissions.deps';
import { coordinatorParty, portionColumns, portionsFrom, writerParty } from './submission-writing';

/**
 * A party's officer hands the coordinator a submission: a header and
 * portions, each marked (held by the party and the coordinator alone) and
 * each with its release instruction. Returns the new submission's id.
 */
export async function createSubmission(
  deps: SubmissionsDeps,
  caller: Caller,
  input: z.output<typeof createSubmissionSchema>,
): Promise<string> {
  const owner = await writerParty(deps, caller);
  const coordinator = await coordinatorParty(deps);
  const headerMarking = await resolveMarking(
    deps.db,
    deps.deployment,
    caller,
    {
      ...(input.headerMarking ?? { classification: `(${deps.deployment.lowest})`, groups: [] }),
      parties: [owner, coordinator],
    },
    'body.headerMarking',
  );
  const portions = await portionsFrom(deps, caller, { owner, coordinator }, input.portions);
  return deps.change(caller, 'submission.created', async ({ tx, now, audit, emit }) => {
    const id = await deps.submissions.insert(tx, {
      title: input.title,
      subject: input.subject,
      owner_party: owner,
      coordinator_party: coordinator,
      author_id: caller.actor.userId,
      created_at: now,
      updated_at: now,
      ...markingToColumns(headerMarking),
    });
    for (const [position, portion] of portions.entries())
      await deps.submissions.insertPortion(tx, { submission_id: id, position, ...portionColumns(portion) });
    audit({
      subject: { type: 'submission', id },
      after: { title: input.title, subject: input.subject, headerMarking, portions },
      details: { portions: portions.length },
      // Only those who may read all of it see that it was written: never the other party (its audience is the owner and the coordinator).
      marking: combineMarkings(deps.deployment.scheme, [headerMarking, ...portions.map((p) => p.marking)]),
    });
    emit(submissionEvent('submission.created', id));
    return id;
  });
}
