import type { MessageDto } from '../../../core/channels/schemas';

/**
 * The messages of a channel as the page holds them: one per sequence number,
 * in sequence order, whatever order the pages and live fetches came back in.
 */
export function mergeMessages(held: readonly MessageDto[], arrived: readonly MessageDto[]): MessageDto[] {
  const bySeq = new Map<number, MessageDto>();
  for (const message of held) bySeq.set(message.seq, message);
  for (const message of arrived) bySeq.set(message.seq, message);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** The newest sequence number held (0 when none): ask the server for what came after it. */
export const lastSeqOf = (messages: readonly MessageDto[]): number => messages.at(-1)?.seq ?? 0;
