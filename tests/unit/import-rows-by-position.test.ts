import fc from 'fast-check';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { ACLED_COLUMNS } from '@/lib/acled/columns';
import { acledKeptColumns, acledLayout, jsonString, mapAcledCells, mapAcledRow } from '@/lib/acled/map-row';
import { acledCellsNormalizer } from '@/lib/acled/normalize-cells';
import { validateMapped } from '@/lib/csv/mapped-row';
import { normalizeIncident } from '@/lib/incidents/normalize';
import { PlainCsvReader } from '@/lib/csv/fast-parse';
import { forEachCsvRecord } from '@/lib/csv/parse';
import { CellReader } from '@/lib/csv/record-reader';
import { rowValidator, type ImportFormat } from '@/lib/import/validate-rows';
import { encodeContent, unpackRows } from '@/db/row-batch';
import { GroupMatcher, KNOWN_GROUPS } from '@/lib/taxonomy/groups';
import { parseRows } from '@/server/import/parse-rows';
import { acledCsv, acledRow, syntheticAcled } from '../support/api-acled';
import { readFileSync } from 'node:fs';

const TZ = 'Asia/Karachi';

/** The reference: keyed records from csv-parse, as the import reads a file the fast reader gives up on. */
function byRecord(text: string, format: ImportFormat) {
  const v = rowValidator(new GroupMatcher(), { format, timeZone: TZ });
  return v.finish(forEachCsvRecord(text, v.tableOptions, v.onRecord).errors);
}

/** Rows by position, as the import worker reads them (Papa Parse, CellReader); null when the fast reader gave up. */
function byPosition(text: string, format: ImportFormat) {
  const v = rowValidator(new GroupMatcher(), { format, timeZone: TZ });
  const reader = new PlainCsvReader(text, new CellReader(v.tableOptions, v.onCells));
  reader.read();
  const read = reader.result();
  return read && v.finish(read.errors);
}

const padded = (values: string[]) => fc.tuple(fc.constantFrom(...values), fc.constantFrom('', ' ', '  ')).map(([v, pad]) => pad + v + pad);

/** ACLED cells that exercise the mapping: blanks, padding, bad dates and numbers, known and unknown actors. */
const CELL: Record<string, fc.Arbitrary<string>> = {
  event_id_cnty: padded(['PAK1', 'PAK2', 'PAK3', 'AFG1', '']),
  event_date: padded(['2024-12-15', '2024-12-16', '15 December 2024', 'Dec 16, 2024', '2024-02-30', 'soon', '']),
  time_precision: padded(['1', '2', '3', '4', 'x', '']),
  event_type: padded(['Explosions/Remote violence', 'Battles', 'battles', 'Riots', 'Nope', '']),
  sub_event_type: padded(['Suicide bomb', 'Armed clash', 'Air/drone strike', 'Remote explosive/landmine/IED', '']),
  actor1: padded(['TTP: Tehrik-i-Taliban Pakistan', 'Military Forces of Pakistan (2018-)', 'Civilians (Pakistan)', 'Lashkar-e-Test', '']),
  actor2: padded(['Military Forces of Pakistan (2018-)', 'Civilians (Pakistan)', 'TTP: Tehrik-i-Taliban Pakistan', '']),
  inter1: padded(['Rebel group', 'State forces', '2', 'Civilians', '']),
  inter2: padded(['State forces', 'Civilians', '7', '']),
  civilian_targeting: padded(['Civilian targeting', '']),
  iso: padded(['586', '4', 'PAK', 'xx', '']),
  country: padded(['Pakistan', 'Afghanistan', 'Atlantis', '']),
  admin1: padded(['Khyber Pakhtunkhwa', 'Balochistan', 'Punjab', '']),
  admin2: padded(['Bannu', 'Barmal', '']),
  latitude: padded(['32.9889', '91', 'north', '']),
  longitude: padded(['70.6056', '-181', '']),
  geo_precision: padded(['1', '2', '5', '']),
  source: padded(['Dawn; Express Tribune', 'Dawn;; ', '']),
  notes: padded(['A cross-border raid.', 'Quiet "quoted", line\nbreak', '']),
  fatalities: padded(['0', '5', '-1', '2.5', '100001', '']),
  tags: padded(['cross border', '']),
  assoc_actor_2: padded(['Someone', '']),
};
const EXTRA_COLUMNS = ['my_column', '123', 'Source_Name'];

