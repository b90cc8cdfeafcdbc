import type { GroupDef, GroupMatcher } from '@/lib/taxonomy/groups';
import { canonicalEventType, canonicalSubEventType } from '@/lib/taxonomy/event-types';
import { TARGET_CATEGORIES } from '@/lib/incidents/record';
import { resolveOccurrence, type IncidentContent, type NormalizedIncident } from '@/lib/incidents/normalize';
import { INPUT_LIMITS as L } from '@/lib/incidents/input';
import { assignRegion } from '@/lib/geo/assign-region';
import { isIsoDate } from '@/lib/time/zone';
import { parseAcledDate } from './date';
import { choosePerpetrator, targetFor } from './perpetrator';
import { acledCountry, cellAt, CROSS_BORDER, jsonString, keptCellTooLong, keptJsonText, sourceList, type AcledLayout } from './map-row';

/** A valid ACLED row, normalized, with what the duplicate-id check compares (lib/import/validate-rows.ts). */
export interface NormalizedAcledRow extends NormalizedIncident {
  source: 'acled';
  sourceId: string;
  /** The event's date as YYYY-MM-DD (the input's occurredAt). */
  occurredAt: string;
  killed: number | null;
  lat: number;
  lon: number;
  actor1: string;
  actor2: string | null;
}

const TARGETS = new Set<string>(TARGET_CATEGORIES);

/** A precision cell (time or place): blank is 1; anything but 1, 2 or 3 is not for this path. */
function precision(raw: string | undefined): 1 | 2 | 3 | null {
  if (!raw) return 1;
  const n = Number(raw);
  return n === 1 || n === 2 || n === 3 ? n : null;
}

/** A filled coordinate cell within ±limit, else null. */
function coordinate(raw: string | undefined, limit: number): number | null {
  if (!raw) return null;
  const n = Number(raw);
  return Number.isFinite(n) && n >= -limit && n <= limit ? n : null;
}

/** A text cell within `max` characters: the cell or null when blank; false when longer. */
const bounded = (v: string | undefined, max: number): string | null | false => (v === undefined ? null : v.length > max ? false : v);

/**
 * One file's ACLED rows straight from their cells to the normalized incident, for the rows that are
 * valid (nearly all of a real export): the cells are checked where mapAcledCells reads them, with
 * the bounds of incidentInputSchema, and the columns are normalized as normalizeIncident does, without
 * the mapped input, the checked input and the row's error list that the general path builds per
 * row (lib/import/validate-rows.ts). A row that any check refuses gives null and goes the general
 * way, which reports its errors in the schema's words; so this path needs to be exact only for the
 * rows it accepts, which a property test compares with the general path on generated files.
 */
