import type { z } from 'zod';
import { messageActions, parseMentions } from '../../../core/channels/rules';
import type { listMessagesQuerySchema } from '../../../core/channels/schemas';
import { notFound } from '../../../core/errors';
import type { Marking } from '../../../core/marking/marking';
import { actorsOf } from '../../platform/actors.repository';
import type { Caller } from '../../platform/caller';
import type { Db, Tx } from '../../platform/db/database';
import { markingOfRow } from '../../platform/marked-records';
import { peopleByIds, usersByUsernames } from '../directory/directory-lookups.repository';
import type { ChannelsContext } from './channels.context';
import { findChannel, membersOf, readableBy } from './channels.queries';
import { type ChannelAccess, num } from './channels.repository';
import { type MessageRow, type MessageView, withAuthors } from './messages.repository';

type Ctx = Pick<
  ChannelsContext,
  'db' | 'deployment' | 'reads' | 'membership' | 'channels' | 'members' | 'messages' | 'details'
>;

export const messageNotFound = () => notFound('message_not_found', 'There is no such message.');

/** Messages of a channel the caller sees, with their authors, limited to those the caller may read. */
export async function readableMessages(
  ctx: Pick<ChannelsContext, 'db' | 'membership' | 'messages'>,
  caller: Caller,
  channelId: string,
  page: { after?: number; limit?: number; seq?: number },
): Promise<MessageRow[]> {
  const rows = await ctx.messages.messages(channelId, readableBy(ctx, caller.actor), page);
  return withAuthors(
    rows,
    await peopleByIds(
      ctx.db,
      rows.map((row) => row.author_id),
    ),
  );
}

/** Messages after `after`, in sequence order, those the caller may read (a higher-marked one is skipped). */
export async function listMessages(
  ctx: Ctx,
  caller: Caller,
  id: string,
  query: z.output<typeof listMessagesQuerySchema>,
) {
  const row = await findChannel(ctx, caller, id);
  const rows = await readableMessages(ctx, caller, id, { after: query.after, limit: query.limit });
  await recordReads(ctx, caller, id, rows, 'list');
  // The newest the caller may read: the channel's own counter would count what they may not.
  const lastSeq = await ctx.messages.lastReadableSeq(id, readableBy(ctx, caller.actor));
  return { row, lastSeq, items: await decorate(ctx, caller, row, rows) };
}

/** One message the caller may read, or 404. */
export async function findMessage(ctx: Ctx, caller: Caller, id: string, seq: number): Promise<MessageView> {
  const channel = await findChannel(ctx, caller, id);
  const [view] = await decorate(ctx, caller, channel, await readableMessages(ctx, caller, id, { seq }));
  if (!view) throw messageNotFound();
  return view;
}

/** One message, for someone reading it: a read above the lowest level is audited. */
export async function readMessage(ctx: Ctx, caller: Caller, id: string, seq: number): Promise<MessageView> {
  const view = await findMessage(ctx, caller, id, seq);
  await recordReads(ctx, caller, id, [view.row], 'id');
  return view;
}

/** Every version of a message the caller may read, oldest first; the last is the current text. */
export async function messageHistory(ctx: Ctx, caller: Caller, id: string, seq: number) {
  const { row } = await readMessage(ctx, caller, id, seq);
  if (row.body === null) return [];
  const edits = await ctx.messages.edits(row.id);
  return [
    ...edits.map((edit) => ({
      body: edit.body,
      writtenAt: edit.written_at,
      replacedAt: edit.replaced_at as Date | null,
    })),
    { body: row.body, writtenAt: row.edited_at ?? row.created_at, replacedAt: null },
  ];
}

/** One file of a message the caller may read, with its bytes; 404 otherwise. */
export async function attachmentOf(ctx: Ctx, caller: Caller, id: string, seq: number, attachmentId: string) {
  const { row } = await readMessage(ctx, caller, id, seq);
  const file = await ctx.details.attachmentContent(row.id, attachmentId);
  if (!file) throw notFound('attachment_not_found', 'There is no such attachment.');
  return { ...file, content: Buffer.from(file.content) };
}

