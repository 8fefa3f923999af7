import { describe, expect, it } from 'vitest';
import type { MessageDto } from '../../../core/channels/schemas';
import { lastSeqOf, mergeMessages, versionsNewestFirst } from './messages-model';

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

describe("a message's edit history", () => {
  const v = (body: string, writtenAt: string, replacedAt: string | null) => ({ body, writtenAt, replacedAt });

  it('reads newest first, the text shown now marked current and only it', () => {
    const shown = versionsNewestFirst([
      v('first', '2026-11-29T10:00:00.000Z', '2026-11-29T10:05:00.000Z'),
      v('second', '2026-11-29T10:05:00.000Z', '2026-11-29T10:09:00.000Z'),
      v('now', '2026-11-29T10:09:00.000Z', null),
    ]);
    expect(shown.map((version) => [version.body, version.current])).toEqual([
      ['now', true],
      ['second', false],
      ['first', false],
    ]);
  });

  it('keeps the server order for versions written in the same millisecond, and an empty history empty', () => {
    const same = '2026-11-29T10:00:00.000Z';
    expect(versionsNewestFirst([v('a', same, same), v('b', same, null)]).map((x) => x.body)).toEqual([
      'b',
      'a',
    ]);
    expect(versionsNewestFirst([])).toEqual([]);
  });
});
