import type { IncidentItem } from '@/lib/incidents/item';
import { countryName, countryNumeric } from '@/lib/taxonomy/countries';
import { neutraliseCell } from '@/lib/csv/formula';
import { csvRecord } from '@/lib/csv/write';
import { ACLED_COLUMNS, EXTRA_EXPORT_COLUMNS } from './columns';

export { EXTRA_EXPORT_COLUMNS };

export const EXPORT_COLUMNS = [...ACLED_COLUMNS, ...EXTRA_EXPORT_COLUMNS];

type Cell = string | number | null;
type Value = (item: IncidentItem) => Cell;

/** Per country code, its name and ISO number: an export asks for the same few on every row. */
const COUNTRIES = new Map<string, { name: string; iso: number | null }>();
function country(alpha2: string): { name: string; iso: number | null } {
  let c = COUNTRIES.get(alpha2);
  if (!c) {
    c = { name: countryName(alpha2), iso: Number(countryNumeric(alpha2) ?? 0) || null };
    // Codes come from stored rows (a few dozen countries); the bound only guards odd data.
    if (COUNTRIES.size < 1000) COUNTRIES.set(alpha2, c);
  }
  return c;
}

/** The ACLED columns we model, from the item. */
const ACLED_VALUES: Record<string, Value> = {
  event_id_cnty: (i) => (i.source === 'acled' ? i.sourceId : `${i.source}:${i.sourceId}`),
  event_date: (i) => i.occurredDate,
  year: (i) => Number(i.occurredDate.slice(0, 4)),
  time_precision: (i) => i.timePrecision,
  event_type: (i) => i.eventType,
  sub_event_type: (i) => i.subEventType,
  actor1: (i) => i.actor1 ?? i.groupName,
  assoc_actor_1: (i) => i.assocActors,
  actor2: (i) => i.actor2,
  civilian_targeting: (i) => (i.target === 'civilians' ? 'Civilian targeting' : ''),
  iso: (i) => country(i.country).iso,
  country: (i) => country(i.country).name,
  admin1: (i) => i.admin1,
  admin2: (i) => i.admin2,
  admin3: (i) => i.admin3,
  location: (i) => i.location,
  latitude: (i) => i.lat,
  longitude: (i) => i.lon,
  geo_precision: (i) => i.geoPrecision,
  source: (i) => i.sources.join('; '),
  source_scale: (i) => i.sourceScale,
  notes: (i) => i.notes,
  fatalities: (i) => i.killed,
};

/** Our columns after ACLED's. */
const OUR_VALUES: Record<string, Value> = {
  id: (i) => i.id,
  source_name: (i) => i.source,
  occurred_at: (i) => i.occurredAt,
  occurred_date: (i) => i.occurredDate,
  has_time: (i) => (i.hasTime ? 'true' : 'false'),
  monitored_region: (i) => i.region,
  group: (i) => i.group,
  group_name: (i) => i.groupName,
  group_kind: (i) => i.groupKind,
  claim_status: (i) => i.claimStatus,
  target: (i) => i.target,
  killed: (i) => i.killed,
  injured: (i) => i.injured,
  killed_security: (i) => i.casualties.killed.security,
  killed_civilians: (i) => i.casualties.killed.civilians,
  killed_militants: (i) => i.casualties.killed.militants,
  injured_security: (i) => i.casualties.injured.security,
  injured_civilians: (i) => i.casualties.injured.civilians,
  injured_militants: (i) => i.casualties.injured.militants,
  cross_border: (i) => (i.crossBorder ? 'true' : 'false'),
  source_count: (i) => i.sourceCount,
  verification: (i) => i.verification,
  dataset: (i) => i.dataset,
  import_batch_id: (i) => i.importBatchId,
  created_at: (i) => i.createdAt,
  updated_at: (i) => i.updatedAt,
};

const ACLED = new Set<string>(ACLED_COLUMNS);
const own = (o: object, k: string) => Object.hasOwn(o, k);

/**
 * One reader per export column, decided once rather than per cell (an export writes a million
 * rows): an ACLED column kept verbatim from an import wins; else the modelled ACLED value; else
 * our column's value, falling back to a kept column of the same name, else empty.
 */
const READERS: ((item: IncidentItem, x: Record<string, string>) => Cell)[] = EXPORT_COLUMNS.map((col) => {
  const acled = own(ACLED_VALUES, col) ? ACLED_VALUES[col] : null;
  const ours = own(OUR_VALUES, col) ? OUR_VALUES[col] : null;
  const kept = ACLED.has(col);
  return (item, x) => {
    if (kept && col in x) return x[col];
    if (acled) return acled(item);
    return (ours ? ours(item) : undefined) ?? x[col] ?? null;
  };
});

const NONE: Record<string, string> = {};

/**
 * One incident → export cells in EXPORT_COLUMNS order. ACLED columns we do not model come
 * back from `acledExtra`, so an imported ACLED file round-trips. Text cells are formula-safe.
 */
export function exportCells(item: IncidentItem, acledExtra: Record<string, string> | null): Cell[] {
  const x = acledExtra ?? NONE;
  const out = new Array<Cell>(READERS.length);
  for (let k = 0; k < READERS.length; k++) {
    const v = READERS[k](item, x);
    out[k] = typeof v === 'string' ? neutraliseCell(v) : v;
  }
  return out;
}

// A text cell that starts like a formula or holds a delimiter, quote or line break: the rare
// cells exportCsvRecord hands to neutraliseCell and csvRecord's quoting (one test for both).
const SPECIAL = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]|[",\n\r]/;
const ONE: Cell[] = [null];

/**
 * `csvRecord(exportCells(item, acledExtra))`, byte for byte (tests/unit/export-csv-record.test.ts
 * holds the two together), without the cell array and with one pattern test per text cell
 * instead of two: the CSV export writes a million records, at ~4 µs each that way, ~2.5 µs this.
 */
export function exportCsvRecord(item: IncidentItem, acledExtra: Record<string, string> | null): string {
  const x = acledExtra ?? NONE;
  let out = '';
  for (let k = 0; k < READERS.length; k++) {
    if (k) out += ',';
    const v = READERS[k](item, x);
    if (v === null || v === undefined) continue;
    if (typeof v === 'number') out += String(v);
    else if (!SPECIAL.test(v)) out += v;
    else {
      ONE[0] = neutraliseCell(v);
      out += csvRecord(ONE).slice(0, -1);
    }
  }
  return `${out}\n`;
}
