import { badRequest } from '../../../../core/errors';
import { trailMarking } from '../../../../core/requests/visibility';
import type { Caller } from '../../../platform/caller';
import { markingOfRow } from '../../../platform/marked-records';
import { insertLink } from '../request-entries.repository';
import { threadParty } from './checks';
import type { RequestCommandDeps } from './deps';

/** Relates two requests the caller may see (a movement to the incident it follows, say). */
export async function linkRequests(
  deps: RequestCommandDeps,
  caller: Caller,
  id: string,
  linkedId: string,
): Promise<void> {
  const { queries } = deps;
  const row = await queries.find(caller, id);
  threadParty(caller, row, await queries.relationsOf(caller, row));
  if (linkedId === id) throw badRequest('link_to_itself', 'A request cannot be linked to itself.');
  const linked = await queries.find(caller, linkedId).catch(() => {
    throw badRequest('unknown_linked_request', 'There is no such request to link.', [
      { path: 'body.requestId', message: 'Unknown request' },
    ]);
  });
  await deps.change(caller, 'request.linked', async ({ tx, now, audit, emit }) => {
    await insertLink(tx, {
      request_id: id,
      linked_id: linked.id,
      created_by: caller.actor.userId,
      created_at: now,
    });
    audit({
      subject: { type: 'request', id },
      details: { linkedId: linked.id },
      marking: trailMarking(markingOfRow(row), { status: row.status, fromParty: row.from_party }),
    });
    // linkedId is a reference (platform/events REFERENCES): only those who may see both requests hear of it.
    emit({ type: 'request.linked', subjectType: 'request', subjectId: id, data: { linkedId: linked.id } });
  });
}
