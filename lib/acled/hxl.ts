import { EXPORT_COLUMNS } from './export-row';

type ExportColumn = (typeof EXPORT_COLUMNS)[number];

/**
 * HXL hashtags (Humanitarian Exchange Language, hxlstandard.org) for every export column, written
 * as the row under the header with `hxl=true`, so HDX and HXL tools read the file without a
 * mapping. The ACLED columns use the tags HDX's ACLED data sets use where one exists; our own
 * columns extend them with attributes (`+perpetrator`, `+security`…). Documented in docs/api.md.
 */
export const HXL_TAGS: Record<ExportColumn, string> = {
  event_id_cnty: '#event+id',
  event_date: '#date+occurred',
  year: '#date+year',
  time_precision: '#date+precision',
  disorder_type: '#event+type+disorder',
  event_type: '#event+type',
  sub_event_type: '#event+type+sub',
  actor1: '#group+name+first',
  assoc_actor_1: '#group+name+first+assoc',
  inter1: '#group+type+first',
  actor2: '#group+name+second',
  assoc_actor_2: '#group+name+second+assoc',
  inter2: '#group+type+second',
  interaction: '#group+type+interaction',
  civilian_targeting: '#meta+civilian_targeting',
  iso: '#country+code',
  region: '#region+name',
  country: '#country+name',
  admin1: '#adm1+name',
  admin2: '#adm2+name',
  admin3: '#adm3+name',
  location: '#loc+name',
  latitude: '#geo+lat',
  longitude: '#geo+lon',
  geo_precision: '#geo+precision',
  source: '#meta+source',
  source_scale: '#meta+source+scale',
  notes: '#description',
  fatalities: '#affected+killed',
  tags: '#meta+tags',
  timestamp: '#date+updated+acled',
  id: '#meta+id',
  source_name: '#meta+dataset+source',
  occurred_at: '#date+occurred+utc',
  occurred_date: '#date+occurred+local',
  has_time: '#meta+has_time',
  monitored_region: '#region+name+monitored',
  group: '#group+code+perpetrator',
  group_name: '#group+name+perpetrator',
  group_kind: '#group+type+perpetrator',
  claim_status: '#status+claim',
  target: '#meta+target',
  killed: '#affected+killed+total',
  injured: '#affected+injured',
  killed_security: '#affected+killed+security',
  killed_civilians: '#affected+killed+civilians',
  killed_militants: '#affected+killed+militants',
  injured_security: '#affected+injured+security',
  injured_civilians: '#affected+injured+civilians',
  injured_militants: '#affected+injured+militants',
  cross_border: '#meta+cross_border',
  source_count: '#meta+source+count',
  verification: '#status+verification',
  dataset: '#meta+dataset',
  import_batch_id: '#meta+import+id',
  created_at: '#date+created',
  updated_at: '#date+updated',
};

/** The hashtag row, in EXPORT_COLUMNS order. */
export const HXL_ROW: readonly string[] = EXPORT_COLUMNS.map((c) => HXL_TAGS[c]);
