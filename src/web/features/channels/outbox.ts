import { useSyncExternalStore } from 'react';
import { isApiError, NETWORK_ERROR } from '../../lib/api';

/**
 * Messages written while the link was down, or whose sending failed on the
 * network, waiting to be sent. Each keeps the idempotency key it was given
 * when it was written, so re-sending it after the link returns never posts it
 * twice. Held for the whole tab, per user (leaving the channel's page, or
 * reloading it, keeps them; another user signing in never sends them).
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
/** Whose queue is held: a queue is one user's, kept for the tab (a reload keeps it), never sent as another. */
let owner: string | null = null;
const listeners = new Set<() => void>();
const storageKey = (userId: string) => `concord.outbox.${userId}`;
const storage = () => (typeof sessionStorage === 'undefined' ? null : sessionStorage);

function set(next: readonly QueuedMessage[]): void {
  queued = next;
  if (owner) {
    if (next.length > 0) storage()?.setItem(storageKey(owner), JSON.stringify(next));
    else storage()?.removeItem(storageKey(owner));
  }
  for (const listener of listeners) listener();
}

function stored(userId: string): QueuedMessage[] {
  try {
    const parsed: unknown = JSON.parse(storage()?.getItem(storageKey(userId)) ?? '[]');
    return Array.isArray(parsed) ? (parsed as QueuedMessage[]) : [];
  } catch {
    return [];
  }
}

export const outbox = {
  /** Holds `userId`'s queue: what they left waiting in this tab comes back; another user's is put away. */
  bindTo(userId: string): void {
    if (owner === userId) return;
    owner = userId;
    set(stored(userId));
  },
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
