import { describe, expect, it } from 'vitest';
import { CONTENT_COLUMNS, encodeContent, packRows, unpackRows } from '@/db/row-batch';
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
});
