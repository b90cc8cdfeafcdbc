import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/connection';
import { groups, incidents, type IncidentRow } from '@/db/schema';
import type { IncidentFilter } from '@/lib/validation/incident-filter';
import { incidentConditions } from './incident-filter-sql';
import { toIncidentItem, type IncidentItem } from '@/lib/incidents/item';

export interface IncidentPage {
  items: IncidentItem[];
  total: number;
  nextCursor: string | null;
}

const selection = { incident: incidents, groupName: groups.name, groupColour: groups.colour, groupKind: groups.kind };

/** Newest first, keyset-paginated on (occurred_at, id) so pages are stable while rows arrive. */
export function listIncidents(db: Db, filter: IncidentFilter): IncidentPage {
  const where = incidentConditions(filter);
  const { cursor: _ignored, ...withoutCursor } = filter;
  const total = db.select({ n: sql<number>`count(*)` }).from(incidents).where(incidentConditions(withoutCursor)).get()!.n;
  const rows = db
    .select(selection)
    .from(incidents)
    .innerJoin(groups, eq(groups.id, incidents.groupId))
    .where(where)
    .orderBy(desc(incidents.occurredAt), desc(incidents.id))
    .limit(filter.limit + 1)
    .all();
  const more = rows.length > filter.limit;
  const page = more ? rows.slice(0, filter.limit) : rows;
  const last = page.at(-1)?.incident;
  return {
    items: page.map((r) => toIncidentItem(r.incident, r)),
    total,
    nextCursor: more && last ? `${last.occurredAt}_${last.id}` : null,
  };
}

export function getIncident(db: Db, id: number): IncidentItem | null {
  const row = db.select(selection).from(incidents).innerJoin(groups, eq(groups.id, incidents.groupId)).where(eq(incidents.id, id)).get();
  return row ? toIncidentItem(row.incident, row) : null;
}

/** Every matching row in newest-first order, streamed in keyset chunks (for exports). */
export function* iterateIncidents(db: Db, filter: Omit<IncidentFilter, 'limit' | 'cursor'>, chunk = 2000): Generator<IncidentItem> {
  let cursor: string | undefined;
  for (;;) {
    const page = db
      .select(selection)
      .from(incidents)
      .innerJoin(groups, eq(groups.id, incidents.groupId))
      .where(incidentConditions({ ...filter, cursor }))
      .orderBy(desc(incidents.occurredAt), desc(incidents.id))
      .limit(chunk)
      .all();
    for (const r of page) yield toIncidentItem(r.incident, r);
    if (page.length < chunk) return;
    const last = page.at(-1)!.incident;
    cursor = `${last.occurredAt}_${last.id}`;
  }
}

export type { IncidentRow };
