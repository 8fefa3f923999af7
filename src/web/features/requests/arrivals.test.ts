import { describe, expect, it } from 'vitest';
import { newArrivals } from './arrivals';

describe('arrivals in a refreshed list', () => {
  it('are the items not seen before, and nothing on the first load', () => {
    const items = [{ id: 'a' }, { id: 'b' }];
    expect(newArrivals(null, items)).toEqual([]);
    expect(newArrivals(new Set(['a']), items)).toEqual([{ id: 'b' }]);
    expect(newArrivals(new Set(['a', 'b']), items)).toEqual([]);
  });
});
