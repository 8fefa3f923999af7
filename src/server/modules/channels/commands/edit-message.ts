import { hebrewVariants } from '../../../../core/search/search-text';
import type { Caller } from '../../../platform/caller';
import { markingOfRow } from '../../../platform/marked-records';
import type { ChannelsContext } from '../channels.context';
import { findChannel } from '../channels.queries';
import { mentionable } from '../messages.queries';
import { deletedError, tellRequest } from './checks';
import { ownMessage } from './own-message';

type Deps = Pick<
  ChannelsContext,
  'db' | 'deployment' | 'change' | 'membership' | 'channels' | 'members' | 'messages' | 'details'
>;

/** The author rewrites their message; what it said before is kept in its history. */
export async function editMessage(deps: Deps, caller: Caller, id: string, seq: number, body: string) {
  const row = await findChannel(deps, caller, id);
  const message = await ownMessage(deps, caller, row, seq);
  const marking = markingOfRow(message);
  const mentioned = await mentionable(deps, deps.db, id, body, marking);
  await deps.change(caller, 'channel.message-edited', async (unit) => {
    const { tx, now, audit, emit } = unit;
    const locked = await deps.messages.lockMessage(tx, message.id);
    if (locked.deleted_at || locked.body === null) throw deletedError();
    await deps.messages.edit(
      tx,
      { id: locked.id, body: locked.body, writtenAt: locked.edited_at ?? locked.created_at },
      body,
      hebrewVariants(body),
      now,
    );
    await deps.details.addMentions(tx, locked.id, mentioned);
    audit({
      subject: { type: 'channel', id },
      before: { body: locked.body },
      after: { body },
      details: { seq },
      marking,
    });
    await tellRequest(unit, row, { seq, change: 'edited' }, marking);
    emit({ type: 'message.updated', subjectType: 'channel', subjectId: id, data: { seq, change: 'edited' } });
  });
}
