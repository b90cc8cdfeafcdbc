import { describe, expect, it } from 'vitest';
import type { MapPoint } from '@/lib/map/cluster';
import { IndexedIds, undrawnPoints } from '@/lib/map/indexed-ids';

const point = (id: number): MapPoint => ({ id, lon: 70, lat: 33, g: 'ttp', k: null, i: null, x: false });

describe('IndexedIds', () => {
  it('finds every id of the index, in any order, and no other', () => {
    const ids = [17, 3, 1_000_000, 42, 8, 2 ** 31 - 1];
    const set = new IndexedIds(ids.map(point));
    for (const id of ids) expect(set.has(id)).toBe(true);
    for (const id of [0, 2, 4, 41, 43, 999_999, 2 ** 31 - 2]) expect(set.has(id)).toBe(false);
    expect(new IndexedIds([]).has(1)).toBe(false);
  });

  it('undrawnPoints keeps only what neither the index nor the extra points draw', () => {
    const indexed = new IndexedIds([1, 2, 3].map(point));
    const read = [2, 4, 5, 6].map(point);
    expect(undrawnPoints(indexed, [point(5)], read).map((p) => p.id)).toEqual([4, 6]);
  });
});
