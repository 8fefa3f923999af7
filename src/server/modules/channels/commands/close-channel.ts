import { conflict, forbidden } from '../../../../core/errors';
import type { Caller } from '../../../platform/caller';
import { markingOfRow } from '../../../platform/marked-records';
import type { ChannelsContext } from '../channels.context';
import { actionsOf, findChannel } from '../channels.queries';
import { closedError, refuseIfClosed } from './checks';

type Deps = Pick<ChannelsContext, 'change' | 'membership' | 'channels'>;

/** Closes a crisis room: from then on it is read-only, kept as the record of the escalation. */
export async function closeChannel(deps: Deps, caller: Caller, id: string): Promise<void> {
  const row = await findChannel(deps, caller, id);
  refuseIfClosed(row);
  if (row.kind !== 'crisis') throw conflict('not_closable', 'Only a crisis room is closed.');
  if (!actionsOf(caller, row).close)
    throw forbidden('may_not_close', "Only the coordinator's people close a crisis room.");
  await deps.change(caller, 'channel.closed', async ({ tx, now, audit, emit }) => {
    const locked = await deps.channels.lockChannel(tx, id);
    if (locked.status !== 'open') throw closedError();
    await deps.channels.close(tx, id, caller.actor.userId, now);
    audit({ subject: { type: 'channel', id }, marking: markingOfRow(row) });
    emit({ type: 'channel.closed', subjectType: 'channel', subjectId: id });
  });
}
