import { useSyncExternalStore } from 'react';
import { isApiError, NETWORK_ERROR } from '../../lib/api';

/**
 * Messages written while the link was down, or whose sending failed on the
 * network, waiting to be sent. Each keeps the idempotency key it was given
 * when it was written, so re-sending it after the link returns never posts it
 * twice. Held for the whole tab (leaving the channel's page keeps them).
 */
export interface QueuedMessage {
  channelId: string;
  idempotencyKey: string;
  body: string;
  urgent: boolean;
  replyTo?: number;
  /** A portion mark above the channel's level, e.g. "(S)", when the writer marked the message higher. */
  marking?: string;
  queuedAt: string;
}

let queued: readonly QueuedMessage[] = [];
const listeners = new Set<() => void>();

function set(next: readonly QueuedMessage[]): void {
  queued = next;
  for (const listener of listeners) listener();
}

export const outbox = {
  add(message: QueuedMessage): void {
    if (queued.some((held) => held.idempotencyKey === message.idempotencyKey)) return;
    set([...queued, message]);
  },
  remove(idempotencyKey: string): void {
    set(queued.filter((held) => held.idempotencyKey !== idempotencyKey));
  },
  of(channelId: string): readonly QueuedMessage[] {
    return queued.filter((held) => held.channelId === channelId);
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  snapshot: () => queued,
};

/** What is waiting to be sent in one channel. */
export function useQueued(channelId: string): readonly QueuedMessage[] {
  const all = useSyncExternalStore(outbox.subscribe, outbox.snapshot);
  return all.filter((held) => held.channelId === channelId);
}

const sending = new Set<string>();

export interface SendOutcome<T> {
  /** What the server answered for each message it took (201, or 200 for a key it had seen). */
  posted: T[];
  /** Refused for good (the room closed, too long…): taken out of the queue, since it would not go later either. */
  refused: QueuedMessage[];
}

/**
 * Sends what waits in one channel's queue, oldest first, each with the
 * idempotency key it was given when written. A network failure stops the
 * round and keeps the rest, in order, for the next; only one round runs per
 * channel at a time, so no message is in flight twice from this tab.
 */
export async function sendQueued<T>(
  channelId: string,
  post: (message: QueuedMessage) => Promise<T>,
): Promise<SendOutcome<T>> {
  const outcome: SendOutcome<T> = { posted: [], refused: [] };
  if (sending.has(channelId)) return outcome;
  sending.add(channelId);
  try {
    for (const message of outbox.of(channelId)) {
      try {
        outcome.posted.push(await post(message));
        outbox.remove(message.idempotencyKey);
      } catch (error) {
        if (isApiError(error, NETWORK_ERROR)) break;
        outbox.remove(message.idempotencyKey);
        outcome.refused.push(message);
      }
    }
  } finally {
    sending.delete(channelId);
  }
  return outcome;
}
