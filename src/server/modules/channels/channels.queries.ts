import type { Actor } from '../../../core/access/access-rule';
import { type ChannelKind, type ChannelStatus, channelActions } from '../../../core/channels/rules';
import { notFound } from '../../../core/errors';
import type { Marking } from '../../../core/marking/marking';
import type { Caller } from '../../platform/caller';
import { markingOfRow } from '../../platform/marked-records';
import { onDutyAmong, peopleByIds } from '../directory/directory-lookups.repository';
import type { ChannelsContext } from './channels.context';
import type { ChannelAccess, ChannelRow } from './channels.repository';

/** What finding the caller's channels takes: the membership rule and the channels table. */
export type FindDeps = Pick<ChannelsContext, 'membership' | 'channels'>;

/** Channels the actor may see: the membership rule over `c`. */
export const visibleTo = (ctx: Pick<ChannelsContext, 'membership'>, actor: Actor) =>
  ctx.membership.where(actor, { channel: 'c' });

/** Messages (over `m`) the actor may read in a channel they see: the access rule over each message's marking. */
export const readableBy = (ctx: Pick<ChannelsContext, 'membership'>, actor: Actor) =>
  ctx.membership.readable(actor, 'm');

export const channelNotFound = () => notFound('channel_not_found', 'There is no such channel.');

/** The channels the caller is a member of and may see, newest first, with unread counts. */
export function listChannels(ctx: FindDeps, caller: Caller): Promise<ChannelRow[]> {
  return ctx.channels.channelsOf(
    caller.actor.userId,
    visibleTo(ctx, caller.actor),
    readableBy(ctx, caller.actor),
  );
}

/** One channel of the caller's, or 404: a stranger learns nothing, not even that it exists. */
export async function findChannel(ctx: FindDeps, caller: Caller, id: string): Promise<ChannelAccess> {
  const row = await ctx.channels.accessible(caller.actor.userId, visibleTo(ctx, caller.actor), id);
  if (!row) throw channelNotFound();
  return row;
}

/** One channel of the caller's with their unread counts, or 404. */
export async function channelSummary(ctx: FindDeps, caller: Caller, id: string): Promise<ChannelRow> {
  const [row] = await ctx.channels.channelsOf(
    caller.actor.userId,
    visibleTo(ctx, caller.actor),
    readableBy(ctx, caller.actor),
    id,
  );
  if (!row) throw channelNotFound();
  return row;
}

/** A channel's members as the views show them, by username. */
export async function membersOf(ctx: Pick<ChannelsContext, 'db' | 'members'>, channelId: string) {
  const rows = await ctx.members.memberRows(channelId);
  // In the directory's order (by username, as the database collates).
  return peopleByIds(
    ctx.db,
    rows.map((row) => row.user_id),
  );
}
export type MemberRow = Awaited<ReturnType<typeof membersOf>>[number];

export async function channelDetail(
  ctx: FindDeps & Pick<ChannelsContext, 'db' | 'members'>,
  caller: Caller,
  id: string,
) {
  const row = await channelSummary(ctx, caller, id);
  return { row, members: await membersOf(ctx, id) };
}

/** What the caller may do in the channel now: the rules the commands enforce. */
export function actionsOf(caller: Caller, row: { kind: string; status: string; created_by: string | null }) {
  return channelActions(
    { kind: row.kind as ChannelKind, status: row.status as ChannelStatus, createdBy: row.created_by },
    { userId: caller.actor.userId, roles: caller.roles },
  );
}

/**
 * The audience of an event about a channel, read now: the membership rule's
 * in-memory face over its current members, the channel's marking and, for an
 * event about a message, that message's marking. A member who was just
 * removed still hears of their own removal, nothing more.
 */
export async function audienceOf(
  ctx: Pick<ChannelsContext, 'membership' | 'channels' | 'members' | 'messages'>,
  event: { type: string; subjectId: string; data: Record<string, unknown> },
) {
  const channel = await ctx.channels.channel(event.subjectId);
  if (!channel) return () => false;
  const memberIds = new Set(await ctx.members.memberIds(channel.id));
  let message: Marking | null = null;
  if (typeof event.data.seq === 'number') {
    const row = await ctx.messages.messageRow(channel.id, event.data.seq);
    if (!row) return () => false;
    message = markingOfRow(row);
  }
  const removed = event.type === 'channel.member_removed' ? event.data.userId : null;
  if (typeof removed === 'string') memberIds.add(removed);
  const facet = { memberIds, marking: markingOfRow(channel) };
  return (viewer: { userId: string; actor: Actor }) =>
    ctx.membership.canSee(viewer.actor, facet, { message });
}

/** Who hears of a user's presence: the members of the channels they are in. */
export async function presenceAudience(ctx: Pick<ChannelsContext, 'members'>, event: { subjectId: string }) {
  const fellows = new Set(await ctx.members.fellowMemberIds(event.subjectId));
  return (viewer: { userId: string }) => fellows.has(viewer.userId) && viewer.userId !== event.subjectId;
}

/** The channel's members: who is online (on any instance) and who is on a duty shift now. */
export async function presenceOf(
  ctx: FindDeps & Pick<ChannelsContext, 'db' | 'members' | 'clock' | 'presence' | 'options'>,
  caller: Caller,
  id: string,
) {
  await findChannel(ctx, caller, id);
  const members = await membersOf(ctx, id);
  const ids = members.map((member) => member.id);
  const now = ctx.clock.now();
  const [seen, onDuty] = await Promise.all([
    ctx.presence.seenSince(ids, new Date(now.getTime() - ctx.options.presenceWindowMs)),
    onDutyAmong(ctx.db, ids, now),
  ]);
  const online = new Set([...seen, ...ctx.options.onlineHere()]);
  const duty = new Set(onDuty);
  return members.map((member) => ({ member, online: online.has(member.id), onDuty: duty.has(member.id) }));
}
