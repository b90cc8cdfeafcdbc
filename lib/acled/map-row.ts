import type { GroupMatcher } from '@/lib/taxonomy/groups';
import { canonicalSubEventType } from '@/lib/taxonomy/event-types';
import { ACLED_COLUMNS, ACLED_EXTRA_COLUMNS, ACLED_EXTRA_LIMITS, isOwnExportColumn } from './columns';
import { parseAcledDate } from './date';
import { choosePerpetrator, targetFor } from './perpetrator';
import { toAlpha2 } from '@/lib/taxonomy/countries';
import { cellNumber, type MappedRow } from '@/lib/csv/mapped-row';

/** Which ACLED column an incident input field came from, to name it in row errors. */
export const ACLED_FIELD_COLUMN: Record<string, string> = {
  sourceId: 'event_id_cnty',
  occurredAt: 'event_date',
  timePrecision: 'time_precision',
  country: 'iso',
  admin1: 'admin1',
  admin2: 'admin2',
  admin3: 'admin3',
  location: 'location',
  lat: 'latitude',
  lon: 'longitude',
  geoPrecision: 'geo_precision',
  eventType: 'event_type',
  subEventType: 'sub_event_type',
  group: 'actor1',
  actor1: 'actor1',
  assocActors: 'assoc_actor_1',
  actor2: 'actor2',
  killed: 'fatalities',
  sources: 'source',
  sourceScale: 'source_scale',
  notes: 'notes',
};

const CROSS_BORDER = /\bcross[- ]border\b/i;

/** A cell's trimmed text; undefined when missing or blank. */
function cell(values: Record<string, string>, k: string): string | undefined {
  return values[k]?.trim() || undefined;
}

/** ACLED's `source` cell: names separated by semicolons (trimmed cell → trimmed, non-empty names). */
function sourceList(text: string | undefined): string[] {
  if (!text) return [];
  if (!text.includes(';')) return [text];
  return text
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
}

const MODELLED = new Set<string>(ACLED_COLUMNS.filter((c) => !(ACLED_EXTRA_COLUMNS as readonly string[]).includes(c)));

/**
 * The columns of `keys` that mapAcledRow keeps verbatim (unmodelled, not our own export's), sorted:
 * the same row gives the same JSON whatever the column order, so re-imports stay unchanged.
 */
export const acledKeptColumns = (keys: Iterable<string>): string[] =>
  [...keys].filter((k) => !MODELLED.has(k) && !isOwnExportColumn(k)).sort();

/**
 * One ACLED row → native incident input (validated later by incidentInputSchema) plus the
 * unmodelled columns kept for a faithful export. Pure: the matcher only classifies actors.
 * `keptColumns` (acledKeptColumns of the row's keys) spares a file's rows, which all share one
 * header, from finding and sorting them row by row.
 */
export function mapAcledRow(values: Record<string, string>, matcher: GroupMatcher, keptColumns?: readonly string[]): MappedRow {
  const errors: MappedRow['errors'] = [];

  const rawDate = cell(values, 'event_date');
  const date = rawDate ? parseAcledDate(rawDate) : null;
  if (rawDate && !date)
    errors.push({ column: 'event_date', message: `"${rawDate.slice(0, 40)}" is not a date (use YYYY-MM-DD or "15 December 2024")` });
  // The first of iso and country that names a country; else the first that is filled.
  const iso = cell(values, 'iso');
  const countryCell = cell(values, 'country');
  const countryColumn = iso && toAlpha2(values.iso) ? 'iso' : countryCell && toAlpha2(values.country) ? 'country' : iso ? 'iso' : 'country';
  const country = countryColumn === 'iso' ? iso : countryCell;
  const subEventType = cell(values, 'sub_event_type') ?? '';
  const canonicalSub = canonicalSubEventType(subEventType)?.subEventType ?? subEventType;
  const actor1 = cell(values, 'actor1');
  const actor2 = cell(values, 'actor2');
  const notes = cell(values, 'notes');
  const perp = actor1
    ? choosePerpetrator(
        { actor1, actor2, inter1: cell(values, 'inter1'), inter2: cell(values, 'inter2'), subEventType: canonicalSub },
        matcher,
      )
    : null;
  const civilianTargeting = /civilian/i.test(cell(values, 'civilian_targeting') ?? '');
  const sources = sourceList(cell(values, 'source'));

  const input: Record<string, unknown> = {
    source: 'acled',
    sourceId: cell(values, 'event_id_cnty'),
    occurredAt: date ?? rawDate ?? '',
    timePrecision: cellNumber(values, 'time_precision', errors) ?? 1,
    country: country ?? '',
    admin1: cell(values, 'admin1') ?? null,
    admin2: cell(values, 'admin2') ?? null,
    admin3: cell(values, 'admin3') ?? null,
    location: cell(values, 'location') ?? null,
    lat: cellNumber(values, 'latitude', errors),
    lon: cellNumber(values, 'longitude', errors),
    geoPrecision: cellNumber(values, 'geo_precision', errors) ?? 1,
    eventType: cell(values, 'event_type') ?? '',
    subEventType,
    group: perp?.actor ?? '',
    actor1: actor1 ?? null,
    assocActors: cell(values, 'assoc_actor_1') ?? null,
    actor2: actor2 ?? null,
    target: perp ? targetFor(perp, civilianTargeting) : 'other',
    killed: cellNumber(values, 'fatalities', errors),
    injured: null,
    crossBorder: CROSS_BORDER.test(cell(values, 'tags') ?? '') || CROSS_BORDER.test(notes ?? ''),
    sources,
    sourceScale: cell(values, 'source_scale') ?? null,
    notes: notes ?? null,
  };
  if (input.lat === undefined) input.lat = null;
  if (input.lon === undefined) input.lon = null;

  let extra: Record<string, string> | null = null;
  for (const k of keptColumns ?? acledKeptColumns(Object.keys(values))) {
    const v = values[k];
    if (!v) continue;
    (extra ??= {})[k] = v;
    if (v.length > ACLED_EXTRA_LIMITS.cellChars)
      errors.push({ column: k, message: `must be at most ${ACLED_EXTRA_LIMITS.cellChars} characters` });
  }
  return { input, extra, errors, columns: columnsFor(countryColumn), newGroupKind: perp?.role === 'civilian' ? 'other' : undefined };
}

const columnsByCountry = new Map<string, Readonly<Record<string, string>>>();

/** ACLED_FIELD_COLUMN with the column the country came from (one shared object per choice, read-only). */
function columnsFor(countryColumn: string): Record<string, string> {
  let c = columnsByCountry.get(countryColumn);
  if (!c) columnsByCountry.set(countryColumn, (c = Object.freeze({ ...ACLED_FIELD_COLUMN, country: countryColumn })));
  return c;
}
