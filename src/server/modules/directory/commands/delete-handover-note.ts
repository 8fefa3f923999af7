import { forbidden } from '../../../../core/errors';
import type { Caller } from '../../../platform/caller';
import { markingOfRow } from '../../../platform/marked-records';
import { mayDeleteHandoverNote } from '../directory.policy';
import { deleteHandoverNote as deleteHandoverNoteRow } from '../roster.repository';
import { visibleHandoverNote } from '../roster.service';
import type { DirectoryCommandDeps } from './directory-change';
import { handoverNoteAuditNote } from './roster-checks';

/** Deletes a handover note: 404 for one the caller may not see, 403 for one they did not write. */
export async function deleteHandoverNote(deps: DirectoryCommandDeps, caller: Caller, id: string) {
  const note = await visibleHandoverNote(deps, caller, id);
  if (!mayDeleteHandoverNote(caller.actor, note)) {
    throw forbidden('not_author', 'Only the author may delete a handover note.');
  }
  await deps.change(caller, 'handover-note.deleted', async ({ tx, audit }) => {
    await deleteHandoverNoteRow(tx, id);
    audit(handoverNoteAuditNote(id, markingOfRow(note), { before: note }));
  });
}
