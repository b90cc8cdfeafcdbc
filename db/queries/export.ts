import { inArray } from 'drizzle-orm';
import type { Store } from '@/db/store';
import { builder } from '@/db/engine';
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

/**
 * Matching incidents in chunks, each with its preserved ACLED columns, for streaming exports.
 * Memory stays bounded on both engines: the incidents are read in keyset chunks
 * (iterateIncidents) and each chunk is handed on before the next is read.
 */
export async function* iterateExportChunks(
  store: Store,
  filter: ExportFilter,
  chunk = 500,
): AsyncGenerator<{ item: IncidentItem; acledExtra: Record<string, string> | null }[]> {
  let batch: IncidentItem[] = [];
  const withExtras = async (items: IncidentItem[]) => {
    const rows = await builder(store)
      .select({ id: incidents.id, x: incidents.acledExtra })
      .from(incidents)
      .where(
        inArray(
          incidents.id,
          items.map((i) => i.id),
        ),
      );
    const byId = new Map(rows.map((r) => [r.id, parseExtra(r.x)]));
    return items.map((item) => ({ item, acledExtra: byId.get(item.id) ?? null }));
  };
  for await (const item of iterateIncidents(store, filter, chunk)) {
    batch.push(item);
    if (batch.length >= chunk) {
      yield await withExtras(batch);
      batch = [];
    }
  }
  if (batch.length) yield await withExtras(batch);
}
