import type { z } from 'zod';
import { createRefusalOf } from '../../../../core/channels/rules';
import type { createChannelSchema } from '../../../../core/channels/schemas';
import { badRequest, forbidden } from '../../../../core/errors';
import type { Caller } from '../../../platform/caller';
import { markingToColumns, resolveMarking } from '../../../platform/marked-records';
import { activeUsersByIds } from '../../directory/directory-lookups.repository';
import type { ChannelsContext } from '../channels.context';
import { refuseUncleared } from './checks';

type Deps = Pick<ChannelsContext, 'db' | 'deployment' | 'change' | 'channels' | 'members'>;

/** Opens a channel by hand; a request's thread opens with its request instead. Answers the new channel's id. */
export async function createChannel(
  deps: Deps,
  caller: Caller,
  input: z.output<typeof createChannelSchema>,
): Promise<string> {
  const kind = input.kind;
  if (kind === 'request')
    throw badRequest('thread_opens_with_request', "A request's thread opens when the request is submitted.", [
      { path: 'body.kind', message: 'Opened with its request, not by hand' },
    ]);
  const refusal = createRefusalOf(kind, caller.actor.party, caller.roles);
  if (refusal === 'coordinator_only')
    throw forbidden('coordinator_only', 'Crisis rooms and hotlines are opened by the coordinator.');
  if (refusal)
    throw forbidden(
      'may_not_open_channel',
      'Only officers, supervisors and coordinators of a party open channels.',
    );
  const memberIds = [...new Set(input.memberIds)].filter((id) => id !== caller.actor.userId);
  const users = await activeUsersByIds(deps.db, memberIds);
  const unknown = memberIds.filter((id) => !users.some((user) => user.id === id));
  if (unknown.length)
    throw badRequest(
      'unknown_user',
      `No such user: ${unknown.join(', ')}.`,
      unknown.map((id) => ({
        path: `body.memberIds.${input.memberIds.indexOf(id)}`,
        message: 'No such user',
      })),
    );
  const parties = [
    ...new Set([caller.actor.party as string, ...users.flatMap((user) => (user.party ? [user.party] : []))]),
  ];
  const lowest = deps.deployment.lowest;
  const marking = await resolveMarking(
    deps.db,
    deps.deployment,
    caller,
    {
      classification: input.marking?.classification ?? `(${lowest})`,
      parties: input.marking?.parties ?? parties,
      groups: input.marking?.groups ?? [],
    },
    'body.marking',
  );
  await refuseUncleared(
    deps,
    deps.db,
    memberIds,
    marking,
    (id) => `body.memberIds.${input.memberIds.indexOf(id)}`,
  );
  return deps.change(caller, 'channel.created', async ({ tx, now, audit, emit }) => {
    const { id } = await deps.channels.insertChannel(tx, {
      kind,
      name: input.name,
      created_by: caller.actor.userId,
      created_at: now,
      ...markingToColumns(marking),
    });
    await deps.members.addMembers(tx, id, [caller.actor.userId, ...memberIds], caller.actor.userId, now);
    audit({
      subject: { type: 'channel', id },
      after: { kind, name: input.name, memberIds },
      details: { kind, members: memberIds.length + 1 },
      marking,
    });
    emit(
      ...memberIds.map((userId) => ({
        type: 'channel.member_added',
        subjectType: 'channel',
        subjectId: id,
        data: { userId },
      })),
    );
    return id;
  });
}
