import type { MapPoint } from './cluster';

/**
 * The ids of a map view's cluster index, for telling which newly created incidents still need
 * adding beside it. The index may already hold an incident that the outbox names as new: the
 * view's seq is read before its points, and on PostgreSQL a write can commit between the two
 * reads (or sit above the settled outbox horizon while the load's snapshot already sees it).
 * Added again, such an incident was drawn twice and counted twice in the map's total until the
 * next rebuild. A sorted typed array, built once per index and never changed (concurrent
 * requests share it): 4 bytes per point and a binary search per lookup.
 */
export class IndexedIds {
  private readonly ids: Int32Array;

  constructor(points: readonly MapPoint[]) {
    this.ids = Int32Array.from(points, (p) => p.id).sort();
  }

  has(id: number): boolean {
    let lo = 0;
    let hi = this.ids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.ids[mid];
      if (v === id) return true;
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }
}

/** The points of `read` that neither the index nor the extra points already draw. */
export function undrawnPoints(indexed: IndexedIds, extra: readonly MapPoint[], read: readonly MapPoint[]): MapPoint[] {
  const shown = new Set(extra.map((p) => p.id));
  return read.filter((p) => !indexed.has(p.id) && !shown.has(p.id));
}
