/**
 * UCDP GED's CSV columns, in the order of its downloads (GED 23.1–25.1). Only `id` and the
 * columns the mapping cannot do without are required; the rest may be missing from a trimmed file.
 */
export const UCDP_COLUMNS = [
  'id',
  'relid',
  'year',
  'active_year',
  'code_status',
  'type_of_violence',
  'conflict_dset_id',
  'conflict_new_id',
  'conflict_name',
  'dyad_dset_id',
  'dyad_new_id',
  'dyad_name',
  'side_a_dset_id',
  'side_a_new_id',
  'side_a',
  'side_b_dset_id',
  'side_b_new_id',
  'side_b',
  'number_of_sources',
  'source_article',
  'source_office',
  'source_date',
  'source_headline',
  'source_original',
  'where_prec',
  'where_coordinates',
  'where_description',
  'adm_1',
  'adm_2',
  'latitude',
  'longitude',
  'geom_wkt',
  'priogrid_gid',
  'country',
  'country_id',
  'region',
  'event_clarity',
  'date_prec',
  'date_start',
  'date_end',
  'deaths_a',
  'deaths_b',
  'deaths_civilians',
  'deaths_unknown',
  'best',
  'high',
  'low',
  'gwnoa',
  'gwnob',
] as const;

export const UCDP_REQUIRED = [
  'id',
  'type_of_violence',
  'side_a',
  'side_b',
  'date_start',
  'country',
  'latitude',
  'longitude',
  'best',
] as const;

/** Columns kept verbatim with the incident (its extra columns): what the mapping reduces or drops. */
export const UCDP_KEPT = [
  'relid',
  'conflict_name',
  'dyad_name',
  'type_of_violence',
  'date_prec',
  'date_end',
  'where_prec',
  'where_description',
  'event_clarity',
  'deaths_a',
  'deaths_b',
  'deaths_civilians',
  'deaths_unknown',
  'low',
  'high',
] as const;

const KNOWN = new Set<string>(UCDP_COLUMNS);

/** Header cell → column key (case-insensitive); other headers are refused. */
export function ucdpColumnKey(header: string): string | null {
  const k = header.trim().toLowerCase();
  return KNOWN.has(k) ? k : null;
}
