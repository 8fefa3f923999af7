import { describe, expect, it } from 'vitest';
import { outbox } from './outbox';

describe('the outbox of queued messages', () => {
  it('holds each message once by its idempotency key, per channel, until it is sent', () => {
    const message = {
      channelId: 'c1',
      idempotencyKey: 'key-0001',
      body: 'hello',
      urgent: false,
      queuedAt: '',
    };
    outbox.add(message);
    outbox.add(message);
    outbox.add({ ...message, channelId: 'c2', idempotencyKey: 'key-0002' });
    expect(outbox.of('c1')).toHaveLength(1);
    expect(outbox.of('c2')).toHaveLength(1);
    outbox.remove('key-0001');
    expect(outbox.of('c1')).toEqual([]);
    outbox.remove('key-0002');
  });
});
