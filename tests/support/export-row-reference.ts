/**
 * exportCells as it was before round 2 of the performance work (issue 21), kept verbatim as the
 * oracle its faster replacement is checked against (tests/unit/export-row.test.ts).
 */
import type { IncidentItem } from '@/lib/incidents/item';
import { countryName, countryNumeric } from '@/lib/taxonomy/countries';
import { neutraliseCell } from '@/lib/csv/formula';
import { ACLED_COLUMNS, EXTRA_EXPORT_COLUMNS } from '@/lib/acled/columns';

const EXPORT_COLUMNS = [...ACLED_COLUMNS, ...EXTRA_EXPORT_COLUMNS];

type Cell = string | number | null;

/**
 * One incident → export cells in EXPORT_COLUMNS order. ACLED columns we do not model come
 * back from `acledExtra`, so an imported ACLED file round-trips. Text cells are formula-safe.
 */
export function referenceExportCells(item: IncidentItem, acledExtra: Record<string, string> | null): Cell[] {
  const x = acledExtra ?? {};
  const date = item.occurredDate;
  const acled: Record<string, Cell> = {
    event_id_cnty: item.source === 'acled' ? item.sourceId : `${item.source}:${item.sourceId}`,
    event_date: date,
    year: Number(date.slice(0, 4)),
    time_precision: item.timePrecision,
    event_type: item.eventType,
    sub_event_type: item.subEventType,
    actor1: item.actor1 ?? item.groupName,
    assoc_actor_1: item.assocActors,
    actor2: item.actor2,
    civilian_targeting: item.target === 'civilians' ? 'Civilian targeting' : '',
    iso: Number(countryNumeric(item.country) ?? 0) || null,
    country: countryName(item.country),
    admin1: item.admin1,
    admin2: item.admin2,
    admin3: item.admin3,
    location: item.location,
    latitude: item.lat,
    longitude: item.lon,
    geo_precision: item.geoPrecision,
    source: item.sources.join('; '),
    source_scale: item.sourceScale,
    notes: item.notes,
    fatalities: item.killed,
  };
  const ours: Record<string, Cell> = {
    id: item.id,
    source_name: item.source,
    occurred_at: item.occurredAt,
    occurred_date: date,
    has_time: item.hasTime ? 'true' : 'false',
    monitored_region: item.region,
    group: item.group,
    group_name: item.groupName,
    group_kind: item.groupKind,
    claim_status: item.claimStatus,
    target: item.target,
    killed: item.killed,
    injured: item.injured,
    killed_security: item.casualties.killed.security,
    killed_civilians: item.casualties.killed.civilians,
    killed_militants: item.casualties.killed.militants,
    injured_security: item.casualties.injured.security,
    injured_civilians: item.casualties.injured.civilians,
    injured_militants: item.casualties.injured.militants,
    cross_border: item.crossBorder ? 'true' : 'false',
    source_count: item.sourceCount,
    verification: item.verification,
    dataset: item.dataset,
    import_batch_id: item.importBatchId,
    created_at: item.createdAt,
    updated_at: item.updatedAt,
  };
  return EXPORT_COLUMNS.map((col) => {
    const v =
      col in x && (ACLED_COLUMNS as readonly string[]).includes(col) ? x[col] : col in acled ? acled[col] : (ours[col] ?? x[col] ?? null);
    return typeof v === 'string' ? neutraliseCell(v) : v;
  });
}
