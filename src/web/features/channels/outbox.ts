import { useSyncExternalStore } from 'react';

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
