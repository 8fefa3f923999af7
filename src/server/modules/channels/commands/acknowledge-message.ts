import { messageRefusalOf } from '../../../../core/channels/rules';
import type { Caller } from '../../../platform/caller';
import { markingOfRow } from '../../../platform/marked-records';
import type { ChannelsContext } from '../channels.context';
import { findChannel } from '../channels.queries';
import { readableMessages } from '../messages.queries';
import { messageRefusalError } from './checks';

type Deps = Pick<ChannelsContext, 'db' | 'change' | 'membership' | 'channels' | 'messages' | 'details'>;

/** A recipient confirms they saw an urgent message (again is harmless); its author sees who has and who has not. */
export async function acknowledgeMessage(deps: Deps, caller: Caller, id: string, seq: number): Promise<void> {
  const row = await findChannel(deps, caller, id);
  const [message] = row.status === 'open' ? await readableMessages(deps, caller, id, { seq }) : [];
  const refusal = messageRefusalOf(
    'acknowledge',
    row,
    message && { authorId: message.author_id, urgent: message.urgent, deleted: message.deleted_at !== null },
    caller.actor.userId,
  );
  if (refusal || !message) throw messageRefusalError(refusal ?? 'message_not_found');
  await deps.change(caller, 'channel.message-acknowledged', async ({ tx, now, audit, emit }) => {
    if (!(await deps.details.acknowledge(tx, message.id, caller.actor.userId, now))) return;
    audit({ subject: { type: 'channel', id }, details: { seq }, marking: markingOfRow(message) });
    emit({
      type: 'message.acknowledged',
      subjectType: 'channel',
      subjectId: id,
      data: { seq, userId: caller.actor.userId },
    });
  });
}
