import { describe, expect, it } from 'vitest';
import { CONTENT_COLUMNS, encodeContent, packRows, RowPacker, unpackRows, type PackedRows } from '@/db/row-batch';
import { incidentInputSchema } from '@/lib/incidents/input';
import { normalizeIncident, type NormalizedIncident } from '@/lib/incidents/normalize';
import { GroupMatcher, KNOWN_GROUPS } from '@/lib/taxonomy/groups';
import { incidentBody } from '../support/api-factory';

const matcher = new GroupMatcher(KNOWN_GROUPS);
const normalized = (over: Record<string, unknown>): NormalizedIncident =>
  normalizeIncident(incidentInputSchema.parse(incidentBody(over)), { matcher, timeZone: 'Asia/Karachi', sourceId: 'x' });

describe('packed import rows', () => {
  const rows = [
    normalized({}),
    normalized({ killed: null, injured: null, notes: null, crossBorder: true, occurredAt: '2024-12-15' }),
    normalized({ group: 'Lashkar-e-Test', notes: 'quotes " and , commas; emoji 🚩 and پشاور, a\nnewline' }),
    normalized({ notes: '', location: 'Dera Ismail Khan', lat: 31.8313, lon: 70.9019 }),
    normalized({ group: 'Another New Front' }),
  ];

  it('unpacks to exactly the values encodeContent gives each row, with the new groups on their rows', () => {
    expect(rows.filter((r) => r.newGroup).length).toBe(2);
    const seen: [unknown[], unknown][] = [];
    unpackRows(packRows(rows), (values, newGroup) => seen.push([values, newGroup]));
    expect(seen).toEqual(rows.map((r) => [encodeContent(r.content), r.newGroup]));
  });

  it('encodes booleans as 0/1, keeps nulls, and fills absent values with the column default', () => {
    const at = (key: string) => CONTENT_COLUMNS.findIndex(([k]) => k === key);
    const values = encodeContent({ ...rows[1].content, claimStatus: undefined });
    expect(values[at('crossBorder')]).toBe(1);
    expect(values[at('hasTime')]).toBe(0);
    expect(values[at('killed')]).toBeNull();
    expect(values[at('claimStatus')]).toBe('unclaimed');
    expect(values).toHaveLength(CONTENT_COLUMNS.length);
  });

  it('packs an empty batch and refuses a value it cannot store', () => {
    const none: unknown[] = [];
    unpackRows(packRows([]), (v) => none.push(v));
    expect(none).toEqual([]);
    expect(() => packRows([{ ...rows[0], content: { ...rows[0].content, notes: { a: 1 } as never } }])).toThrow(/notes is object/);
  });

  it('posts each value of a repeating column once per batch, and free text in the text', () => {
    const many = Array.from({ length: 50 }, (_, i) => normalized({ location: i % 2 ? 'Peshawar' : 'Quetta', notes: `note ${i}` }));
    const p = packRows(many);
    expect(p.strings.filter((s) => s === 'Peshawar')).toHaveLength(1);
    expect(p.strings.filter((s) => s === 'Quetta')).toHaveLength(1);
    expect(new Set(p.strings).size).toBe(p.strings.length);
    expect(p.text).not.toContain('Peshawar');
    expect(p.text).toContain('note 49');
    const seen: unknown[][] = [];
    unpackRows(p, (values) => seen.push(values));
    expect(seen).toEqual(many.map((r) => encodeContent(r.content)));
  });

  it('packs row by row past its first size, fills a missing actor2 only, and starts each batch empty', () => {
    const unpacked = (p: PackedRows) => {
      const seen: [unknown[], unknown][] = [];
      unpackRows(p, (values, newGroup) => seen.push([values, newGroup]));
      return seen;
    };
    const list = [normalized({ actor2: 'Levies' }), ...rows.slice(1)];
    const packer = new RowPacker(2);
    for (const r of list) packer.add(r);
    expect(packer.count).toBe(5);
    packer.fillActor2(1, 'Frontier Corps'); // no actor2 yet: filled
    packer.fillActor2(0, 'Frontier Corps'); // has one: kept
    const first = packer.take();
    const actor2 = CONTENT_COLUMNS.findIndex(([k]) => k === 'actor2');
    const expected = list.map((r) => [encodeContent(r.content), r.newGroup]);
    expect(list[1].content.actor2).toBeNull();
    expect(list[0].content.actor2).toBe('Levies');
    (expected[1][0] as unknown[])[actor2] = 'Frontier Corps';
    expect(unpacked(first)).toEqual(expected);
    expect(packer.count).toBe(0);
    expect(unpacked(packer.take())).toEqual([]);
    packer.add(rows[4]);
    expect(unpacked(packer.take())).toEqual([[encodeContent(rows[4].content), rows[4].newGroup]]);
  });
});
