import { and, asc, desc, eq, gt, gte, inArray, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { incidents } from '@/db/schema';
import type { RuleScope } from '@/lib/alerts/rule-schema';
import type { IncidentFacts } from '@/lib/alerts/types';
import type { WindowEvent } from '@/lib/alerts/window-rules';
import type { SqlDb } from './alert-db';

export const FACT_COLUMNS = {
  id: incidents.id,
  occurredAt: incidents.occurredAt,
  groupId: incidents.groupId,
  region: incidents.region,
  eventType: incidents.eventType,
  subEventType: incidents.subEventType,
  killed: incidents.killed,
  injured: incidents.injured,
  crossBorder: incidents.crossBorder,
  lat: incidents.lat,
  lon: incidents.lon,
};

/** SQL for a rule scope (each set dimension is an indexed IN list). */
export function scopeConditions(scope: RuleScope, opts: { withType?: boolean } = {}): SQL[] {
  const c: SQL[] = [];
  if (scope.group?.length) c.push(inArray(incidents.groupId, scope.group));
  if (scope.region?.length) c.push(inArray(incidents.region, scope.region));
  if (scope.type?.length && opts.withType !== false) c.push(or(inArray(incidents.eventType, scope.type), inArray(incidents.subEventType, scope.type))!);
  return c;
}

/** Newly inserted incidents that occurred after `since` (one range query per batch). */
export function loadInsertedFacts(db: SqlDb, insertedIds: readonly number[], since: number): IncidentFacts[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const id of insertedIds) {
    if (id < lo) lo = id;
    if (id > hi) hi = id;
  }
  const wanted = new Set(insertedIds);
  return db
    .select(FACT_COLUMNS)
    .from(incidents)
    .where(and(gte(incidents.id, lo), lte(incidents.id, hi), gte(incidents.occurredAt, since)))
    .all()
    .filter((r) => wanted.has(r.id));
}

/** In-scope incidents with from < occurredAt < to, oldest first. */
export function windowEvents(db: SqlDb, scope: RuleScope, from: number, to: number): WindowEvent[] {
  return db
    .select({ id: incidents.id, at: incidents.occurredAt, killed: sql<number>`coalesce(${incidents.killed}, 0)` })
    .from(incidents)
    .where(and(gt(incidents.occurredAt, from), lt(incidents.occurredAt, to), ...scopeConditions(scope)))
    .orderBy(asc(incidents.occurredAt), asc(incidents.id))
    .all();
}

/** In-scope counts for the spike test: (observedFrom, to] and (baselineFrom, observedFrom]. */
export function spikeCounts(db: SqlDb, scope: RuleScope, b: { baselineFrom: number; observedFrom: number; to: number }) {
  const row = db
    .select({ observed: sql<number>`coalesce(sum(${incidents.occurredAt} > ${b.observedFrom}), 0)`, total: sql<number>`count(*)` })
    .from(incidents)
    .where(and(gt(incidents.occurredAt, b.baselineFrom), lte(incidents.occurredAt, b.to), ...scopeConditions(scope)))
    .get();
  const observed = Number(row?.observed ?? 0);
  return { observed, baseline: Number(row?.total ?? 0) - observed };
}

export function recentIds(db: SqlDb, scope: RuleScope, from: number, to: number, limit = 100): number[] {
  return db
    .select({ id: incidents.id })
    .from(incidents)
    .where(and(gt(incidents.occurredAt, from), lte(incidents.occurredAt, to), ...scopeConditions(scope)))
    .orderBy(desc(incidents.occurredAt))
    .limit(limit)
    .all()
    .map((r) => r.id)
    .reverse();
}

/** Latest earlier incident (ties broken by id) of the same group in the same region since `since`. */
export function priorInRegion(db: SqlDb, i: IncidentFacts, since: number): number | null {
  const row = db
    .select({ at: incidents.occurredAt })
    .from(incidents)
    .where(
      and(
        eq(incidents.groupId, i.groupId),
        eq(incidents.region, i.region ?? ''),
        gte(incidents.occurredAt, since),
        lte(incidents.occurredAt, i.occurredAt),
        ne(incidents.id, i.id),
        or(lt(incidents.occurredAt, i.occurredAt), lt(incidents.id, i.id)),
      ),
    )
    .orderBy(desc(incidents.occurredAt))
    .limit(1)
    .get();
  return row?.at ?? null;
}
