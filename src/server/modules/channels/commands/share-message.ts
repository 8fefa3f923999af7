import { messageRefusalOf } from '../../../../core/channels/rules';
import type { Caller } from '../../../platform/caller';
import { markingOfRow } from '../../../platform/marked-records';
import { workingGroupRows } from '../../directory/directory-lookups.repository';
import { categoryOfGroup } from '../../exchanges/categories';
import { recordExchange } from '../../exchanges/record-exchange';
import type { ChannelsContext } from '../channels.context';
import { findChannel } from '../channels.queries';
import { readableMessages } from '../messages.queries';
import { messageRefusalError } from './checks';

type Deps = Pick<
  ChannelsContext,
  'db' | 'change' | 'membership' | 'channels' | 'messages' | 'details' | 'deployment'
>;

/**
 * Its author shares a message of a working group's channel as information:
 * once, and from then on the exchange ledger counts it from the author's
 * party to each other party of the group, in the group's category, marked as
 * the message. Chat that is not shared is not counted.
 */
export async function shareMessage(deps: Deps, caller: Caller, id: string, seq: number): Promise<void> {
  const channel = await findChannel(deps, caller, id);
  const [message] = channel.status === 'open' ? await readableMessages(deps, caller, id, { seq }) : [];
  const facts = message && {
    authorId: message.author_id,
    urgent: message.urgent,
    deleted: message.deleted_at !== null,
    shared: message.shared_at !== null,
    groupChannel: channel.directory_key?.startsWith('group:') ?? false,
  };
  const refusal = messageRefusalOf('share', channel, facts, caller.actor.userId);
  if (refusal || !message) throw messageRefusalError(refusal ?? 'message_not_found');
  const groupId = (channel.directory_key as string).slice('group:'.length);
  await deps.change(caller, 'channel.message-shared', async ({ tx, now, audit, emit }) => {
    if (!(await deps.messages.markShared(tx, message.id, caller.actor.userId, now))) return;
    const [group] = await workingGroupRows(tx, groupId);
    const from = caller.actor.party as string;
    const marking = markingOfRow(message);
    for (const to of (group?.parties ?? []).filter((party) => party !== from))
      await recordExchange(
        { tx, emit },
        {
          from_party: from,
          to_party: to,
          kind: 'share',
          category: categoryOfGroup(deps.deployment, group?.code ?? ''),
          subject_type: 'message',
          subject_id: message.id,
          source_type: 'channel',
          source_id: id,
          at: now,
          // Counted only by who may open the message: the group's members (its need-to-know group) cleared for it.
          marking: { ...marking, groups: [...new Set([...marking.groups, group?.code ?? ''])].sort() },
        },
      );
    audit({
      subject: { type: 'channel', id },
      details: { seq, shared: true },
      marking: markingOfRow(message),
    });
    emit({ type: 'message.shared', subjectType: 'channel', subjectId: id, data: { seq } });
  });
}
