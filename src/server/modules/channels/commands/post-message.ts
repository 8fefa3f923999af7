import type { z } from 'zod';
import type { postMessageSchema } from '../../../../core/channels/schemas';
import { badRequest } from '../../../../core/errors';
import { hebrewVariants } from '../../../../core/search/search-text';
import type { Caller } from '../../../platform/caller';
import { constraintViolation } from '../../../platform/db/constraints';
import { markingToColumns } from '../../../platform/marked-records';
import type { ChannelsContext } from '../channels.context';
import { findChannel } from '../channels.queries';
import { num } from '../channels.repository';
import { mentionable, readableMessages } from '../messages.queries';
import { closedError, messageMarking, refuseIfClosed, tellRequest } from './checks';

type Deps = Pick<
  ChannelsContext,
  | 'db'
  | 'deployment'
  | 'change'
  | 'membership'
  | 'channels'
  | 'members'
  | 'messages'
  | 'details'
  | 'alerts'
  | 'options'
>;

/**
 * Posts a message once: the same idempotency key from the same author in
 * the same channel answers the message it already posted (`created` false),
 * also when both arrive at once (the second loses the race on the unique key).
 */
export async function postMessage(
  deps: Deps,
  caller: Caller,
  id: string,
  input: z.output<typeof postMessageSchema>,
): Promise<{ seq: number; created: boolean }> {
  const row = await findChannel(deps, caller, id);
  const posted = await deps.messages.messageByKey(id, caller.actor.userId, input.idempotencyKey);
  if (posted) return { seq: num(posted.seq), created: false };
  refuseIfClosed(row);
  if (
    input.replyTo !== undefined &&
    (await readableMessages(deps, caller, id, { seq: input.replyTo })).length === 0
  )
    throw badRequest('unknown_reply', 'There is no such message to reply to in this channel.', [
      { path: 'body.replyTo', message: 'No such message' },
    ]);
  const marking = await messageMarking(deps, caller, row, input.marking);
  const mentioned = await mentionable(deps, deps.db, id, input.body, marking);
  try {
    const seq = await deps.change(caller, 'channel.message-posted', async (unit) => {
      const { tx, now, audit, emit } = unit;
      const seq = await deps.channels.allocateSeq(tx, id);
      if (seq === undefined) throw closedError();
      const message = await deps.messages.insertMessage(tx, {
        channel_id: id,
        seq,
        author_id: caller.actor.userId,
        idempotency_key: input.idempotencyKey,
        body: input.body,
        search_extra: hebrewVariants(input.body),
        urgent: input.urgent,
        reply_to_seq: input.replyTo ?? null,
        created_at: now,
        ...markingToColumns(marking),
      });
      await deps.details.addMentions(tx, message.id, mentioned);
      if (input.urgent)
        await deps.alerts.scheduleAlert(
          tx,
          message.id,
          new Date(now.getTime() + deps.options.urgentRealertSeconds * 1000),
        );
      audit({
        subject: { type: 'channel', id },
        after: { body: input.body },
        details: { seq, urgent: input.urgent, mentions: mentioned.length },
        marking,
      });
      await tellRequest(unit, row, { seq, change: 'posted' }, marking);
      emit({
        type: 'message.created',
        subjectType: 'channel',
        subjectId: id,
        data: { seq, urgent: input.urgent, authorId: caller.actor.userId },
      });
      return seq;
    });
    return { seq, created: true };
  } catch (error) {
    // The same key sent twice at once: the second lost the race and answers the first.
    if (constraintViolation(error)?.constraint === 'channel_messages_idempotency') {
      const first = await deps.messages.messageByKey(id, caller.actor.userId, input.idempotencyKey);
      if (first) return { seq: num(first.seq), created: false };
    }
    throw error;
  }
}
