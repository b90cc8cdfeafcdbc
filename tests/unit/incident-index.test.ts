import { describe, expect, it } from 'vitest';
import { BLOCK } from '@/lib/incident-index/blocks';
import type { IndexRow } from '@/lib/incident-index/columns';
import { compileFilter } from '@/lib/incident-index/compile';
import { IncidentIndex, MAX_EXTRA } from '@/lib/incident-index/incident-index';
import { countMatching, facetCounts, pageIds } from '@/lib/incident-index/query';
import type { ViewFilter } from '@/lib/filters/schema';
import { Rng } from '@/lib/demo/prng';
import { DATASET_BIT, DATASET_NAMES, type DatasetName } from '@/lib/datasets/dataset-bits';
import { dayNumber, dayToDate } from '@/lib/time/zone';

/**
 * The index's scans (block totals, partial blocks, tombstones, the side segment, merges) against
 * a naive filter over plain row objects, with enough rows for several blocks.
 */
const DAY = 86_400_000;
const GROUPS = ['ttp', 'bla', 'iskp', 'unknown', 'tjp'];
const REGIONS = ['kp', 'balochistan', null, 'barmal'];
const KINDS = [
  ['Battles', 'Armed clash'],
  ['Explosions/Remote violence', 'Suicide bomb'],
  ['Violence against civilians', 'Attack'],
];
const FIRST_DAY = 19_000;

function row(rng: Rng, id: number): IndexRow {
  const day = FIRST_DAY + rng.int(0, 400);
  const [type, sub] = rng.pick(KINDS);
  return {
    id,
    day,
    at: rng.chance(0.5) ? day * DAY + 12 * 3_600_000 : day * DAY - 5 * 3_600_000 + rng.int(0, DAY - 1),
    group: rng.pick(GROUPS),
    region: rng.pick(REGIONS),
    type,
    sub,
    killed: rng.chance(0.2) ? null : rng.int(0, 15),
    injured: null,
    lat: 28 + rng.float() * 8,
    lon: 64 + rng.float() * 10,
    demo: rng.chance(0.1),
    crossBorder: false,
    sourceCount: rng.chance(0.7) ? 1 : rng.int(2, 5),
    claimStatus: rng.pick(['claimed', 'unclaimed', 'disputed']),
    // One origin dataset, sometimes another merged in.
    datasets: (1 << rng.int(0, 5)) | (rng.chance(0.2) ? 1 << rng.int(0, 5) : 0),
  };
}

function randomFilter(rng: Rng): ViewFilter {
  const f: ViewFilter = {};
  if (rng.chance(0.7)) {
    const from = FIRST_DAY + rng.int(-5, 400);
    f.from = dayToDate(from);
    if (rng.chance(0.6)) f.to = dayToDate(from + rng.int(0, 200));
  } else if (rng.chance(0.3)) f.to = new Date((FIRST_DAY + rng.int(0, 400)) * DAY + rng.int(0, DAY)).toISOString();
  if (rng.chance(0.4)) f.group = [rng.pick(GROUPS), rng.pick([...GROUPS, 'absent'])];
  if (rng.chance(0.4)) f.region = [rng.pick(['kp', 'balochistan', 'none', 'barmal'])];
  if (rng.chance(0.3)) f.type = [rng.pick(['Battles', 'Suicide bomb', 'attack'])];
  if (rng.chance(0.2)) f.minKilled = rng.int(0, 8);
  if (rng.chance(0.2)) f.minSources = rng.int(1, 4);
  if (rng.chance(0.25)) f.source = [rng.pick([...DATASET_NAMES]), rng.pick([...DATASET_NAMES])];
  if (rng.chance(0.2)) f.claimStatus = [rng.pick(['claimed', 'unclaimed', 'disputed']), rng.pick(['claimed', 'disputed'])];
  if (rng.chance(0.2))
    f.bbox = { west: 64 + rng.int(0, 4), south: 28 + rng.int(0, 3), east: 70 + rng.int(0, 4), north: 32 + rng.int(0, 4) };
  return f;
}

const boundCache = new Map<string, number>();
const parsed = (s: string) => boundCache.get(s) ?? boundCache.set(s, s.includes('T') ? Date.parse(s) : dayNumber(s)).get(s)!;

