import type { FacetCount, Facets, IncidentPage, MapResponse, RegionFacet, Timeline } from '@/lib/contract';
import { matchesTerms, normaliseFilter } from '@/lib/filters/definition';
import { filterableItem, matchesFilter } from '@/lib/filters/match';
import type { ViewFilter } from '@/lib/filters/schema';
import type { IncidentItem } from '@/lib/incidents/item';
import { mondayOf } from '@/lib/time/iso-week';
import { dayNumber, dayToDate } from '@/lib/time/zone';

/**
 * What a newly created incident changes in the cached dashboard responses for one filter, so an
 * SSE event updates the page without refetching. Each function mirrors its endpoint's SQL and
 * returns the response unchanged (same object) when the incident does not touch it, or `null`
 * when it cannot tell (the caller refetches). Free text (`q`) is never matched locally.
 */

/** Newest-first order of GET /api/incidents: occurred_at desc, id desc. */
const newer = (a: IncidentItem, b: IncidentItem) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt) || b.id - a.id;
const cursorOf = (item: IncidentItem) => `${Date.parse(item.occurredAt)}_${item.id}`;

/** The first page (no cursor) gains the incident in order, keeping its size and moving its cursor. */
export function addToFirstPage(page: IncidentPage, item: IncidentItem, limit: number): IncidentPage {
  if (page.items.some((i) => i.id === item.id)) return page;
  const last = page.items.at(-1);
  const total = page.total + 1;
  if (page.nextCursor && last && newer(item, last) > 0) return { ...page, total };
  const items = [...page.items, item].sort(newer);
  if (items.length <= limit) return { ...page, items, total };
  const kept = items.slice(0, limit);
  return { items: kept, total, nextCursor: cursorOf(kept.at(-1)!) };
}

const bump = <T extends FacetCount>(rows: T[], value: string, add: (row: T | undefined) => T): T[] => {
  const i = rows.findIndex((r) => r.value === value);
  const next = i < 0 ? [...rows, add(undefined)] : rows.map((r, j) => (j === i ? add(r) : r));
  return next.sort((a, b) => b.count - a.count);
};

/** Facets are counted per dimension with every other filter applied, like listFacets. */
export function addToFacets(f: Facets, item: IncidentItem, filter: ViewFilter): Facets {
  const killed = item.killed ?? 0;
  const region = item.region ?? 'none';
  // Each dimension's facet is counted under every condition of the filter but its own.
  const terms = normaliseFilter(filter);
  const i = filterableItem(item);
  const inAll = matchesTerms(terms, i);
  const regionRow = (r: RegionFacet | undefined): RegionFacet => ({
    value: region,
    count: (r?.count ?? 0) + 1,
    killed: (r?.killed ?? 0) + killed,
  });
  const count =
    (value: string) =>
    (r: FacetCount | undefined): FacetCount => ({ value, count: (r?.count ?? 0) + 1 });
  const inTypes = matchesTerms({ ...terms, type: null }, i);
  const groups = matchesTerms({ ...terms, group: null }, i)
    ? bump(f.groups, item.group, (g) => ({
        value: item.group,
        name: item.groupName,
        colour: item.groupColour,
        kind: item.groupKind,
        count: (g?.count ?? 0) + 1,
      })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
    : f.groups;
  return {
    total: f.total + (inAll ? 1 : 0),
    killed: f.killed + (inAll ? killed : 0),
    demo: f.demo + (inAll && item.dataset === 'demo' ? 1 : 0),
    groups,
    regions: matchesTerms({ ...terms, region: null }, i) ? bump(f.regions, region, regionRow) : f.regions,
    eventTypes: inTypes ? bump(f.eventTypes, item.eventType, count(item.eventType)) : f.eventTypes,
    subEventTypes: inTypes ? bump(f.subEventTypes, item.subEventType, count(item.subEventType)) : f.subEventTypes,
    choropleth: inAll && item.region ? bump(f.choropleth, region, regionRow) : f.choropleth,
  };
}

/**
 * The incident's day or ISO-week bin gains it. With no `to` the span ends at the newest incident,
 * so a newer one extends weekly bins; `null` when the bins cannot be told here (a daily span may
 * turn weekly, or the incident is before the span).
 */
export function addToTimeline(t: Timeline, item: IncidentItem, filter: ViewFilter): Timeline | null {
  const day = dayNumber(item.occurredDate);
  const key = t.bucket === 'week' ? mondayOf(day) : day;
  let bins = t.bins;
  let to = t.to;
  if (!filter.to && to && day > dayNumber(to)) {
    const last = bins.at(-1);
    if (t.bucket !== 'week' || !last) return null;
    bins = [...bins];
    for (let d = dayNumber(last.start) + 7; d <= key; d += 7) bins.push({ start: dayToDate(d), count: 0, killed: 0 });
    to = item.occurredDate;
  }
  const start = dayToDate(key);
  const i = bins.findIndex((b) => b.start === start);
  if (i < 0) return null;
  return { ...t, to, bins: bins.map((b, j) => (j === i ? { ...b, count: b.count + 1, killed: b.killed + (item.killed ?? 0) } : b)) };
}

/**
 * A new incident in the cached map answer. Outside the viewport only the filter's total moves.
 * Inside it, `null`: the map refetches. The server counts a new incident inside the cluster of its
 * grid cell at once (lib/map/grid-clusters.ts), and the browser cannot reproduce that cell's new
 * mean position and split zoom from the rounded cluster it holds; the viewport answer is a few
 * hundred bytes from the warm index, so a refetch is cheaper than a wrong cluster.
 */
export function addToMap(m: MapResponse, item: IncidentItem, bbox: string, seq: number): MapResponse | null {
  // A response built at or after the event's outbox seq already counts the incident.
  if (m.seq >= seq || m.features.some((f) => f.t === 'p' && f.id === item.id)) return m;
  const [west, south, east, north] = bbox.split(',').map(Number);
  const inView = item.lon >= west && item.lon <= east && item.lat >= south && item.lat <= north;
  return inView ? null : { ...m, total: m.total + 1 };
}

/** Whether the patches above can decide for this filter (free text needs the server's index: see FILTER_FIELDS.q). */
export const canPatch = (filter: ViewFilter) => !filter.q;
export { matchesFilter };
