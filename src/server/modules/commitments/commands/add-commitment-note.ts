import { badRequest } from '../../../../core/errors';
import type { Caller } from '../../../platform/caller';
import { markingOfRow } from '../../../platform/marked-records';
import { type CommitmentsDeps, commitmentEvent } from '../commitments.deps';
import { standingToCommitment, visibleCommitment } from '../commitments.queries';
import { insertNote } from '../commitments.repository';
import { commitmentNote, notAMember } from './commitment-writing';

/**
 * Adds a note to a commitment. An internal note is kept to the author's
 * party (the internal-entry rule of requests): its audit entry is marked for
 * that party alone, and no live event tells the other side it exists.
 */
export async function addCommitmentNote(
  deps: CommitmentsDeps,
  caller: Caller,
  id: string,
  input: { body: string; internal: boolean },
) {
  const party = caller.actor.party;
  if (input.internal && party === null)
    throw badRequest('internal_needs_party', 'Only someone of a party keeps a note internal to it.', [
      { path: 'body.internal', message: 'You belong to no party' },
    ]);
  return deps.change(caller, 'commitment.noted', async ({ tx, now, audit, emit }) => {
    const row = await visibleCommitment(deps, caller, id, tx);
    const { view } = await standingToCommitment(deps, caller, row, tx);
    if (!view.members.some((member) => member.id === caller.actor.userId)) throw notAMember();
    const internalParty = input.internal ? party : null;
    const noteId = await insertNote(tx, {
      commitment_id: id,
      author_id: caller.actor.userId,
      author_party: party,
      body: input.body,
      internal_party: internalParty,
      created_at: now,
    });
    const marking = markingOfRow(row);
    audit(
      commitmentNote(id, internalParty ? { ...marking, parties: [internalParty] } : marking, {
        noteId,
        internal: input.internal,
      }),
    );
    if (!internalParty) emit(commitmentEvent('commitment.noted', id));
    return noteId;
  });
}
