import type { GroupMatcher } from '@/lib/taxonomy/groups';
import { canonicalSubEventType } from '@/lib/taxonomy/event-types';
import { ACLED_COLUMNS, ACLED_EXTRA_COLUMNS, ACLED_EXTRA_LIMITS, isOwnExportColumn, type AcledColumn } from './columns';
import { parseAcledDate } from './date';
import { choosePerpetrator, targetFor } from './perpetrator';
import { toAlpha2 } from '@/lib/taxonomy/countries';
import { numberCell, type MappedRow } from '@/lib/csv/mapped-row';

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

export const CROSS_BORDER = /\bcross[- ]border\b/i;

/** ACLED's `source` cell: names separated by semicolons (trimmed cell → trimmed, non-empty names). */
export function sourceList(text: string | undefined): string[] {
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
 * Where one file's columns sit in its rows: each ACLED column's position (-1 when the file has no
 * such column) and the kept columns (acledKeptColumns) with theirs. Found once per file, so a row
 * is read by position instead of by name.
 */
export interface AcledLayout {
  at: Readonly<Record<AcledColumn, number>>;
  /** The kept columns, sorted (the order their errors are reported in). */
  kept: readonly KeptColumn[];
  /** The same columns in the order JSON.stringify writes an object's keys (integer-like names first). */
  keptJson: readonly KeptColumn[];
}

interface KeptColumn {
  name: string;
  at: number;
  /** `"name":` as JSON. */
  key: string;
}

/** The layout of a file whose header has column keys `keys` (null: a header cell without a key). */
export function acledLayout(keys: readonly (string | null)[]): AcledLayout {
  const at = Object.fromEntries(ACLED_COLUMNS.map((c) => [c, keys.indexOf(c)])) as Record<AcledColumn, number>;
  const kept = acledKeptColumns(keys.filter((k): k is string => !!k)).map((name) => ({
    name,
    at: keys.indexOf(name),
    key: `${JSON.stringify(name)}:`,
  }));
  const jsonOrder = Object.keys(Object.fromEntries(kept.map((k) => [k.name, k])));
  return { at, kept, keptJson: jsonOrder.map((name) => kept.find((k) => k.name === name)!) };
}

/** The trimmed cell at position `at`; undefined when the column is absent or the cell blank. */
export function cellAt(cells: readonly (string | undefined)[], at: number): string | undefined {
  return at < 0 ? undefined : cells[at]?.trim() || undefined;
}

/**
 * One ACLED row → native incident input (validated later by incidentInputSchema) plus the
 * unmodelled columns kept for a faithful export. Pure: the matcher only classifies actors.
 * `layout` (acledLayout of the row's keys) spares a file's rows, which all share one header, from
 * finding their columns row by row.
 */
export function mapAcledRow(values: Record<string, string>, matcher: GroupMatcher, layout?: AcledLayout): MappedRow {
  return mapAcledCells(Object.values(values), layout ?? acledLayout(Object.keys(values)), matcher);
}

/** mapAcledRow of a row given as its cells, in the order `layout` was found from. */
export function mapAcledCells(cells: readonly (string | undefined)[], layout: AcledLayout, matcher: GroupMatcher): MappedRow {
  const { at } = layout;
  const errors: MappedRow['errors'] = [];

  const rawDate = cellAt(cells, at.event_date);
  const date = rawDate ? parseAcledDate(rawDate) : null;
  if (rawDate && !date)
    errors.push({ column: 'event_date', message: `"${rawDate.slice(0, 40)}" is not a date (use YYYY-MM-DD or "15 December 2024")` });
  const { column: countryColumn, value: country } = acledCountry(cellAt(cells, at.iso), cellAt(cells, at.country));
  const subEventType = cellAt(cells, at.sub_event_type) ?? '';
  const canonicalSub = canonicalSubEventType(subEventType)?.subEventType ?? subEventType;
  const actor1 = cellAt(cells, at.actor1);
  const actor2 = cellAt(cells, at.actor2);
  const notes = cellAt(cells, at.notes);
  const perp = actor1
    ? choosePerpetrator(
        { actor1, actor2, inter1: cellAt(cells, at.inter1), inter2: cellAt(cells, at.inter2), subEventType: canonicalSub },
        matcher,
      )
    : null;
  const civilianTargeting = /civilian/i.test(cellAt(cells, at.civilian_targeting) ?? '');
  const sources = sourceList(cellAt(cells, at.source));

  const input: Record<string, unknown> = {
    source: 'acled',
    sourceId: cellAt(cells, at.event_id_cnty),
    occurredAt: date ?? rawDate ?? '',
    timePrecision: numberCell(cellAt(cells, at.time_precision), 'time_precision', errors) ?? 1,
    country: country ?? '',
    admin1: cellAt(cells, at.admin1) ?? null,
    admin2: cellAt(cells, at.admin2) ?? null,
    admin3: cellAt(cells, at.admin3) ?? null,
    location: cellAt(cells, at.location) ?? null,
    lat: numberCell(cellAt(cells, at.latitude), 'latitude', errors),
    lon: numberCell(cellAt(cells, at.longitude), 'longitude', errors),
    geoPrecision: numberCell(cellAt(cells, at.geo_precision), 'geo_precision', errors) ?? 1,
    eventType: cellAt(cells, at.event_type) ?? '',
    subEventType,
    group: perp?.actor ?? '',
    actor1: actor1 ?? null,
    assocActors: cellAt(cells, at.assoc_actor_1) ?? null,
    actor2: actor2 ?? null,
    target: perp ? targetFor(perp, civilianTargeting) : 'other',
    killed: numberCell(cellAt(cells, at.fatalities), 'fatalities', errors),
    injured: null,
    crossBorder: CROSS_BORDER.test(cellAt(cells, at.tags) ?? '') || CROSS_BORDER.test(notes ?? ''),
    sources,
    sourceScale: cellAt(cells, at.source_scale) ?? null,
    notes: notes ?? null,
  };
  if (input.lat === undefined) input.lat = null;
  if (input.lon === undefined) input.lon = null;

  const extra = keptJsonText(cells, layout);
  for (const k of layout.kept) {
    if (keptTooLong(cells, k)) errors.push({ column: k.name, message: `must be at most ${ACLED_EXTRA_LIMITS.cellChars} characters` });
  }
  return { input, extra, errors, columns: columnsFor(countryColumn), newGroupKind: perp?.role === 'civilian' ? 'other' : undefined };
}

/** The country of an ACLED row: the first of iso and country that names one; else the first that is filled. */
export function acledCountry(
  iso: string | undefined,
  country: string | undefined,
): { column: 'iso' | 'country'; value: string | undefined; alpha2: string | null } {
  const isoAlpha2 = iso ? toAlpha2(iso) : null;
  if (isoAlpha2) return { column: 'iso', value: iso, alpha2: isoAlpha2 };
  const alpha2 = country ? toAlpha2(country) : null;
  if (alpha2) return { column: 'country', value: country, alpha2 };
  return iso ? { column: 'iso', value: iso, alpha2: null } : { column: 'country', value: country, alpha2: null };
}

/**
 * The acled_extra text of a row: the JSON text JSON.stringify gives the object of the filled kept
 * cells, written directly: one object and its serialisation per row cost more than the rest of
 * mapAcledCells. Null when no kept cell is filled.
 */
export function keptJsonText(cells: readonly (string | undefined)[], layout: AcledLayout): string | null {
  let extra: string | null = null;
  for (const k of layout.keptJson) {
    const v = cells[k.at];
    if (v) extra = (extra === null ? '{' : `${extra},`) + k.key + jsonString(v);
  }
  return extra === null ? null : `${extra}}`;
}

const keptTooLong = (cells: readonly (string | undefined)[], k: KeptColumn) => (cells[k.at]?.length ?? 0) > ACLED_EXTRA_LIMITS.cellChars;

/** Whether a kept cell of the row is over its limit (a row error of mapAcledCells). */
export const keptCellTooLong = (cells: readonly (string | undefined)[], layout: AcledLayout): boolean =>
  layout.kept.some((k) => keptTooLong(cells, k));

/**
 * JSON.stringify of a string: quoted as it is when no character needs an escape (quote, backslash,
 * control character, lone surrogate), as almost every kept ACLED cell is. JSON.stringify is a
 * call into the runtime per cell, ~400 ns each on 8 cells per row (a fifth of this mapping's time).
 */
export function jsonString(v: string): string {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return JSON.stringify(v);
  }
  return `"${v}"`;
}

const columnsByCountry = new Map<string, Readonly<Record<string, string>>>();

/** ACLED_FIELD_COLUMN with the column the country came from (one shared object per choice, read-only). */
function columnsFor(countryColumn: string): Record<string, string> {
  let c = columnsByCountry.get(countryColumn);
  if (!c) columnsByCountry.set(countryColumn, (c = Object.freeze({ ...ACLED_FIELD_COLUMN, country: countryColumn })));
  return c;
}