/** An ACLED file: its columns shuffled, some optional ones left out, some unknown ones added, header case varied. */
const acledFile = fc
  .record({
    order: fc.shuffledSubarray([...ACLED_COLUMNS, ...EXTRA_COLUMNS], { minLength: 25 }),
    upper: fc.boolean(),
    rows: fc.array(fc.record(Object.fromEntries([...Object.entries(CELL), ...EXTRA_COLUMNS.map((c) => [c, padded(['x', ''])])])), {
      minLength: 1,
      maxLength: 8,
    }),
    odd: fc.array(fc.constantFrom('blank', 'short', 'none'), { minLength: 1, maxLength: 8 }),
  })
  .map(({ order, upper, rows, odd }) => {
    const lines: string[][] = [order.map((c, i) => (upper && i % 2 ? c.toUpperCase() : c))];
    rows.forEach((r, i) => {
      lines.push(order.map((c) => (r as Record<string, string>)[c] ?? String(acledRow()[c] ?? '')));
      if (odd[i] === 'blank') lines.push(order.map(() => ' '));
      if (odd[i] === 'short') lines.push(['PAK9']);
    });
    return stringify(lines);
  });

/**
 * Cells that are valid but for one rare value each (a tenth of the time or less), so that most rows
 * go the fused path (lib/acled/normalize-cells.ts) and each of its checks meets the rows it refuses.
 */
const mostly = (valid: string[], rare: string[]) =>
  rare.length ? fc.oneof({ weight: 12, arbitrary: padded(valid) }, { weight: 1, arbitrary: padded(rare) }) : padded(valid);
const VALID_CELL: Record<string, fc.Arbitrary<string>> = {
  event_id_cnty: mostly(['PAK1', 'PAK2', 'PAK3', 'PAK4', 'PAK5', 'AFG1'], ['', 'x'.repeat(129)]),
  event_date: mostly(['2024-12-15', '2024-12-16', '15 December 2024', '2024-2-3'], ['2024-02-30', 'soon', '', '2024-12-15T10:00:00Z']),
  time_precision: mostly(['1', '2', '3', '', '1.0'], ['4', 'x', '0']),
  event_type: mostly(['Explosions/Remote violence', 'Battles', 'battles'], ['Riots', 'Nope', '', 'Battles'.padEnd(61, 'x')]),
  sub_event_type: mostly(['Suicide bomb', 'Armed clash', 'Air/drone strike', 'Remote explosive/landmine/IED'], ['', 'Peaceful protest']),
  actor1: mostly(
    [
      'TTP: Tehrik-i-Taliban Pakistan',
      'Military Forces of Pakistan (2018-)',
      'Civilians (Pakistan)',
      'Lashkar-e-Test',
      'Rioters (Pakistan)',
    ],
    ['', 'A'.repeat(201)],
  ),
  actor2: mostly(
    ['Military Forces of Pakistan (2018-)', 'Civilians (Pakistan)', 'TTP: Tehrik-i-Taliban Pakistan', 'New Front', ''],
    ['B'.repeat(201)],
  ),
  inter1: mostly(['Rebel group', 'State forces', '2', 'Civilians', '', 'Rioters'], []),
  inter2: mostly(['State forces', 'Civilians', '7', '', '3'], []),
  civilian_targeting: mostly(['Civilian targeting', ''], []),
  iso: mostly(['586', '4', 'PAK', ''], ['xx', '9999']),
  country: mostly(['Pakistan', 'Afghanistan', ''], ['Atlantis', 'P'.repeat(61)]),
  admin1: mostly(['Khyber Pakhtunkhwa', 'Balochistan', 'Punjab', ''], ['K'.repeat(101)]),
  admin2: mostly(['Bannu', 'Barmal', ''], ['K'.repeat(101)]),
  admin3: mostly(['Bannu', ''], ['K'.repeat(101)]),
  location: mostly(['Bannu', 'Wana', ''], ['L'.repeat(201)]),
  latitude: mostly(['32.9889', '-90', '90', '0', '33'], ['91', 'north', '', 'Infinity']),
  longitude: mostly(['70.6056', '180', '-180', '69.5'], ['-181', '', '1e999']),
  geo_precision: mostly(['1', '2', '3', ''], ['5', 'x']),
  source: mostly(['Dawn; Express Tribune', 'Dawn;; ', 'Dawn', '', 'A "quoted" source'], ['S'.repeat(2001)]),
  source_scale: mostly(['National', ''], ['N'.repeat(61)]),
  assoc_actor_1: mostly(['Someone', ''], ['S'.repeat(501)]),
  notes: mostly(['A cross-border raid.', 'Quiet "quoted", line\nbreak', '', 'back\\slash'], ['N'.repeat(10_001)]),
  fatalities: mostly(['0', '5', '100000', '', '3.0'], ['-1', '2.5', '100001', 'many']),
  tags: mostly(['cross border', '', 'Cross-Border'], []),
  assoc_actor_2: mostly(['Someone', ''], ['S'.repeat(2001)]),
};

