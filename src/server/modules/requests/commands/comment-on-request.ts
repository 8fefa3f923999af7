import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { commentInputSchema } from '../../../../core/requests/schemas';
import type { Caller } from '../../../platform/caller';
import { markingOfRow } from '../../../platform/marked-records';
import { insertNote } from '../request-entries.repository';
import { updateRequest } from '../requests.repository';
import { threadParty } from './checks';
import type { RequestCommandDeps } from './deps';

/**
 * Writes in the request's thread: a message of the request's channel (posted
 * by the channels module), or an internal note kept to the author's party.
 * Answers the id of what was written (for a message posted before with the
 * same key, that message).
 */
export async function commentOnRequest(
  deps: RequestCommandDeps,
  caller: Caller,
  id: string,
  input: z.output<typeof commentInputSchema>,
): Promise<string> {
  const { queries, threads } = deps;
  const row = await queries.find(caller, id);
  const party = threadParty(caller, row, await queries.relationsOf(caller, row));
  if (!input.internal) {
    const { channelId, seq } = await threads.post(caller, id, {
      body: input.body,
      idempotencyKey: input.idempotencyKey ?? randomUUID(),
    });
    return threads.messageId(channelId, seq);
  }
  return deps.change(caller, 'request.commented', async ({ tx, now, audit, emit }) => {
    const commentId = await insertNote(tx, {
      request_id: id,
      author_id: caller.actor.userId,
      author_party: party,
      body: input.body,
      internal_party: party,
      created_at: now,
    });
    await updateRequest(tx, id, { updated_at: now });
    audit({
      subject: { type: 'request', id },
      after: { body: input.body, internal: true },
      details: { commentId, internal: true },
      // An internal note's audit entry is as private as the note.
      marking: { ...markingOfRow(row), parties: [party] },
    });
    emit({
      type: 'request.commented',
      subjectType: 'request',
      subjectId: id,
      data: { commentId, internalParty: party },
    });
    return commentId;
  });
}
