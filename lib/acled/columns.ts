/** The 31 ACLED export columns, in ACLED's order. */
export const ACLED_COLUMNS = [
  'event_id_cnty',
  'event_date',
  'year',
  'time_precision',
  'disorder_type',
  'event_type',
  'sub_event_type',
  'actor1',
  'assoc_actor_1',
  'inter1',
  'actor2',
  'assoc_actor_2',
  'inter2',
  'interaction',
  'civilian_targeting',
  'iso',
  'region',
  'country',
  'admin1',
  'admin2',
  'admin3',
  'location',
  'latitude',
  'longitude',
  'geo_precision',
  'source',
  'source_scale',
  'notes',
  'fatalities',
  'tags',
  'timestamp',
] as const;

export type AcledColumn = (typeof ACLED_COLUMNS)[number];

export const ACLED_REQUIRED = ['event_id_cnty', 'event_date', 'event_type', 'sub_event_type', 'actor1', 'latitude', 'longitude'] as const;

/** ACLED columns we do not model as incident fields; kept verbatim in `acled_extra` for export. */
export const ACLED_EXTRA_COLUMNS = [
  'year',
  'disorder_type',
  'inter1',
  'assoc_actor_2',
  'inter2',
  'interaction',
  'civilian_targeting',
  'iso',
  'region',
  'tags',
  'timestamp',
] as const;

const KNOWN = new Set<string>(ACLED_COLUMNS);

/** Header cell → column key: ACLED headers are matched case-insensitively; unknown ones are kept as-is. */
export function acledColumnKey(header: string): string | null {
  const k = header.trim().toLowerCase();
  return KNOWN.has(k) ? k : null;
}
