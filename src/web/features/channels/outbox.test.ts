import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, NETWORK_ERROR } from '../../lib/api';
import { outbox, type QueuedMessage, sendQueued } from './outbox';

const queued = (channelId: string, idempotencyKey: string, body = idempotencyKey): QueuedMessage => ({
  channelId,
  idempotencyKey,
  body,
  urgent: false,
  queuedAt: '',
});

afterEach(() => {
  for (const message of outbox.snapshot()) outbox.remove(message.idempotencyKey);
});

describe('the outbox of queued messages', () => {
  it('holds each message once by its idempotency key, per channel, until it is sent', () => {
    outbox.add(queued('c1', 'key-0001'));
    outbox.add(queued('c1', 'key-0001'));
    outbox.add(queued('c2', 'key-0002'));
    expect(outbox.of('c1')).toHaveLength(1);
    expect(outbox.of('c2')).toHaveLength(1);
    outbox.remove('key-0001');
    expect(outbox.of('c1')).toEqual([]);
  });

  it('sends oldest first with the key each was written with; a network failure keeps the rest, in order, for the next round', async () => {
    for (const key of ['key-0001', 'key-0002', 'key-0003']) outbox.add(queued('c1', key));
    const tried: string[] = [];
    const first = await sendQueued('c1', async (message) => {
      tried.push(message.idempotencyKey);
      if (message.idempotencyKey === 'key-0002') throw new ApiError(0, NETWORK_ERROR, 'offline');
      return message.idempotencyKey;
    });
    expect(first).toEqual({ posted: ['key-0001'], refused: [] });
    expect(tried).toEqual(['key-0001', 'key-0002']);
    expect(outbox.of('c1').map((message) => message.idempotencyKey)).toEqual(['key-0002', 'key-0003']);

    // The link is back: the same keys go again, so the server can answer any it already took.
    const second = await sendQueued('c1', async (message) => message.idempotencyKey);
    expect(second.posted).toEqual(['key-0002', 'key-0003']);
    expect(outbox.of('c1')).toEqual([]);
  });

  it('drops a message the server refuses for good and says which, and never runs two rounds at once', async () => {
    outbox.add(queued('c1', 'key-0001', 'too late'));
    outbox.add(queued('c1', 'key-0002'));
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const posts: string[] = [];
    const round = sendQueued('c1', async (message) => {
      posts.push(message.idempotencyKey);
      await gate;
      if (message.body === 'too late') throw new ApiError(409, 'channel_closed', 'closed');
      return message.idempotencyKey;
    });
    // A second round while the first is in flight posts nothing.
    expect(await sendQueued('c1', async (message) => message.idempotencyKey)).toEqual({
      posted: [],
      refused: [],
    });
    release();
    const outcome = await round;
    expect(outcome.posted).toEqual(['key-0002']);
    expect(outcome.refused.map((message) => message.body)).toEqual(['too late']);
    expect(posts).toEqual(['key-0001', 'key-0002']);
    expect(outbox.of('c1')).toEqual([]);
  });

  it("keeps each user's queue apart, and gives it back after a reload of the tab", () => {
    const kept = new Map<string, string>();
    const tab = {
      getItem: (key: string) => kept.get(key) ?? null,
      setItem: (key: string, value: string) => void kept.set(key, value),
      removeItem: (key: string) => void kept.delete(key),
    };
    Object.assign(globalThis, { sessionStorage: tab });
    try {
      outbox.bindTo('user-a');
      outbox.add(queued('c1', 'key-a001', 'from A'));
      // Another user signs in on the same tab: A's message is never sent as theirs.
      outbox.bindTo('user-b');
      expect(outbox.of('c1')).toEqual([]);
      // A comes back (or the page reloads): A's message is waiting again.
      outbox.bindTo('user-a');
      expect(outbox.of('c1').map((message) => message.body)).toEqual(['from A']);
      outbox.remove('key-a001');
      expect(kept.size).toBe(0);
    } finally {
      Reflect.deleteProperty(globalThis, 'sessionStorage');
    }
  });
});
