import { and, desc, eq } from 'drizzle-orm';
import type { Store } from '@/db/store';
import { builder, engineOf } from '@/db/engine';
import { groups, incidents, type IncidentRow } from '@/db/schema';
import type { IncidentFilter } from '@/lib/validation/incident-filter';
import { incidentConditions } from './incident-filter-sql';
import { indexedFilter } from './incident-index';
import { countMatching, facetCounts, pageIds } from '@/lib/incident-index/query';
import { facetsFromCounts } from './facets';
import { toIncidentItem, type IncidentItem } from '@/lib/incidents/item';
import { incidentItemById, incidentItemByIdSync, incidentItemsByIds, incidentItemsByIdsSync } from './incident-rows';
import type { IncidentPage } from '@/lib/contract';

export type { IncidentPage } from '@/lib/contract';

const selection = { incident: incidents, groupName: groups.name, groupColour: groups.colour, groupKind: groups.kind };

/**
 * Newest first, keyset-paginated on (occurred_at, id) so pages are stable while rows arrive.
 * The total and the page's ids come from the in-memory incident index (db/queries/incident-index);
 * only the page's rows are read from the database.
 */
export async function listIncidents(store: Store, filter: IncidentFilter, opts: { facets?: boolean } = {}): Promise<IncidentPage> {
  const { cursor, limit, ...view } = filter;
  const { index, f } = await indexedFilter(store, view);
  const counts = opts.facets ? facetCounts(index, f) : null;
  const [at, id] = cursor ? cursor.split('_').map(Number) : [0, 0];
  const ids = pageIds(index, f, limit + 1, cursor ? { at, id } : null);
  const more = ids.length > limit;
  const rows = await getIncidentsByIds(store, more ? ids.slice(0, limit) : ids);
  const last = rows.at(-1);
  const page: IncidentPage = {
    items: rows,
    total: counts ? counts.total : countMatching(index, f),
    nextCursor: more && last ? `${Date.parse(last.occurredAt)}_${last.id}` : null,
  };
  if (counts) page.facets = await facetsFromCounts(store, index, counts, view);
  return page;
}

/** Full items for the given ids, in the given order (missing ids are skipped). */
export const getIncidentsByIds = incidentItemsByIds;

/** One incident (every write response and live event reads one). */
export const getIncident = incidentItemById;

/** getIncident and getIncidentsByIds on a SQLite connection, for synchronous SQLite transaction bodies. */
export const getIncidentSync = incidentItemByIdSync;
export const getIncidentsByIdsSync = incidentItemsByIdsSync;

/**
 * Every matching row in newest-first order, read in keyset chunks (for exports). The CROSS JOIN
 * keeps incidents the outer loop, read in index order: with an inner join SQLite may drive from
 * the small groups table and sort every matching incident for each chunk (at 1M incidents,
 * minutes per export). occurred_at and id are NOT NULL, so the order is the same on both engines.
 */
export async function* iterateIncidents(
  store: Store,
  filter: Omit<IncidentFilter, 'limit' | 'cursor'>,
  chunk = 2000,
): AsyncGenerator<IncidentItem> {
  const engine = engineOf(store);
  let cursor: string | undefined;
  for (;;) {
    const page = await builder(store)
      .select(selection)
      .from(incidents)
      .crossJoin(groups)
      .where(and(eq(groups.id, incidents.groupId), incidentConditions({ ...filter, cursor }, engine)))
      .orderBy(desc(incidents.occurredAt), desc(incidents.id))
      .limit(chunk);
    for (const r of page) yield toIncidentItem(r.incident, r);
    if (page.length < chunk) return;
    const last = page.at(-1)!.incident;
    cursor = `${last.occurredAt}_${last.id}`;
  }
}

export type { IncidentRow };
