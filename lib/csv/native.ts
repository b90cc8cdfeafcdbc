import { cellNumber, type MappedRow } from './mapped-row';

const TEXT_FIELDS = [
  'source',
  'sourceId',
  'occurredAt',
  'country',
  'admin1',
  'admin2',
  'admin3',
  'location',
  'eventType',
  'subEventType',
  'group',
  'actor1',
  'assocActors',
  'actor2',
  'claimStatus',
  'target',
  'sourceScale',
  'verification',
  'notes',
] as const;
const NUMBER_FIELDS = ['timePrecision', 'lat', 'lon', 'geoPrecision', 'killed', 'injured'] as const;
const SPLIT_FIELDS = {
  killedSecurity: ['killedBy', 'security'],
  killedCivilians: ['killedBy', 'civilians'],
  killedMilitants: ['killedBy', 'militants'],
  injuredSecurity: ['injuredBy', 'security'],
  injuredCivilians: ['injuredBy', 'civilians'],
  injuredMilitants: ['injuredBy', 'militants'],
} as const;

/** Every native CSV column, named like the JSON fields of POST /api/incidents (casing and `_` are ignored). */
export const NATIVE_COLUMNS = [...TEXT_FIELDS, ...NUMBER_FIELDS, ...Object.keys(SPLIT_FIELDS), 'crossBorder', 'sources'] as string[];
export const NATIVE_REQUIRED = ['sourceId', 'occurredAt', 'country', 'lat', 'lon', 'eventType', 'subEventType', 'group'] as const;

const BY_FOLDED = new Map(NATIVE_COLUMNS.map((c) => [c.toLowerCase(), c]));

export function nativeColumnKey(header: string): string | null {
  return BY_FOLDED.get(header.toLowerCase().replace(/[^a-z0-9]/g, '')) ?? null;
}

const COLUMNS: Record<string, string> = Object.fromEntries(NATIVE_COLUMNS.map((c) => [c, c]));
for (const [col, [obj, key]] of Object.entries(SPLIT_FIELDS)) COLUMNS[`${obj}.${key}`] = col;

const TRUE = new Set(['true', '1', 'yes', 'y']);
const FALSE = new Set(['false', '0', 'no', 'n']);

/** A native CSV row → incident input. Empty cells mean "not given" (schema defaults apply). */
export function mapNativeRow(values: Record<string, string>): MappedRow {
  const errors: MappedRow['errors'] = [];
  const input: Record<string, unknown> = { source: 'native' };
  for (const f of TEXT_FIELDS) if (values[f]) input[f] = values[f];
  for (const f of NUMBER_FIELDS) {
    const n = cellNumber(values, f, errors);
    if (n !== undefined) input[f] = n;
  }
  for (const [col, [obj, key]] of Object.entries(SPLIT_FIELDS)) {
    const n = cellNumber(values, col, errors);
    if (n !== undefined) input[obj] = { ...(input[obj] as object | undefined), [key]: n };
  }
  const cb = values.crossBorder?.toLowerCase();
  if (cb) {
    if (TRUE.has(cb)) input.crossBorder = true;
    else if (FALSE.has(cb)) input.crossBorder = false;
    else errors.push({ column: 'crossBorder', message: 'must be true or false' });
  }
  if (values.sources)
    input.sources = values.sources
      .split(/\s+\|\s+|;/)
      .map((s) => s.trim())
      .filter(Boolean);
  return { input, extra: null, errors, columns: COLUMNS };
}
