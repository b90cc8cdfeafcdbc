import { and, gte, lt, sql } from 'drizzle-orm';
import { builder } from '@/db/engine';
import type { Store } from '@/db/store';
import { incidentRevisions } from '@/db/schema';
import type { WeekRevisions } from '@/lib/reports/types';

/**
 * How many of the week's incidents a dataset revised after the week ended, i.e. since its brief was
 * first published: ACLED's deletions and updates (db/services/acled-sync-writes.ts). Counted per
 * incident, over the whole week (a deleted incident no longer has a group or region to filter by).
 */
export async function weekRevisions(store: Store, startsAtMs: number, endsAtMs: number): Promise<WeekRevisions> {
  const found = await builder(store)
    .select({ kind: incidentRevisions.kind, n: sql<number>`count(DISTINCT ${incidentRevisions.incidentId})` })
    .from(incidentRevisions)
    .where(
      and(
        gte(incidentRevisions.occurredAt, startsAtMs),
        lt(incidentRevisions.occurredAt, endsAtMs),
        gte(incidentRevisions.revisedAt, endsAtMs),
      ),
    )
    .groupBy(incidentRevisions.kind);
  const of = (kind: string) => Number(found.find((r) => r.kind === kind)?.n ?? 0);
  return { deleted: of('deleted'), updated: of('updated') };
}
