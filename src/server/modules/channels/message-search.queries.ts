import type { Expression, SqlBool } from 'kysely';
import type { z } from 'zod';
import type { searchMessagesQuerySchema } from '../../../core/channels/schemas';
import { queryTerms } from '../../../core/search/search-text';
import type { Caller } from '../../platform/caller';
import { peopleByIds } from '../directory/directory-lookups.repository';
import { requestPasses } from '../requests/requests.repository';
import { highlighted, START, STOP, tsquery } from '../search/search.repository';
import type { ChannelsContext } from './channels.context';
import { findChannel } from './channels.queries';
import { withAuthors } from './messages.repository';

/**
 * Full-text search (English, Arabic and Hebrew, as for reports) over the
 * messages the caller may read in their channels: a word found only in a
 * message above their clearance gives no hit and no snippet.
 */
export async function searchMessages(
  ctx: Pick<ChannelsContext, 'db' | 'deployment' | 'membership' | 'channels' | 'members' | 'messages'>,
  caller: Caller,
  input: z.output<typeof searchMessagesQuerySchema> & {
    from?: string;
    to?: string;
    level?: string;
    /** Requests the caller may read (over `r`): their threads are searched too, followed or not. */
    threadsVisible?: Expression<SqlBool>;
  },
) {
  if (input.channelId) await findChannel(ctx, caller, input.channelId);
  const terms = queryTerms(input.q);
  if (terms.length === 0) return [];
  const visible = ctx.membership.where(
    caller.actor,
    { channel: 'c', message: 'm' },
    input.threadsVisible ? { orElse: requestPasses('c.request_id', input.threadsVisible) } : {},
  );
  const rows = await ctx.messages.search(
    visible,
    tsquery(terms),
    `StartSel=${START}, StopSel=${STOP}, MaxWords=25, MinWords=8, MaxFragments=2, FragmentDelimiter=" … "`,
    {
      channelId: input.channelId,
      limit: input.limit,
      from: input.from,
      to: input.to,
      level: input.level,
      timeZone: ctx.deployment.deployment.timeZone,
    },
  );
  const authored = withAuthors(
    rows,
    await peopleByIds(
      ctx.db,
      rows.map((row) => row.author_id),
    ),
  );
  return authored.map((row) => ({ row, ...highlighted(row.headline) }));
}
