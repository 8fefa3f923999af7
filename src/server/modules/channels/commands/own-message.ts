import { messageRefusalOf } from '../../../../core/channels/rules';
import type { Caller } from '../../../platform/caller';
import type { ChannelsContext } from '../channels.context';
import type { ChannelAccess } from '../channels.repository';
import { readableMessages } from '../messages.queries';
import type { MessageRow } from '../messages.repository';
import { messageRefusalError } from './checks';

/** A message of the caller's own that can still change (edit, delete, attach: `messageRefusalOf`), or the refusal. */
export async function ownMessage(
  deps: Pick<ChannelsContext, 'db' | 'membership' | 'messages'>,
  caller: Caller,
  row: ChannelAccess,
  seq: number,
): Promise<MessageRow> {
  const [message] = row.status === 'open' ? await readableMessages(deps, caller, row.id, { seq }) : [];
  const refusal = messageRefusalOf(
    'change',
    row,
    message && { authorId: message.author_id, urgent: message.urgent, deleted: message.deleted_at !== null },
    caller.actor.userId,
  );
  if (refusal || !message) throw messageRefusalError(refusal ?? 'message_not_found');
  return message;
}
