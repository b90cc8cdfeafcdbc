import type { NormalizedIncident } from '@/lib/incidents/normalize';
import { normalizeIncident } from '@/lib/incidents/normalize';
import type { CsvRecord, RowError } from '@/lib/csv/record-reader';
import { validateMapped, type MappedRow } from '@/lib/csv/mapped-row';
import { mapNativeRow, nativeColumnKey, NATIVE_REQUIRED } from '@/lib/csv/native';
import { acledColumnKey, ACLED_EXTRA_LIMITS, ACLED_REQUIRED } from '@/lib/acled/columns';
import { mapAcledRow } from '@/lib/acled/map-row';
import { mapUcdpRow } from '@/lib/ucdp/map-row';
import { UCDP_REQUIRED, ucdpColumnKey } from '@/lib/ucdp/columns';
import { mapGtdRow } from '@/lib/gtd/map-row';
import { GTD_REQUIRED, gtdColumnKey } from '@/lib/gtd/columns';
import type { GroupMatcher } from '@/lib/taxonomy/groups';
import type { IncidentInput } from '@/lib/incidents/input';
import type { CsvTableOptions } from '@/lib/csv/record-reader';

export const IMPORT_FORMATS = ['acled', 'native', 'ucdp', 'gtd'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export type Validated = { rows: NormalizedIncident[]; count: number; errors: RowError[] };

/**
 * How each format reads its header and maps a row. ACLED keeps unknown columns (exported again);
 * UCDP and GTD files ignore columns a later release adds; native files are strict.
 */
const FORMATS: Record<ImportFormat, { table: CsvTableOptions; map: (values: Record<string, string>, m: GroupMatcher) => MappedRow }> = {
  acled: {
    table: { columnKey: acledColumnKey, required: ACLED_REQUIRED, unknown: 'keep', keepLimits: ACLED_EXTRA_LIMITS },
    map: mapAcledRow,
  },
  native: { table: { columnKey: nativeColumnKey, required: NATIVE_REQUIRED, unknown: 'error' }, map: (v) => mapNativeRow(v) },
  ucdp: { table: { columnKey: ucdpColumnKey, required: UCDP_REQUIRED, unknown: 'keep', keepLimits: ACLED_EXTRA_LIMITS }, map: mapUcdpRow },
  gtd: { table: { columnKey: gtdColumnKey, required: GTD_REQUIRED, unknown: 'keep', keepLimits: ACLED_EXTRA_LIMITS }, map: mapGtdRow },
};

/**
 * The second row of one ACLED event in a dyadic file: the same date, place and fatalities, seen
 * from the other side (its actor1 is the first row's actor2, or a new actor when that was empty).
 */
const isPartner = (a: IncidentInput, b: IncidentInput) =>
  a.occurredAt === b.occurredAt &&
  a.killed === b.killed &&
  a.lat === b.lat &&
  a.lon === b.lon &&
  !!b.actor1 &&
  b.actor1 !== a.actor1 &&
  (!a.actor2 || a.actor2 === b.actor1);

/**
 * Per-row validation state of an import, shared by every reader (sync, async, worker): maps,
 * validates and normalizes each record, collecting every row error. Pure: the matcher holds the
 * groups known when the import started. `take()` hands over the rows normalized so far.
 */
export function rowValidator(matcher: GroupMatcher, opts: { format: ImportFormat; timeZone: string }) {
  const errors: RowError[] = [];
  const rows: NormalizedIncident[] = [];
  const firstRowOf = new Map<string, { row: number; input: IncidentInput; normalized?: NormalizedIncident }>();
  // Rows not yet handed over by take(): a dyadic partner may still fill in their second actor.
  const pending = new Set<NormalizedIncident>();
  let count = 0;
  const { table: tableOptions, map } = FORMATS[opts.format];
  const onRecord = (rec: CsvRecord) => {
    count++;
    const mapped = map(rec.values, matcher);
    const checked = validateMapped(mapped);
    if ('errors' in checked) {
      for (const e of checked.errors) errors.push({ row: rec.row, ...e });
      return;
    }
    if (!checked.input.sourceId) {
      errors.push({ row: rec.row, column: mapped.columns.sourceId, message: 'is required: it identifies the row on re-import' });
      return;
    }
    const key = `${checked.input.source}\u0000${checked.input.sourceId}`;
    const first = firstRowOf.get(key);
    if (first !== undefined) {
      // ACLED's dyadic exports repeat an event once per side: the repeat is the same event, not a
      // second one (docs/intake.md, "ACLED variants"). Anything else sharing an id is an error.
      if (opts.format === 'acled' && isPartner(first.input, checked.input)) return foldPartner(first, checked.input);
      errors.push({
        row: rec.row,
        column: mapped.columns.sourceId,
        message: `duplicate id "${checked.input.sourceId}" (also on row ${first.row})${opts.format === 'acled' ? ' and is not its dyadic partner' : ''}`,
      });
      return;
    }
    const seen: { row: number; input: IncidentInput; normalized?: NormalizedIncident } = { row: rec.row, input: checked.input };
    firstRowOf.set(key, seen);
    if (errors.length) return; // the file is rejected anyway: keep validating, skip normalizing
    const n = normalizeIncident(checked.input, { matcher, timeZone: opts.timeZone, sourceId: checked.input.sourceId });
    n.content.acledExtra = mapped.extra ? JSON.stringify(mapped.extra) : null;
    if (n.newGroup && mapped.newGroupKind) n.newGroup = { ...n.newGroup, kind: mapped.newGroupKind, affiliation: null };
    rows.push(n);
    seen.normalized = n;
    pending.add(n);
  };
  /** A dyadic partner row: written nowhere; its actor becomes the event's actor2 when the first row named none. */
  const foldPartner = (first: { input: IncidentInput; normalized?: NormalizedIncident }, partner: IncidentInput) => {
    const n = first.normalized;
    if (n && pending.has(n) && !n.content.actor2) n.content.actor2 = partner.actor1;
  };
  const finish = (tableErrors: RowError[]): Validated => {
    errors.push(...tableErrors);
    if (!errors.length && !count) errors.push({ row: 2, column: '', message: 'the file has a header but no data rows' });
    errors.sort((a, b) => a.row - b.row);
    return { rows: errors.length ? [] : rows, count, errors };
  };
  const take = (): NormalizedIncident[] => (pending.clear(), rows.splice(0));
  return { tableOptions, onRecord, finish, take, hasErrors: () => errors.length > 0 };
}
