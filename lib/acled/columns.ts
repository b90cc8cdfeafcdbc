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

/**
 * Columns outside ACLED's 31 are kept verbatim in `acled_extra`, bounded as the modelled columns
 * are (a cell as long as a source entry, 2000 characters), so a file cannot store unbounded text.
 */
export const ACLED_EXTRA_LIMITS = { columns: 64, nameChars: 64, cellChars: 2000 } as const;

/** Our columns after ACLED's 31 in CSV exports; ignored when such a file is imported again. */
export const EXTRA_EXPORT_COLUMNS = [
  'id',
  'source_name',
  'occurred_at',
  'occurred_date',
  'has_time',
  'monitored_region',
  'group',
  'group_name',
  'group_kind',
  'claim_status',
  'target',
  'killed',
  'injured',
  'killed_security',
  'killed_civilians',
  'killed_militants',
  'injured_security',
  'injured_civilians',
  'injured_militants',
  'cross_border',
  'source_count',
  'verification',
  'dataset',
  'import_batch_id',
  'created_at',
  'updated_at',
] as const;

const KNOWN = new Set<string>(ACLED_COLUMNS);
const OURS = new Set<string>(EXTRA_EXPORT_COLUMNS);

/** True for columns our own export adds: an exported file re-imports without storing them as ACLED extras. */
export function isOwnExportColumn(key: string): boolean {
  return OURS.has(key);
}

/** Header cell → column key: ACLED headers are matched case-insensitively; unknown ones are kept as-is. */
export function acledColumnKey(header: string): string | null {
  const k = header.trim().toLowerCase();
  return KNOWN.has(k) ? k : null;
}