/** An ACLED file of mostly valid rows, ids repeating (duplicates and dyadic partners), columns shuffled. */
const validAcledFile = fc
  .record({
    order: fc.shuffledSubarray([...ACLED_COLUMNS, ...EXTRA_COLUMNS], { minLength: 28 }),
    rows: fc.array(fc.record(Object.fromEntries([...Object.entries(VALID_CELL), ...EXTRA_COLUMNS.map((c) => [c, padded(['x', ''])])])), {
      minLength: 1,
      maxLength: 12,
    }),
  })
  .map(({ order, rows }) =>
    stringify([order, ...rows.map((r) => order.map((c) => (r as Record<string, string>)[c] ?? String(acledRow()[c] ?? '')))]),
  );

describe('import rows by position (CellReader) against keyed records', () => {
  it('normalizes a valid ACLED row from its cells as the mapping, validation and normalization do, and refuses an invalid one', () => {
    const row = acledRow({ actor1: 'Lashkar-e-Test', actor2: 'Civilians (Pakistan)', tags: 'cross-border', my_column: 'x' });
    const keys = Object.keys(row);
    const cells = Object.values(row).map(String);
    const layout = acledLayout(keys);
    const matcher = new GroupMatcher();
    const got = acledCellsNormalizer(layout, matcher, TZ)(cells);
    const mapped = mapAcledCells(cells, layout, matcher);
    const checked = validateMapped(mapped);
    if (!('input' in checked)) throw new Error('the reference row is invalid');
    const n = normalizeIncident(checked.input, { matcher, timeZone: TZ, sourceId: 'PAK1001' });
    expect(mapped.extra).toContain('"my_column":"x"');
    expect(got?.content).toEqual({ ...n.content, acledExtra: mapped.extra });
    expect(got?.newGroup).toEqual(n.newGroup);
    expect(got).toMatchObject({ source: 'acled', sourceId: 'PAK1001', occurredAt: '2024-12-15', killed: 5, actor1: 'Lashkar-e-Test' });
    for (const bad of [{ latitude: '91' }, { fatalities: '2.5' }, { event_type: 'Riots' }, { event_date: 'soon' }, { actor1: '' }]) {
      const other = Object.values({ ...row, ...bad }).map(String);
      expect(acledCellsNormalizer(layout, matcher, TZ)(other)).toBeNull();
    }
  });

  // Files of any cells (mostly rows with errors, the general path) and of mostly valid rows (the
  // fused path, lib/acled/normalize-cells.ts, which must give exactly what the general path gives).
  it.each([
    ['any cells', acledFile, 600],
    ['mostly valid rows', validAcledFile, 800],
  ] as const)('gives ACLED files of %s the same rows, count and row errors as the record path', (_, file, numRuns) => {
    fc.assert(
      fc.property(file, (text) => {
        const got = byPosition(text, 'acled');
        expect(got).not.toBeNull();
        expect(got).toEqual(byRecord(text, 'acled'));
      }),
      { numRuns },
    );
  });

  it('reads the other formats through their record mappers, with the same results', () => {
    for (const [format, file] of [
      ['ucdp', 'ucdp-ged'],
      ['gtd', 'gtd'],
    ] as const) {
      const text = readFileSync(`tests/fixtures/datasets/${file}.csv`, 'utf8');
      const got = byPosition(text, format);
      expect(got?.rows.length).toBeGreaterThan(0);
      expect(got).toEqual(byRecord(text, format));
    }
    const native =
      'source_id,occurred_at,country,lat,lon,event_type,sub_event_type,group\nn1,2024-12-15,PK,33,70,Battles,Armed clash,TTP\n';
    expect(byPosition(native, 'native')).toEqual(byRecord(native, 'native'));
    expect(byRecord(native, 'native').rows).toHaveLength(1);
  });

  it('stores the kept columns as exactly the JSON JSON.stringify gives the object of their filled cells', () => {
    const name = fc.constantFrom('my_column', '123', '7', '#x', 'b', 'Zed', 'tags', 'year', 'iso', '0123', 'é');
    const value = fc.string({ unit: fc.constantFrom('a', '"', '\\', '\n', '\u0001', '\uD800', 'é', '🚀', ' '), maxLength: 5 });
    fc.assert(
      fc.property(fc.dictionary(name, value), (over) => {
        const values = Object.fromEntries(Object.entries({ ...acledRow(), ...over }).map(([k, v]) => [k, String(v)]));
        const kept = acledKeptColumns(Object.keys(values));
        const filled = kept.filter((k) => values[k]);
        const expected = filled.length ? JSON.stringify(Object.fromEntries(filled.map((k) => [k, values[k]]))) : null;
        expect(mapAcledRow(values, new GroupMatcher()).extra).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('quotes a kept cell exactly as JSON.stringify does', () => {
    const unit = fc.constantFrom('a', 'Z', '"', '\\', '\n', '\u0001', '\u001f', ' ', '\u007f', 'é', '\uD800', '\uDFFF', '🚀', '\u2028');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 12 }), (v) => {
        expect(jsonString(v)).toBe(JSON.stringify(v));
      }),
      { numRuns: 2000 },
    );
  });

  it('hands the writer, packed, exactly the rows the record path normalizes', () => {
    const rows = syntheticAcled(4500);
    const header = Object.keys(rows[0]);
    const text = stringify([header, ...rows.map((r) => header.map((h) => r[h] ?? ''))]);
    const seen: unknown[][] = [];
    const done = parseRows(text, { format: 'acled', timeZone: TZ, groups: KNOWN_GROUPS }, (p) =>
      unpackRows(p, (values) => seen.push(values)),
    );
    const reference = byRecord(text, 'acled');
    expect(done).toEqual({ count: reference.count, errors: [] });
    expect(seen).toEqual(reference.rows.map((r) => encodeContent(r.content)));
  });

  it('folds a dyadic partner into the packed row it repeats, as the record path does', () => {
    const text = acledCsv([
      acledRow({ event_id_cnty: 'PAK6' }),
      acledRow({ event_id_cnty: 'PAK7', actor2: '', inter2: '' }),
      acledRow({ event_id_cnty: 'PAK7', actor1: 'Military Forces of Pakistan (2018-)', inter1: 'State forces', actor2: '' }),
      acledRow({ event_id_cnty: 'PAK8' }),
    ]);
    const seen: unknown[][] = [];
    const done = parseRows(text, { format: 'acled', timeZone: TZ, groups: KNOWN_GROUPS }, (p) =>
      unpackRows(p, (values) => seen.push(values)),
    );
    const reference = byRecord(text, 'acled');
    expect(done).toEqual({ count: 4, errors: [] });
    expect(reference.rows.map((r) => r.content.actor2)).toEqual([
      'Military Forces of Pakistan (2018-)',
      'Military Forces of Pakistan (2018-)',
      'Military Forces of Pakistan (2018-)',
    ]);
    expect(seen).toEqual(reference.rows.map((r) => encodeContent(r.content)));
  });
});
