import { count, eq } from 'drizzle-orm';
import { builder, transact } from '@/db/engine';
import type { Store } from '@/db/store';
import { incidents, meta } from '@/db/schema';
import { loadGroupMatcher, writeIncidents, type WriteResult } from './ingest';
import { afterIngest } from './after-ingest';
import { ensureStarterRules } from './starter-rules';
import { generateDemoIncidents } from '@/lib/demo/generate';
import { incidentInputSchema } from '@/lib/incidents/input';
import { normalizeIncident } from '@/lib/incidents/normalize';

export interface SeedOptions {
  /** Demo data runs up to this instant (ms); defaults to Date.now(). */
  now?: number;
}

/** The zone occurred_day is computed in: the one migrateDatabase recorded for this database. */
async function reportTimeZone(store: Store): Promise<string> {
  const [row] = await builder(store).select().from(meta).where(eq(meta.key, 'report_time_zone')).limit(1);
  return row?.value ?? 'Asia/Karachi';
}

/**
 * Upserts the synthetic demo data set (dataset 'demo') in one write transaction. Rows are
 * keyed by their stable demo source ids, so running it again changes nothing, and two instances
 * seeding at once leave one copy (writeIncidents' upsert). The starter rules go in first (once
 * per database), so the recent demo incidents fire alerts as they are written.
 */
export async function seedDemoData(store: Store, opts: SeedOptions = {}): Promise<WriteResult> {
  const now = opts.now ?? Date.now();
  const inputs = generateDemoIncidents({ now }).map((r) => incidentInputSchema.parse(r));
  const timeZone = await reportTimeZone(store);
  await ensureStarterRules(store, now);
  return transact(store, async (tx) => {
    const matcher = await loadGroupMatcher(tx);
    const rows = inputs.map((input) => normalizeIncident(input, { matcher, timeZone, sourceId: input.sourceId! }));
    const result = await writeIncidents(tx, rows, { dataset: 'demo', now });
    await afterIngest(tx, result, { now, via: 'seed' });
    return result;
  });
}

/** Seeds the synthetic demo data set when the incidents table is empty; returns rows written. */
export async function seedIfEmpty(store: Store, opts: SeedOptions = {}): Promise<number> {
  const [{ n }] = await builder(store).select({ n: count() }).from(incidents);
  if (n > 0) return 0;
  return (await seedDemoData(store, opts)).inserted;
}
