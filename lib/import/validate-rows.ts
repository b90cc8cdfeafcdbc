import type { NormalizedIncident } from '@/lib/incidents/normalize';
import { normalizeIncident } from '@/lib/incidents/normalize';
import type { CsvRecord, RowError } from '@/lib/csv/record-reader';
import { validateMapped, type MappedRow } from '@/lib/csv/mapped-row';
import { mapNativeRow, nativeColumnKey, NATIVE_REQUIRED } from '@/lib/csv/native';
import { acledColumnKey, ACLED_EXTRA_LIMITS, ACLED_REQUIRED } from '@/lib/acled/columns';
import { mapAcledRow } from '@/lib/acled/map-row';
import type { GroupMatcher } from '@/lib/taxonomy/groups';

export const IMPORT_FORMATS = ['acled', 'native'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export type Validated = { rows: NormalizedIncident[]; count: number; errors: RowError[] };

function mapRow(format: ImportFormat, values: Record<string, string>, matcher: GroupMatcher): MappedRow {
  return format === 'acled' ? mapAcledRow(values, matcher) : mapNativeRow(values);
}

/**
 * Per-row validation state of an import, shared by every reader (sync, async, worker): maps,
 * validates and normalizes each record, collecting every row error. Pure: the matcher holds the
 * groups known when the import started. `take()` hands over the rows normalized so far.
 */
export function rowValidator(matcher: GroupMatcher, opts: { format: ImportFormat; timeZone: string }) {
  const errors: RowError[] = [];
  const rows: NormalizedIncident[] = [];
  const firstRowOf = new Map<string, number>();
  let count = 0;
  const tableOptions = {
    columnKey: opts.format === 'acled' ? acledColumnKey : nativeColumnKey,
    required: opts.format === 'acled' ? ACLED_REQUIRED : NATIVE_REQUIRED,
    unknown: opts.format === 'acled' ? ('keep' as const) : ('error' as const),
    keepLimits: ACLED_EXTRA_LIMITS,
  };
  const onRecord = (rec: CsvRecord) => {
    count++;
    const mapped = mapRow(opts.format, rec.values, matcher);
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
    const dup = firstRowOf.get(key);
    if (dup !== undefined) {
      errors.push({
        row: rec.row,
        column: mapped.columns.sourceId,
        message: `duplicate id "${checked.input.sourceId}" (also on row ${dup})`,
      });
      return;
    }
    firstRowOf.set(key, rec.row);
    if (errors.length) return; // the file is rejected anyway: keep validating, skip normalizing
    const n = normalizeIncident(checked.input, { matcher, timeZone: opts.timeZone, sourceId: checked.input.sourceId });
    n.content.acledExtra = mapped.extra ? JSON.stringify(mapped.extra) : null;
    if (n.newGroup && mapped.newGroupKind) n.newGroup = { ...n.newGroup, kind: mapped.newGroupKind, affiliation: null };
    rows.push(n);
  };
  const finish = (tableErrors: RowError[]): Validated => {
    errors.push(...tableErrors);
    if (!errors.length && !count) errors.push({ row: 2, column: '', message: 'the file has a header but no data rows' });
    errors.sort((a, b) => a.row - b.row);
    return { rows: errors.length ? [] : rows, count, errors };
  };
  const take = (): NormalizedIncident[] => rows.splice(0);
  return { tableOptions, onRecord, finish, take, hasErrors: () => errors.length > 0 };
}
