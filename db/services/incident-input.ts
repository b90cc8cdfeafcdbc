import type { IncidentItem } from '@/lib/incidents/item';

/** The stored incident in the shape POST accepts, so a PATCH can be merged and re-validated whole. */
export function asInput(item: IncidentItem): Record<string, unknown> {
  const c = item.casualties;
  return {
    source: item.source,
    sourceId: item.sourceId,
    occurredAt: item.hasTime ? item.occurredAt : item.occurredDate,
    timePrecision: item.timePrecision,
    country: item.country,
    admin1: item.admin1,
    admin2: item.admin2,
    admin3: item.admin3,
    location: item.location,
    lat: item.lat,
    lon: item.lon,
    geoPrecision: item.geoPrecision,
    eventType: item.eventType,
    subEventType: item.subEventType,
    group: item.group,
    actor1: item.actor1,
    assocActors: item.assocActors,
    actor2: item.actor2,
    claimStatus: item.claimStatus,
    target: item.target,
    killed: item.killed,
    injured: item.injured,
    killedBy: c.killed,
    injuredBy: c.injured,
    crossBorder: item.crossBorder,
    sources: item.sources,
    sourceScale: item.sourceScale,
    verification: item.verification,
    notes: item.notes,
  };
}
