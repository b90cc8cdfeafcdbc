import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/connection';
import { events, groups, incidents, type IncidentRow } from '@/db/schema';
import type { IncidentContent, NormalizedIncident } from '@/lib/incidents/normalize';
import { GroupMatcher, type GroupDef } from '@/lib/taxonomy/groups';

export type Dataset = 'demo' | 'live' | 'import';

export interface WriteResult {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Ids of rows inserted or changed, in input order. */
  changedIds: number[];
  insertedIds: number[];
}

/** A matcher over every group in the database (known seeds plus groups created by imports). */
export function loadGroupMatcher(db: Db): GroupMatcher {
  const rows = db.select().from(groups).all();
  return new GroupMatcher(rows.map((g): GroupDef => ({ ...g, aliases: JSON.parse(g.aliases) as string[] })));
}

function sameContent(row: IncidentRow, c: IncidentContent): boolean {
  for (const key of Object.keys(c) as (keyof IncidentContent)[]) {
    const a = row[key as keyof IncidentRow] ?? null;
    const b = c[key] ?? null;
    if (a !== b) return false;
  }
  return true;
}

/**
 * Upserts normalized incidents on (source, source_id) inside the caller's transaction:
 * new rows insert, changed rows update, identical rows are left alone, so re-imports are
 * idempotent. Every insert/update appends to the live outbox in the same transaction.
 */
export function writeIncidents(
  tx: Db,
  rows: NormalizedIncident[],
  opts: { dataset: Dataset; importBatchId?: number | null; now?: number },
): WriteResult {
  const now = opts.now ?? Date.now();
  const result: WriteResult = { inserted: 0, updated: 0, unchanged: 0, changedIds: [], insertedIds: [] };
  const createdGroups = new Set<string>();
  for (const { content, newGroup } of rows) {
    if (newGroup && !createdGroups.has(newGroup.id)) {
      tx.insert(groups).values({ ...newGroup, aliases: JSON.stringify(newGroup.aliases) }).onConflictDoNothing().run();
      createdGroups.add(newGroup.id);
    }
    const existing = tx
      .select()
      .from(incidents)
      .where(and(eq(incidents.source, content.source), eq(incidents.sourceId, content.sourceId)))
      .get();
    if (!existing) {
      const { id } = tx
        .insert(incidents)
        .values({ ...content, dataset: opts.dataset, importBatchId: opts.importBatchId ?? null, createdAt: now, updatedAt: now })
        .returning({ id: incidents.id })
        .get();
      tx.insert(events).values({ type: 'incident', refId: id, action: 'created', createdAt: now }).run();
      result.inserted++;
      result.insertedIds.push(id);
      result.changedIds.push(id);
    } else if (!sameContent(existing, content)) {
      tx.update(incidents)
        .set({ ...content, importBatchId: opts.importBatchId ?? existing.importBatchId, updatedAt: now })
        .where(eq(incidents.id, existing.id))
        .run();
      tx.insert(events).values({ type: 'incident', refId: existing.id, action: 'updated', createdAt: now }).run();
      result.updated++;
      result.changedIds.push(existing.id);
    } else {
      result.unchanged++;
    }
  }
  return result;
}
