import type { IncidentRow } from '@/db/schema';
import type { IncidentContent } from '@/lib/incidents/normalize';

export type Dataset = 'demo' | 'live' | 'import';

export interface WriteResult {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Ids of rows inserted or changed, in input order. */
  changedIds: number[];
  insertedIds: number[];
}

export interface WriteOptions {
  dataset: Dataset;
  importBatchId?: number | null;
  now?: number;
}

export const emptyResult = (): WriteResult => ({ inserted: 0, updated: 0, unchanged: 0, changedIds: [], insertedIds: [] });

/** The result of a write that inserted these new rows and nothing else. */
export const insertedResult = (ids: number[]): WriteResult => ({
  ...emptyResult(),
  inserted: ids.length,
  changedIds: ids,
  insertedIds: ids,
});

/** True when the stored row already holds every field of the content (an upsert then changes nothing). */
export function sameContent(row: IncidentRow, c: IncidentContent): boolean {
  for (const key of Object.keys(c) as (keyof IncidentContent)[]) {
    const a = row[key as keyof IncidentRow] ?? null;
    const b = c[key] ?? null;
    if (a !== b) return false;
  }
  return true;
}

/** The upsert key, (source, source_id), as one string. */
export const keyOf = (c: { source: string; sourceId: string }) => `${c.source}\u0000${c.sourceId}`;

/** Source ids per preload query (one SELECT per chunk instead of one per row). */
export const CHUNK = 200;

/** The source ids of `contents`, grouped by source. */
export function idsBySource(contents: readonly IncidentContent[]): Map<string, string[]> {
  const bySource = new Map<string, string[]>();
  for (const c of contents) {
    const list = bySource.get(c.source) ?? [];
    list.push(c.sourceId);
    bySource.set(c.source, list);
  }
  return bySource;
}
