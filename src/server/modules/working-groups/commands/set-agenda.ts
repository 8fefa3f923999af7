import { badRequest } from '../../../../core/errors';
import type { AgendaInput } from '../../../../core/working-groups/meetings';
import type { Caller } from '../../../platform/caller';
import { markingOfRow } from '../../../platform/marked-records';
import type { MeetingsDeps } from '../meetings.deps';
import { findMeeting } from '../meetings.queries';
import { replaceAgenda, updateMeeting } from '../meetings.repository';
import { mustBeScheduled, mustLead, mustSeeAll } from './meeting-checks';

/**
 * Sets a meeting's agenda, in order: a chair or the secretary. Each item's
 * owner must be a member of the group; the first who is not is refused by
 * name (field) and nothing is stored.
 */
export async function setAgenda(
  deps: MeetingsDeps,
  caller: Caller,
  id: string,
  input: AgendaInput,
): Promise<void> {
  const view = await findMeeting(deps, caller, id);
  mustLead(caller, view.group);
  mustSeeAll(view);
  mustBeScheduled(view);
  const members = new Set(view.group.members.map((member) => member.id));
  input.items.forEach((item, index) => {
    if (item.ownerId && !members.has(item.ownerId))
      throw badRequest('agenda_owner_not_in_group', 'An agenda item is owned by someone outside the group.', [
        { path: `body.items.${index}.ownerId`, message: 'Not a member of the group' },
      ]);
  });
  await deps.change(caller, 'meeting.agenda-set', async ({ tx, now, audit, emit }) => {
    await replaceAgenda(
      tx,
      id,
      input.items.map((item, index) => ({
        position: index + 1,
        title: item.title,
        owner_id: item.ownerId ?? null,
        notes: item.notes ?? null,
      })),
    );
    await updateMeeting(tx, id, { updated_at: now });
    audit({
      subject: { type: 'meeting', id },
      details: { items: input.items.length },
      marking: markingOfRow(view.meeting),
    });
    emit({ type: 'meeting.agenda-set', subjectType: 'meeting', subjectId: id });
  });
}
