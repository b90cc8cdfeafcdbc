import type { NewIncidentRecord as NewIncidentRow } from './record';
import type { IncidentInput } from './input';
import { dayNumber, isIsoDate, localDay, parseInstant } from '@/lib/time/zone';
import { canonicalEventType, canonicalSubEventType } from '@/lib/taxonomy/event-types';
import { toAlpha2 } from '@/lib/taxonomy/countries';
import type { GroupDef, GroupMatcher } from '@/lib/taxonomy/groups';
import { assignRegion } from '@/lib/geo/assign-region';

const DAY_MS = 86_400_000;

/** Content columns of an incident (everything but id, dataset, batch and timestamps). */
export type IncidentContent = Omit<NewIncidentRow, 'id' | 'createdAt' | 'updatedAt' | 'dataset' | 'importBatchId'>;

export interface NormalizedIncident {
  content: IncidentContent;
  /** Set when the perpetrator matched no known group: it is created with the incident. */
  newGroup: GroupDef | null;
}

/**
 * Resolves when an event happened. A bare date is a calendar date wherever it happened:
 * it keeps its day as given and is placed at 12:00 UTC, a zone-independent convention.
 */
export function resolveOccurrence(value: string, timeZone: string): { occurredAt: number; occurredDay: number; hasTime: boolean } {
  if (isIsoDate(value)) {
    const day = dayNumber(value);
    return { occurredAt: day * DAY_MS + DAY_MS / 2, occurredDay: day, hasTime: false };
  }
  const ms = parseInstant(value);
  if (ms === null) throw new RangeError(`not a date or instant: ${value}`);
  return { occurredAt: ms, occurredDay: localDay(ms, timeZone), hasTime: true };
}

/** Pure mapping of validated input to stored columns (group matching, region, zone). */
export function normalizeIncident(
  input: IncidentInput,
  ctx: { matcher: GroupMatcher; timeZone: string; sourceId: string },
): NormalizedIncident {
  const country = toAlpha2(input.country)!;
  const known = ctx.matcher.get(input.group);
  const match = known ? { group: known, isNew: false } : ctx.matcher.match(input.group);
  const { occurredAt, occurredDay, hasTime } = resolveOccurrence(input.occurredAt, ctx.timeZone);
  const content: IncidentContent = {
    source: input.source,
    sourceId: input.sourceId ?? ctx.sourceId,
    occurredAt,
    occurredDay,
    hasTime,
    timePrecision: input.timePrecision,
    country,
    admin1: input.admin1,
    admin2: input.admin2,
    admin3: input.admin3,
    location: input.location,
    lat: input.lat,
    lon: input.lon,
    geoPrecision: input.geoPrecision,
    region: assignRegion({ country, admin1: input.admin1, admin2: input.admin2, lat: input.lat, lon: input.lon }),
    eventType: canonicalEventType(input.eventType)!,
    subEventType: canonicalSubEventType(input.subEventType)!.subEventType,
    groupId: match.group.id,
    actor1: input.actor1 ?? (known ? null : input.group),
    assocActors: input.assocActors,
    actor2: input.actor2,
    claimStatus: input.claimStatus,
    target: input.target,
    killed: input.killed,
    injured: input.injured,
    killedSecurity: input.killedBy?.security ?? null,
    killedCivilians: input.killedBy?.civilians ?? null,
    killedMilitants: input.killedBy?.militants ?? null,
    injuredSecurity: input.injuredBy?.security ?? null,
    injuredCivilians: input.injuredBy?.civilians ?? null,
    injuredMilitants: input.injuredBy?.militants ?? null,
    crossBorder: input.crossBorder,
    sources: JSON.stringify(input.sources),
    sourceScale: input.sourceScale,
    verification: input.verification,
    notes: input.notes,
    acledExtra: null,
  };
  return { content, newGroup: match.isNew ? match.group : null };
}
