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

/** One version of a message as the history modal shows it. */
export interface ShownVersion {
  body: string;
  writtenAt: string;
  replacedAt: string | null;
  /** The text the message shows now (the one never replaced). */
  current: boolean;
}

/**
 * A message's versions as the server gives them (oldest first, the current
 * one last), newest first for reading: what it says now, then what it said before.
 */
export function versionsNewestFirst(
  versions: readonly { body: string; writtenAt: string; replacedAt: string | null }[],
): ShownVersion[] {
  return [...versions]
    .map((version, index) => ({ ...version, index }))
    .sort((a, b) => b.writtenAt.localeCompare(a.writtenAt) || b.index - a.index)
    .map(({ index: _index, ...version }) => ({ ...version, current: version.replacedAt === null }));
}
