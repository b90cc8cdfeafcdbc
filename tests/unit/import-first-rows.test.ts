import { describe, expect, it } from 'vitest';
import { FirstRows } from '@/lib/import/validate-rows';
import type { IncidentInput } from '@/lib/incidents/input';

const input = (over: Partial<IncidentInput>): IncidentInput =>
  ({
    source: 'acled',
    sourceId: 'PAK1',
    occurredAt: '2024-12-15',
    killed: 0,
    lat: 33.5,
    lon: 70.25,
    actor1: 'TTP',
    actor2: null,
    ...over,
  }) as IncidentInput;

describe("each id's first row (the duplicate and dyadic-partner checks)", () => {
  it('finds every id under its own source, with its row, index and batch, past the arrays growing', () => {
    const first = new FirstRows();
    for (let i = 0; i < 5000; i++) first.add(input({ sourceId: `PAK${i}` }), `PAK${i}`, i + 2, i % 2000, Math.floor(i / 2000));
    first.add(input({ source: 'ucdp', sourceId: 'PAK7' }), 'PAK7', 9999, 0, 3);
    const s = first.find('acled', 'PAK4321');
    expect([first.row(s), first.index(s), first.batch(s)]).toEqual([4323, 321, 2]);
    const u = first.find('ucdp', 'PAK7');
    expect([first.row(u), first.batch(u)]).toEqual([9999, 3]);
    expect(first.row(first.find('acled', 'PAK7'))).toBe(9);
    expect(first.find('acled', 'PAK5000')).toBe(-1);
    expect(first.find('gtd', 'PAK1')).toBe(-1);
  });

  it('takes as a partner only the same date, place and fatalities seen from the other side', () => {
    const first = new FirstRows();
    first.add(input({ killed: null, actor2: 'Police' }), 'PAK1', 2, 0, 0);
    first.add(input({ sourceId: 'PAK2', killed: 3 }), 'PAK2', 3, 1, 0);
    const one = first.find('acled', 'PAK1');
    const two = first.find('acled', 'PAK2');
    expect(first.isPartner(one, input({ killed: null, actor1: 'Police' }))).toBe(true);
    expect(first.isPartner(one, input({ killed: 0, actor1: 'Police' }))).toBe(false); // blank fatalities are not 0
    expect(first.isPartner(one, input({ killed: null, actor1: 'Army' }))).toBe(false); // not the first row's actor2
    expect(first.isPartner(two, input({ killed: 3, actor1: 'Army' }))).toBe(true);
    expect(first.isPartner(two, input({ killed: 3, actor1: 'TTP' }))).toBe(false); // the same side again
    expect(first.isPartner(two, input({ killed: 3, actor1: 'Army', lat: 33.6 }))).toBe(false);
    expect(first.isPartner(two, input({ killed: 3, actor1: 'Army', occurredAt: '2024-12-16' }))).toBe(false);
    expect(first.isPartner(two, input({ killed: 3, actor1: null }))).toBe(false);
  });
});