/**
 * Reads of messages marked above the lowest level are audited, as for the
 * other marked records: one entry per message read by its number, one per
 * page of a list (marked with the combination of what it held).
 */
export function recordReads(
  ctx: Pick<ChannelsContext, 'reads'>,
  caller: Caller,
  channelId: string,
  rows: ReadonlyArray<{ seq: string | number; marking_level: string } & Parameters<typeof markingOfRow>[0]>,
  by: 'id' | 'list',
) {
  return ctx.reads.many(
    caller,
    { type: 'channel', id: channelId },
    rows.map((row) => ({ id: num(row.seq), marking: markingOfRow(row) })),
    { action: by === 'id' ? 'record.read' : 'record.listed', key: 'seqs' },
  );
}

/** The members a message mentions who may read it; anyone else's name stays plain text. */
export async function mentionable(
  ctx: Pick<ChannelsContext, 'deployment' | 'members'>,
  q: Db | Tx,
  channelId: string,
  body: string,
  marking: Marking,
): Promise<string[]> {
  const usernames = parseMentions(body);
  if (usernames.length === 0) return [];
  const members = new Set(await ctx.members.memberIds(channelId, q));
  const named = (await usersByUsernames(q, usernames)).filter((user) => members.has(user.id));
  const actors = await actorsOf(
    q,
    named.map((user) => user.id),
  );
  return actors.filter((actor) => ctx.deployment.rule.canSee(actor, marking)).map((actor) => actor.userId);
}

async function decorate(
  ctx: Ctx,
  caller: Caller,
  channel: ChannelAccess,
  rows: MessageRow[],
): Promise<MessageView[]> {
  const ids = rows.map((row) => row.id);
  const me = caller.actor.userId;
  const [mentions, acknowledgements, attachments] = await Promise.all([
    ctx.details.mentionsOf(ids),
    ctx.details.acknowledgements(ids),
    ctx.details.attachmentsOf(ids),
  ]);
  const authored = rows.filter((row) => row.urgent && row.author_id === me && !row.deleted_at);
  const members = authored.length ? await membersOf(ctx, channel.id) : [];
  const [actors, people] = await Promise.all([
    actorsOf(
      ctx.db,
      members.map((member) => member.id),
    ),
    peopleByIds(ctx.db, [
      ...mentions.map((mention) => mention.user_id),
      ...acknowledgements.map((ack) => ack.user_id),
    ]),
  ]);
  const person = new Map(people.map((row) => [row.id, row]));
  const order = new Map(people.map((row, index) => [row.id, index]));
  return rows.map((row) => {
    const acks = acknowledgements.filter((ack) => ack.message_id === row.id);
    let tally: MessageView['acknowledgements'] = null;
    if (authored.includes(row)) {
      const marking = markingOfRow(row);
      const done = new Set(acks.map((ack) => ack.user_id));
      const cleared = new Set(
        actors.filter((actor) => ctx.deployment.rule.canSee(actor, marking)).map((actor) => actor.userId),
      );
      tally = {
        acknowledged: acks.flatMap((ack) => {
          const who = person.get(ack.user_id);
          return who ? [{ ...who, at: ack.acknowledged_at }] : [];
        }),
        pending: members.filter(
          (member) => member.id !== me && cleared.has(member.id) && !done.has(member.id),
        ),
      };
    }
    return {
      row,
      mentions: mentions
        .filter((mention) => mention.message_id === row.id)
        .flatMap((mention) => {
          const who = person.get(mention.user_id);
          return who ? [who] : [];
        })
        // By username, in the order the directory gave them.
        .sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0))
        .map((who) => who.username),
      attachments: attachments.filter((file) => file.message_id === row.id),
      acknowledgedByMe: acks.some((ack) => ack.user_id === me),
      acknowledgements: tally,
      actions: messageActions(
        channel,
        {
          authorId: row.author_id,
          urgent: row.urgent,
          deleted: row.deleted_at !== null,
          shared: row.shared_at !== null,
          groupChannel: channel.directory_key?.startsWith('group:') ?? false,
        },
        me,
      ),
    };
  });
}
