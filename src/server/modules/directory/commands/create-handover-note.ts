import type { z } from 'zod';
import type { createHandoverNoteSchema } from '../../../../core/directory/schemas';
import { forbidden, notFound } from '../../../../core/errors';
import type { Caller } from '../../../platform/caller';
import { markingToColumns, resolveMarking } from '../../../platform/marked-records';
import { findDeskWithParty } from '../desks.repository';
import { mayWriteHandoverNotes } from '../directory.policy';
import { DirectoryRepository } from '../directory.repository';
import { insertHandoverNote } from '../roster.repository';
import { visibleHandoverNote } from '../roster.service';
import type { DirectoryCommandDeps } from './directory-change';
import { handoverNoteAuditNote } from './roster-checks';

/**
 * Writes a marked handover note for the desk's next shift (its officers and
 * their party's supervisors; others 403). The marking names the author's party
 * unless it says otherwise. Returns the note as its author sees it.
 */
export async function createHandoverNote(
  deps: DirectoryCommandDeps,
  caller: Caller,
  deskId: string,
  input: z.output<typeof createHandoverNoteSchema>,
) {
  const desk = await findDeskWithParty(deps.db, deskId);
  if (!desk) throw notFound('desk_not_found', 'There is no such desk.');
  const viewer = {
    party: caller.actor.party,
    roles: caller.roles,
    deskIds: await new DirectoryRepository(deps.db).deskIdsOf(caller.actor.userId),
  };
  if (!mayWriteHandoverNotes(viewer, desk)) {
    throw forbidden(
      'not_on_desk',
      "Only the desk's officers and their party's supervisors write its handover notes.",
    );
  }
  const parties = input.marking.parties ?? (caller.actor.party ? [caller.actor.party] : []);
  const marking = await resolveMarking(
    deps.db,
    deps.deployment,
    caller,
    { ...input.marking, parties },
    'body.marking',
  );
  const id = await deps.change(caller, 'handover-note.created', async ({ tx, audit }) => {
    const note = await insertHandoverNote(tx, {
      desk_id: deskId,
      author_id: caller.actor.userId,
      body: input.body,
      ...markingToColumns(marking),
    });
    audit(handoverNoteAuditNote(note.id, marking, { after: note }));
    return note.id;
  });
  return visibleHandoverNote(deps, caller, id);
}