function naiveMatch(r: IndexRow, f: ViewFilter, skip?: 'group' | 'region' | 'type'): boolean {
  const bound = (s: string | undefined, side: 'from' | 'to') => {
    if (!s) return true;
    const v = s.includes('T') ? r.at : r.day;
    return side === 'from' ? v >= parsed(s) : v <= parsed(s);
  };
  if (!bound(f.from, 'from') || !bound(f.to, 'to')) return false;
  if (skip !== 'group' && f.group && !f.group.includes(r.group)) return false;
  if (skip !== 'region' && f.region && !f.region.includes(r.region ?? 'none')) return false;
  const types = f.type?.map((t) => (t === 'attack' ? 'Attack' : t));
  if (skip !== 'type' && types && !types.includes(r.type) && !types.includes(r.sub)) return false;
  if (f.minKilled && (r.killed ?? -1) < f.minKilled) return false;
  if (f.minSources && r.sourceCount < f.minSources) return false;
  if (f.claimStatus && !f.claimStatus.includes(r.claimStatus)) return false;
  if (f.source && !f.source.some((s) => r.datasets & DATASET_BIT[s as DatasetName])) return false;
  const b = f.bbox;
  return !b || (r.lat >= b.south && r.lat <= b.north && r.lon >= b.west && r.lon <= b.east);
}

const order = (a: IndexRow, b: IndexRow) => b.at - a.at || b.id - a.id;

function check(index: IncidentIndex, rows: Map<number, IndexRow>, rng: Rng, filters: number): void {
  const all = [...rows.values()].sort(order);
  for (let k = 0; k < filters; k++) {
    const filter = randomFilter(rng);
    const f = compileFilter(filter, index.combos);
    const label = JSON.stringify(filter);
    const matching = all.filter((r) => naiveMatch(r, filter));
    expect(countMatching(index, f), label).toBe(matching.length);
    expect(pageIds(index, f, 30, null), label).toEqual(matching.slice(0, 30).map((r) => r.id));
    const cursor = matching[12];
    if (cursor) expect(pageIds(index, f, 5, { at: cursor.at, id: cursor.id }), label).toEqual(matching.slice(13, 18).map((r) => r.id));
    const facets = facetCounts(index, f);
    const d = index.combos.dict;
    expect(facets.total, label).toBe(matching.length);
    expect(facets.killed, label).toBe(matching.reduce((s, r) => s + Math.max(0, r.killed ?? 0), 0));
    expect(facets.demo, label).toBe(matching.filter((r) => r.demo).length);
    const tally = (rs: IndexRow[], key: (r: IndexRow) => string | null) => {
      const m = new Map<string | null, number>();
      for (const r of rs) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
      return m;
    };
    const byGroup = tally(
      all.filter((r) => naiveMatch(r, filter, 'group')),
      (r) => r.group,
    );
    const byRegion = tally(
      all.filter((r) => naiveMatch(r, filter, 'region')),
      (r) => r.region,
    );
    const typeRows = all.filter((r) => naiveMatch(r, filter, 'type'));
    const [byType, bySub] = [tally(typeRows, (r) => r.type), tally(typeRows, (r) => r.sub)];
    for (const g of GROUPS) expect(facets.group[d.group.find(g)], `${label} group ${g}`).toBe(byGroup.get(g) ?? 0);
    for (const r of REGIONS) expect(facets.region[r === null ? 0 : d.region.find(r)], `${label} region ${r}`).toBe(byRegion.get(r) ?? 0);
    for (const [type, sub] of KINDS) {
      expect(facets.type[d.type.find(type)], `${label} type ${type}`).toBe(byType.get(type) ?? 0);
      expect(facets.sub[d.sub.find(sub)], `${label} sub ${sub}`).toBe(bySub.get(sub) ?? 0);
    }
  }
}

describe('incident index scans', () => {
  const rng = new Rng(3);
  const rows = new Map<number, IndexRow>();
  for (let id = 1; id <= 3 * BLOCK + 500; id++) rows.set(id, row(rng, id));
  const index = IncidentIndex.fromRows([...rows.values()], 0);

  it('counts, pages and facets match a naive filter across blocks', () => {
    expect(index.blocks.count).toBe(4);
    check(index, rows, new Rng(5), 150);
  });

  it('stays exact after edits, deletions and inserts (tombstones and the side segment)', () => {
    const edits = [...rows.keys()].filter((id) => id % 7 === 0).map((id) => row(rng, id));
    const added = Array.from({ length: 300 }, (_, i) => row(rng, 100_000 + i));
    const removed = [...rows.keys()].filter((id) => id % 11 === 0);
    index.upsert([...edits, ...added]);
    index.remove(removed);
    for (const r of [...edits, ...added]) rows.set(r.id, r);
    for (const id of removed) rows.delete(id);
    expect(index.size).toBe(rows.size);
    expect(index.extra.n).toBeGreaterThan(0);
    check(index, rows, new Rng(7), 120);
  });

  it(`merges past ${MAX_EXTRA} side rows and stays exact`, () => {
    const more = Array.from({ length: MAX_EXTRA }, (_, i) => row(rng, 200_000 + i));
    index.upsert(more);
    for (const r of more) rows.set(r.id, r);
    expect(index.extra.n).toBe(0);
    expect(index.size).toBe(rows.size);
    check(index, rows, new Rng(9), 120);
  });
});
