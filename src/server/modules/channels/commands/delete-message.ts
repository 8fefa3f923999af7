import type { Caller } from '../../../platform/caller';
import { markingOfRow } from '../../../platform/marked-records';
import type { ChannelsContext } from '../channels.context';
import { findChannel } from '../channels.queries';
import { deletedError, tellRequest } from './checks';
import { ownMessage } from './own-message';

type Deps = Pick<ChannelsContext, 'db' | 'change' | 'membership' | 'channels' | 'messages'>;

/** Deletes a message's words: a tombstone keeps its place in the sequence. */
export async function deleteMessage(deps: Deps, caller: Caller, id: string, seq: number): Promise<void> {
  const row = await findChannel(deps, caller, id);
  const message = await ownMessage(deps, caller, row, seq);
  await deps.change(caller, 'channel.message-deleted', async (unit) => {
    const { tx, now, audit, emit } = unit;
    const locked = await deps.messages.lockMessage(tx, message.id);
    if (locked.deleted_at) throw deletedError();
    await deps.messages.tombstone(tx, locked.id, caller.actor.userId, now);
    audit({
      subject: { type: 'channel', id },
      before: { body: locked.body },
      details: { seq },
      marking: markingOfRow(locked),
    });
    await tellRequest(unit, row, { seq, change: 'deleted' }, markingOfRow(locked));
    emit({
      type: 'message.updated',
      subjectType: 'channel',
      subjectId: id,
      data: { seq, change: 'deleted' },
    });
  });
}
