import { describe, expect, it } from 'vitest';
import type { MessageDto } from '../../../core/channels/schemas';
import { lastSeqOf, mergeMessages } from './messages-model';

const message = (seq: number, body = `m${seq}`) => ({ seq, body }) as MessageDto;

describe('merging the messages of a channel', () => {
  it('keeps one message per sequence number, in order, the later copy winning', () => {
    const merged = mergeMessages([message(1), message(3)], [message(2), message(3, 'edited'), message(4)]);
    expect(merged.map((m) => [m.seq, m.body])).toEqual([
      [1, 'm1'],
      [2, 'm2'],
      [3, 'edited'],
      [4, 'm4'],
    ]);
  });

  it('reads the last sequence number held', () => {
    expect(lastSeqOf([])).toBe(0);
    expect(lastSeqOf(mergeMessages([], [message(5), message(2)]))).toBe(5);
  });
});
