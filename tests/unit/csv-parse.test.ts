import { describe, expect, it } from 'vitest';
import { parseCsvTable } from '@/lib/csv/parse';
import { neutraliseCell } from '@/lib/csv/formula';
import { mapNativeRow, nativeColumnKey } from '@/lib/csv/native';
import { validateMapped } from '@/lib/csv/mapped-row';

const opts = { columnKey: (h: string) => h.toLowerCase() || null, required: ['id', 'name'], unknown: 'error' as const };

describe('parseCsvTable', () => {
  it('handles BOM, CRLF, quoted newlines and blank lines; rows are spreadsheet rows', () => {
    const t = parseCsvTable('\uFEFFid,name\r\n1,"two\r\nlines"\r\n\r\n3,"say ""hi"""\r\n', opts);
    expect(t.errors).toEqual([]);
    expect(t.records).toEqual([
      { row: 2, values: { id: '1', name: 'two\r\nlines' } },
      { row: 4, values: { id: '3', name: 'say "hi"' } },
    ]);
  });
  it('a row with too few or too many cells is a row error', () => {
    const t = parseCsvTable('id,name\n1\n2,b,c\n3,c\n', opts);
    expect(t.errors).toEqual([
      { row: 2, column: '', message: 'has 1 cells but the header has 2' },
      { row: 3, column: '', message: 'has 3 cells but the header has 2' },
    ]);
    expect(t.records).toHaveLength(1);
  });
  it('missing required headers are one error; unknown and duplicate headers are named', () => {
    expect(parseCsvTable('x\n1\n', { ...opts, columnKey: (h) => (h === 'x' ? 'x' : null) }).errors).toEqual([
      { row: 1, column: 'id, name', message: 'missing required columns: id, name' },
    ]);
    expect(parseCsvTable('id,name,colour\n', opts).errors).toEqual([]);
    expect(parseCsvTable('id,name,colour\n', { ...opts, columnKey: (h) => (h === 'colour' ? null : h) }).errors).toEqual([
      { row: 1, column: 'colour', message: 'unknown column "colour"' },
    ]);
    expect(parseCsvTable('id,name,ID\n', opts).errors[0]).toMatchObject({ row: 1, column: 'ID' });
  });
  it('an unterminated quote or an empty file is an error, not an exception', () => {
    expect(parseCsvTable('id,name\n1,"open\n', opts).errors[0].message).toMatch(/malformed CSV/);
    expect(parseCsvTable('', opts).errors[0].message).toMatch(/empty/);
  });
});

describe('neutraliseCell', () => {
  it.each(["=cmd|'/c calc'!A1", '+1', '-1', '@SUM(A1)', '\tx', '\rx', '\uFF1D1', '\uFF0B1', '\uFF0D1', '\uFF20x'])(
    '%j is prefixed',
    (v) => {
      expect(neutraliseCell(v)).toBe(`'${v}`);
    },
  );
  it('leaves ordinary text alone', () => {
    expect(neutraliseCell('Bannu = district')).toBe('Bannu = district');
    expect(neutraliseCell('')).toBe('');
  });
});

describe('native CSV rows', () => {
  it('matches headers case- and underscore-insensitively', () => {
    expect(nativeColumnKey('occurred_at')).toBe('occurredAt');
    expect(nativeColumnKey('KILLED_SECURITY')).toBe('killedSecurity');
    expect(nativeColumnKey('colour')).toBeNull();
  });
  it('maps splits, booleans and sources; errors name the column', () => {
    const mapped = mapNativeRow({
      sourceId: 'n1',
      occurredAt: '2024-01-01',
      country: 'PK',
      lat: '33',
      lon: '70',
      eventType: 'Battles',
      subEventType: 'Armed clash',
      group: 'ttp',
      killed: '4',
      killedSecurity: '3',
      crossBorder: 'yes',
      sources: 'Dawn | https://x.org/a;The News',
    });
    const v = validateMapped(mapped);
    expect('input' in v && v.input).toMatchObject({
      source: 'native',
      killedBy: { security: 3 },
      crossBorder: true,
      sources: ['Dawn', 'https://x.org/a', 'The News'],
    });
    expect(validateMapped(mapNativeRow({ lat: 'x', crossBorder: 'perhaps' }))).toEqual({
      errors: [
        { column: 'lat', message: '"x" is not a number' },
        { column: 'crossBorder', message: 'must be true or false' },
      ],
    });
  });
});
