import { eq, sql } from 'drizzle-orm';
import { sqlOf, type Db } from '@/db/connection';
import type { Store } from '@/db/store';
import { incidents, meta } from '@/db/schema';
import { loadGroupMatcher, writeIncidents, type WriteResult } from './ingest';
import { afterIngest } from './after-ingest';
import { generateDemoIncidents } from '@/lib/demo/generate';
import { incidentInputSchema } from '@/lib/incidents/input';
import { normalizeIncident } from '@/lib/incidents/normalize';

export interface SeedOptions {
  /** Demo data runs up to this instant (ms); defaults to Date.now(). */
  now?: number;
}

/** The zone occurred_day is computed in: the one migrateDatabase recorded for this database. */
function reportTimeZone(db: Db): string {
  return db.select().from(meta).where(eq(meta.key, 'report_time_zone')).get()?.value ?? 'Asia/Karachi';
}

/**
 * Upserts the synthetic demo data set (dataset 'demo') in one immediate transaction. Rows are
 * keyed by their stable demo source ids, so running it again changes nothing.
 */
export function seedDemoData(store: Store, opts: SeedOptions = {}): WriteResult {
  const db = sqlOf(store);
  const now = opts.now ?? Date.now();
  const inputs = generateDemoIncidents({ now }).map((r) => incidentInputSchema.parse(r));
  const timeZone = reportTimeZone(db);
  // BEGIN IMMEDIATE on the connection itself: writeIncidents/afterIngest take a Db, which
  // Drizzle's own transaction object is not. Throwing rolls everything back.
  return db.$client
    .transaction(() => {
      const matcher = loadGroupMatcher(db);
      const rows = inputs.map((input) => normalizeIncident(input, { matcher, timeZone, sourceId: input.sourceId! }));
      const result = writeIncidents(db, rows, { dataset: 'demo', now });
      afterIngest(db, result, { now, via: 'seed' });
      return result;
    })
    .immediate();
}

/** Seeds the synthetic demo data set when the incidents table is empty; returns rows written. */
export function seedIfEmpty(store: Store, opts: SeedOptions = {}): number {
  const { n } = sqlOf(store)
    .select({ n: sql<number>`count(*)` })
    .from(incidents)
    .get()!;
  if (n > 0) return 0;
  return seedDemoData(store, opts).inserted;
}
