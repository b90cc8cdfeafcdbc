import { inArray } from 'drizzle-orm';
import { sqlOf } from '@/db/connection';
import type { Store } from '@/db/store';
import { incidents } from '@/db/schema';
import type { IncidentFilter } from '@/lib/validation/incident-filter';
import type { IncidentItem } from '@/lib/incidents/item';
import { iterateIncidents } from './incidents';

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

/** Matching incidents in chunks, each with its preserved ACLED columns, for streaming exports. */
export function* iterateExportChunks(
  store: Store,
  filter: ExportFilter,
  chunk = 500,
): Generator<{ item: IncidentItem; acledExtra: Record<string, string> | null }[]> {
  const db = sqlOf(store);
  let batch: IncidentItem[] = [];
  const withExtras = (items: IncidentItem[]) => {
    const rows = db
      .select({ id: incidents.id, x: incidents.acledExtra })
      .from(incidents)
      .where(
        inArray(
          incidents.id,
          items.map((i) => i.id),
        ),
      )
      .all();
    const byId = new Map(rows.map((r) => [r.id, parseExtra(r.x)]));
    return items.map((item) => ({ item, acledExtra: byId.get(item.id) ?? null }));
  };
  for (const item of iterateIncidents(db, filter, chunk)) {
    batch.push(item);
    if (batch.length >= chunk) {
      yield withExtras(batch);
      batch = [];
    }
  }
  if (batch.length) yield withExtras(batch);
}
