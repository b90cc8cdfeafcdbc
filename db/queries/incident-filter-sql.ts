import { and, eq, gte, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { incidents } from '@/db/schema';
import type { IncidentFilter } from '@/lib/validation/incident-filter';
import { dayNumber, isIsoDate, parseInstant } from '@/lib/time/zone';
import { toFtsQuery } from '@/lib/validation/fts';
import { canonicalEventType, canonicalSubEventType } from '@/lib/taxonomy/event-types';

/**
 * Translates the filter into SQL conditions. Calendar dates compare against `occurred_day`
 * (the local date in the reporting zone), instants against `occurred_at`; `to` is inclusive.
 */
export function incidentConditions(f: Omit<IncidentFilter, 'limit' | 'cursor'> & { cursor?: string }): SQL | undefined {
  const conds: (SQL | undefined)[] = [];
  if (f.from) {
    conds.push(isIsoDate(f.from) ? gte(incidents.occurredDay, dayNumber(f.from)) : gte(incidents.occurredAt, parseInstant(f.from)!));
  }
  if (f.to) {
    conds.push(isIsoDate(f.to) ? lte(incidents.occurredDay, dayNumber(f.to)) : lte(incidents.occurredAt, parseInstant(f.to)!));
  }
  if (f.group?.length) conds.push(inArray(incidents.groupId, f.group));
  if (f.region?.length) {
    const named = f.region.filter((r) => r !== 'none');
    const parts = [named.length ? inArray(incidents.region, named) : undefined, f.region.includes('none') ? isNull(incidents.region) : undefined].filter(Boolean) as SQL[];
    conds.push(parts.length === 1 ? parts[0] : or(...parts));
  }
  if (f.type?.length) {
    // Stored types are canonical ACLED spellings; accept any casing/spacing from the URL.
    const types = f.type.map((t) => canonicalEventType(t) ?? canonicalSubEventType(t)?.subEventType ?? t);
    conds.push(or(inArray(incidents.eventType, types), inArray(incidents.subEventType, types)));
  }
  if (f.minKilled !== undefined && f.minKilled > 0) conds.push(gte(incidents.killed, f.minKilled));
  if (f.q) {
    const match = toFtsQuery(f.q);
    // A query with no searchable words matches nothing rather than everything.
    conds.push(match ? sql`${incidents.id} IN (SELECT rowid FROM incidents_fts WHERE incidents_fts MATCH ${match})` : sql`0`);
  }
  if (f.bbox) {
    conds.push(
      and(
        gte(incidents.lat, f.bbox.south),
        lte(incidents.lat, f.bbox.north),
        gte(incidents.lon, f.bbox.west),
        lte(incidents.lon, f.bbox.east),
      ),
    );
  }
  if (f.cursor) {
    const [at, id] = f.cursor.split('_').map(Number);
    conds.push(or(lt(incidents.occurredAt, at), and(eq(incidents.occurredAt, at), lt(incidents.id, id))));
  }
  return and(...conds);
}
