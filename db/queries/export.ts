import type { Store } from '@/db/store';
import type { IncidentFilter } from '@/lib/validation/incident-filter';
import type { IncidentItem } from '@/lib/incidents/item';
import { pageIds } from '@/lib/incident-index/query';
import { indexedFilter } from './incident-index';
import { exportRowsByIds } from './incident-rows';
import { engineOf } from '@/db/engine';

export type ExportFilter = Omit<IncidentFilter, 'limit' | 'cursor'>;

function parseExtra(s: string | null): Record<string, string> | null {
  if (!s) return null;
  try {
    const v: unknown = JSON.parse(s);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, string>) : null;
  } catch {
    return null;
  }
}

/** A row of an export: the item and the ACLED columns its import kept. */
export interface ExportChunkRow {
  item: IncidentItem;
  acledExtra: Record<string, string> | null;
}

/**
 * Matching incidents in chunks, newest first, each with its preserved ACLED columns, for
 * streaming exports. Memory stays bounded on both engines: each chunk is handed on before the
 * next is read.
 *
 * The ids of each chunk come from the in-memory incident index, as the list's pages do (the same
 * rows in the same order), then one read fetches the chunk's rows by id. A SQL keyset read per
 * chunk was re-planned for each chunk, and for a filter SQLite serves from another index than the
 * time index (a date window: the day index) it sorted every matching row again per chunk: a year
 * at 1M incidents streamed at ~900 rows/s.
 *
 * `rowsPerRead` (SQLite only) reads and hands on each chunk's rows in smaller batches: a batch the
 * caller turns into text at once dies young. A 1,000-row chunk lived while the server wrote it
 * out, was promoted to V8's old space, and the server's heap grew by ~250 MB between full
 * collections while a large CSV streamed. PostgreSQL reads the whole chunk in one round trip.
 * `extras: false` leaves the kept ACLED columns unparsed (null): the GeoJSON export has no use
 * for them (~0.6 µs a row).
 */
export async function* iterateExportChunks(
  store: Store,
  filter: ExportFilter,
  chunk = 1000,
  opts: { rowsPerRead?: number; extras?: boolean } = {},
): AsyncGenerator<ExportChunkRow[]> {
  const { rowsPerRead = chunk, extras = true } = opts;
  const perRead = engineOf(store) === 'sqlite' ? Math.max(1, Math.min(rowsPerRead, chunk)) : chunk;
  let cursor: { at: number; id: number } | null = null;
  let emptyAt: number | null = null;
  for (;;) {
    // Per chunk, so a long export follows writes as paging through the list does.
    const { index, f } = await indexedFilter(store, filter);
    const ids = pageIds(index, f, chunk, cursor);
    let last: IncidentItem | undefined;
    for (let k = 0; k < ids.length; k += perRead) {
      const rows = await exportRowsByIds(store, k === 0 && perRead >= ids.length ? ids : ids.slice(k, k + perRead));
      if (!rows.length) continue;
      last = rows[rows.length - 1].item;
      yield rows.map((r) => ({ item: r.item, acledExtra: extras ? parseExtra(r.acledExtra) : null }));
    }
    if (ids.length < chunk) return;
    if (last) cursor = { at: Date.parse(last.occurredAt), id: last.id };
    else {
      // Every row of the chunk was deleted after the index was read: the next read of the index
      // has caught up with the deletes. Twice at the same place would be a stale index, not a race.
      if (emptyAt === ids[0]) throw new Error(`export: the incident index lists deleted incidents from id ${ids[0]}`);
      emptyAt = ids[0];
    }
  }
}
