import type { z } from 'zod';
import type { MessageRefusal } from '../../../../core/channels/rules';
import type { postMessageSchema } from '../../../../core/channels/schemas';
import { type AppError, badRequest, conflict, forbidden, notFound } from '../../../../core/errors';
import { combineMarkings, type Marking, sameMarking } from '../../../../core/marking/marking';
import { actorsOf } from '../../../platform/actors.repository';
import type { Caller } from '../../../platform/caller';
import type { Unit } from '../../../platform/change';
import type { Db, Tx } from '../../../platform/db/database';
import { markingOfRow, resolveMarking } from '../../../platform/marked-records';
import { activeUsersByIds } from '../../directory/directory-lookups.repository';
import { updateRequest } from '../../requests/requests.repository';
import type { ChannelsContext } from '../channels.context';
import type { ChannelAccess } from '../channels.repository';

/** The checks several commands share, with the problems they answer (codes and messages as before). */

export const closedError = () =>
  conflict('channel_closed', 'This crisis room is closed: it is kept read-only.');
export const deletedError = () => conflict('message_deleted', 'This message was deleted.');

export function refuseIfClosed(row: { status: string }) {
  if (row.status !== 'open') throw closedError();
}

/** The problem for a refusal of the message rules (core/channels/rules.ts). */
export function messageRefusalError(refusal: MessageRefusal): AppError {
  switch (refusal) {
    case 'channel_closed':
      return closedError();
    case 'message_not_found':
      return notFound('message_not_found', 'There is no such message.');
    case 'not_your_message':
      return forbidden('not_your_message', 'Only its author changes a message.');
    case 'message_deleted':
      return deletedError();
    case 'not_urgent':
      return conflict('not_urgent', 'Only urgent messages are acknowledged.');
    case 'own_message':
      return conflict('own_message', 'The author does not acknowledge their own message.');
    case 'not_a_group_channel':
      return conflict(
        'not_a_group_channel',
        "A message is shared as information in a working group's channel.",
      );
    case 'message_shared':
      return conflict('message_shared', 'This message is shared as information already.');
  }
}

/** Nobody joins a channel they could not read: the refusal names who and why. */
export async function refuseUncleared(
  ctx: Pick<ChannelsContext, 'deployment'>,
  q: Db | Tx,
  userIds: readonly string[],
  marking: Marking,
  pathOf: (userId: string) => string,
) {
  const actors = await actorsOf(q, userIds);
  const uncleared = actors.filter((actor) => !ctx.deployment.rule.canSee(actor, marking));
  if (uncleared.length === 0) return;
  const users = await activeUsersByIds(
    q,
    uncleared.map((actor) => actor.userId),
  );
  const names = users.map((user) => user.username).join(', ');
  throw badRequest(
    'member_not_cleared',
    `${names} may not see what is marked as this channel is (clearance, party, releasability or groups): they cannot be a member.`,
    uncleared.map((actor) => ({
      path: pathOf(actor.userId),
      message: 'Not cleared for the channel marking',
    })),
  );
}

/**
 * A message is marked as its channel is, or higher: the author's marking is
 * combined with the channel's (highest level, every caveat and group, only
 * the parties and nationalities both allow), never lower.
 */
export async function messageMarking(
  ctx: Pick<ChannelsContext, 'db' | 'deployment'>,
  caller: Caller,
  row: ChannelAccess,
  input: z.output<typeof postMessageSchema>['marking'],
): Promise<Marking> {
  const channelMarking = markingOfRow(row);
  if (!input) return channelMarking;
  const asked = await resolveMarking(
    ctx.db,
    ctx.deployment,
    caller,
    {
      classification: input.classification,
      parties: input.parties ?? channelMarking.parties,
      groups: input.groups,
    },
    'body.marking',
  );
  const marking = combineMarkings(ctx.deployment.scheme, [channelMarking, asked]);
  if (!ctx.deployment.rule.canSee(caller.actor, marking))
    throw badRequest(
      'marking_hides_from_author',
      'With this marking you could not read the message yourself.',
    );
  return marking;
}

/**
 * A message in a request's thread is news of the request too: its lists
 * sort by activity, and its page refreshes for everyone who may read the
 * request, members of the thread or not. A message marked above the
 * request tells the request's readers nothing, not even that it exists.
 */
export async function tellRequest(
  { tx, now, emit }: Unit,
  row: ChannelAccess,
  data: { seq: number; change: 'posted' | 'edited' | 'deleted' },
  marking: Marking,
) {
  if (!row.request_id) return;
  // Written in: the request's lists sort by activity.
  await updateRequest(tx, row.request_id, { updated_at: now });
  if (!sameMarking(marking, markingOfRow(row))) return;
  emit({
    type: 'request.commented',
    subjectType: 'request',
    subjectId: row.request_id,
    data: { channelId: row.id, ...data },
  });
}