export function acledCellsNormalizer(
  layout: AcledLayout,
  matcher: GroupMatcher,
  timeZone: string,
): (cells: readonly (string | undefined)[]) => NormalizedAcledRow | null {
  // Each column's position in a local: the layout's record of 31 names is a dictionary look-up per read.
  const {
    actor1: actor1At,
    actor2: actor2At,
    admin1: admin1At,
    admin2: admin2At,
    admin3: admin3At,
    assoc_actor_1: assocActor1At,
    civilian_targeting: civilianTargetingAt,
    country: countryAt,
    event_date: eventDateAt,
    event_id_cnty: eventIdCntyAt,
    event_type: eventTypeAt,
    fatalities: fatalitiesAt,
    geo_precision: geoPrecisionAt,
    inter1: inter1At,
    inter2: inter2At,
    iso: isoAt,
    latitude: latitudeAt,
    location: locationAt,
    longitude: longitudeAt,
    notes: notesAt,
    source: sourceAt,
    source_scale: sourceScaleAt,
    sub_event_type: subEventTypeAt,
    tags: tagsAt,
    time_precision: timePrecisionAt,
  } = layout.at;
  // Neighbouring rows mostly share their date: resolve it again only when it changes.
  let lastDate = '';
  let lastOccurrence = resolveOccurrence('1970-01-01', timeZone);
  return (cells) => {
    const rawDate = cellAt(cells, eventDateAt);
    const date = rawDate ? parseAcledDate(rawDate) : null;
    if (!date || date.length > L.occurredAt || !isIsoDate(date)) return null;
    const sourceId = cellAt(cells, eventIdCntyAt);
    if (!sourceId || sourceId.length > L.sourceId) return null;
    const country = acledCountry(cellAt(cells, isoAt), cellAt(cells, countryAt));
    // The input's country is bounded (a longer name matches no country anyway).
    const alpha2 = country.value !== undefined && country.value.length <= L.country ? country.alpha2 : null;
    if (!alpha2) return null;
    const eventType = cellAt(cells, eventTypeAt) ?? '';
    const subEventType = cellAt(cells, subEventTypeAt) ?? '';
    if (eventType.length > L.eventType || subEventType.length > L.subEventType) return null;
    const ev = canonicalEventType(eventType);
    const sub = canonicalSubEventType(subEventType);
    if (!ev || !sub || sub.eventType !== ev) return null;
    const timePrecision = precision(cellAt(cells, timePrecisionAt));
    const geoPrecision = precision(cellAt(cells, geoPrecisionAt));
    const lat = coordinate(cellAt(cells, latitudeAt), 90);
    const lon = coordinate(cellAt(cells, longitudeAt), 180);
    if (timePrecision === null || geoPrecision === null || lat === null || lon === null) return null;
    const rawKilled = cellAt(cells, fatalitiesAt);
    const killed = rawKilled ? Number(rawKilled) : null;
    if (killed !== null && !(Number.isInteger(killed) && killed >= 0 && killed <= L.count)) return null;
    const actor1 = cellAt(cells, actor1At);
    const actor2 = bounded(cellAt(cells, actor2At), L.actor);
    const admin1 = bounded(cellAt(cells, admin1At), L.admin);
    const admin2 = bounded(cellAt(cells, admin2At), L.admin);
    const admin3 = bounded(cellAt(cells, admin3At), L.admin);
    const location = bounded(cellAt(cells, locationAt), L.location);
    const assocActors = bounded(cellAt(cells, assocActor1At), L.assocActors);
    const sourceScale = bounded(cellAt(cells, sourceScaleAt), L.sourceScale);
    const notes = bounded(cellAt(cells, notesAt), L.notes);
    if (
      !actor1 ||
      actor1.length > L.actor ||
      actor2 === false ||
      admin1 === false ||
      admin2 === false ||
      admin3 === false ||
      location === false ||
      assocActors === false ||
      sourceScale === false ||
      notes === false
    )
      return null;
    const sources = sourceList(cellAt(cells, sourceAt));
    if (sources.length > L.sources || sources.some((s) => s.length > L.sourceChars)) return null;
    if (keptCellTooLong(cells, layout)) return null;
    const perp = choosePerpetrator(
      {
        actor1,
        actor2: actor2 ?? undefined,
        inter1: cellAt(cells, inter1At),
        inter2: cellAt(cells, inter2At),
        subEventType: sub.subEventType,
      },
      matcher,
    );
    const group = perp.actor;
    if (!group || group.length > L.group) return null;
    const target = targetFor(perp, /civilian/i.test(cellAt(cells, civilianTargetingAt) ?? ''));
    if (!TARGETS.has(target)) return null;

    // Valid: normalized as normalizeIncident does for the input mapAcledCells would have built.
    if (date !== lastDate) {
      lastOccurrence = resolveOccurrence(date, timeZone);
      lastDate = date;
    }
    const known = matcher.get(group);
    const match = known ? { group: known, isNew: false } : matcher.match(group);
    let newGroup: GroupDef | null = match.isNew ? match.group : null;
    if (newGroup && perp.role === 'civilian') newGroup = { ...newGroup, kind: 'other', affiliation: null };
    const content: IncidentContent = {
      source: 'acled',
      sourceId,
      occurredAt: lastOccurrence.occurredAt,
      occurredDay: lastOccurrence.occurredDay,
      hasTime: false,
      timePrecision,
      country: alpha2,
      admin1,
      admin2,
      admin3,
      location,
      lat,
      lon,
      geoPrecision,
      region: assignRegion({ country: alpha2, admin1, admin2, lat, lon }),
      eventType: ev,
      subEventType: sub.subEventType,
      groupId: match.group.id,
      actor1,
      assocActors,
      actor2,
      claimStatus: 'unclaimed',
      target,
      killed,
      injured: null,
      killedSecurity: null,
      killedCivilians: null,
      killedMilitants: null,
      injuredSecurity: null,
      injuredCivilians: null,
      injuredMilitants: null,
      crossBorder: CROSS_BORDER.test(cellAt(cells, tagsAt) ?? '') || CROSS_BORDER.test(notes ?? ''),
      sources: sources.length === 1 ? `[${jsonString(sources[0])}]` : JSON.stringify(sources),
      sourceScale,
      verification: 'reported',
      notes,
      acledExtra: keptJsonText(cells, layout),
    };
    return { content, newGroup, source: 'acled', sourceId, occurredAt: date, killed, lat, lon, actor1, actor2 };
  };
}
