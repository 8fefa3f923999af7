import type { HandoverNoteDto, ShiftDto } from '../../../core/directory/schemas';
import type { ClassificationScheme } from '../../../core/marking/scheme';
import type { Caller } from '../../platform/caller';
import { markingOfRow, presentMarking } from '../../platform/marked-records';
import { mayDeleteHandoverNote } from './directory.policy';
import type { HandoverNoteRow } from './directory.repository';
import type { ShiftRow } from './roster.repository';

export const presentShift = (shift: ShiftRow): ShiftDto => ({
  id: shift.id,
  deskId: shift.desk_id,
  userId: shift.user_id,
  displayName: shift.display_name,
  startsAt: shift.starts_at.toISOString(),
  endsAt: shift.ends_at.toISOString(),
});

/** A note with its marking spelled out and what the caller may do with it, so the UI offers only that. */
export const presentHandoverNote = (
  scheme: ClassificationScheme,
  caller: Caller,
  note: HandoverNoteRow,
): HandoverNoteDto => ({
  id: note.id,
  deskId: note.desk_id,
  author: note.author_id ? { id: note.author_id, displayName: note.author_name ?? '' } : null,
  body: note.body,
  createdAt: note.created_at.toISOString(),
  marking: presentMarking(scheme, markingOfRow(note)),
  actions: { delete: mayDeleteHandoverNote(caller.actor, note) },
});
