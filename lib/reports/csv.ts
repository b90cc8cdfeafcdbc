import { stringify } from 'csv-stringify/sync';
import type { IncidentItem } from '@/lib/incidents/item';

/**
 * Spreadsheet formula injection: a text cell starting with = + - @ (or a tab / carriage return)
 * is prefixed with an apostrophe so Excel/LibreOffice/Sheets show it as text. Numbers are left alone.
 */
export function neutraliseCell(v: string | number | boolean | null | undefined): string | number {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

export const WEEK_CSV_COLUMNS = [
  'id', 'week', 'date', 'occurred_at', 'has_time', 'time_precision', 'region', 'country', 'admin1', 'admin2', 'location', 'lat', 'lon',
  'group', 'group_name', 'event_type', 'sub_event_type', 'claim_status', 'target', 'killed', 'injured',
  'killed_security', 'killed_civilians', 'killed_militants', 'injured_security', 'injured_civilians', 'injured_militants',
  'cross_border', 'verification', 'dataset', 'sources', 'notes',
] as const;

export function weekCsvRow(week: string, i: IncidentItem): (string | number)[] {
  const k = i.casualties.killed;
  const j = i.casualties.injured;
  return [
    i.id, week, i.occurredDate, i.hasTime ? i.occurredAt : '', i.hasTime, i.timePrecision, i.region ?? 'none', i.country, i.admin1, i.admin2,
    i.location, i.lat, i.lon, i.group, i.groupName, i.eventType, i.subEventType, i.claimStatus, i.target, i.killed, i.injured,
    k.security, k.civilians, k.militants, j.security, j.civilians, j.militants, i.crossBorder, i.verification, i.dataset,
    i.sources.join(' | '), i.notes,
  ].map(neutraliseCell);
}

/** The week's incidents as CSV (header row, one line per incident, CRLF line ends for spreadsheets). */
export function weekCsv(week: string, items: Iterable<IncidentItem>): string {
  const rows = [[...WEEK_CSV_COLUMNS] as (string | number)[]];
  for (const i of items) rows.push(weekCsvRow(week, i));
  return stringify(rows, { record_delimiter: 'windows' });
}
