import { before, type Columns } from './columns';
import { FAILS_GROUP, FAILS_REGION, FAILS_TYPE, type CompiledFilter } from './compile';
import type { IncidentIndex } from './incident-index';
import { accumulate, forEachMatch, newTotals, pagePositions, type ComboTotals } from './scan';

/** Per-combo totals of the rows passing every test but the combo's, over both segments. */
export function comboTotals(index: IncidentIndex, f: CompiledFilter): ComboTotals {
  const t = newTotals(index.combos.size);
  for (const [c, blocks] of index.segments()) accumulate(c, blocks, f, t);
  return t;
}

/** Incidents matching the filter. */
export function countMatching(index: IncidentIndex, f: CompiledFilter): number {
  const t = comboTotals(index, f);
  let n = 0;
  for (let k = 0; k < t.n.length; k++) if (f.status[k] === 0) n += t.n[k];
  return n;
}

/** Ids of up to `limit` matching incidents after the cursor, newest first, across both segments. */
export function pageIds(index: IncidentIndex, f: CompiledFilter, limit: number, cursor: { at: number; id: number } | null): number[] {
  const [[a], [b]] = index.segments();
  const pa = pagePositions(a, f, limit, cursor);
  const pb = pagePositions(b, f, limit, cursor);
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (out.length < limit && (i < pa.length || j < pb.length)) {
    if (j >= pb.length || (i < pa.length && before(a, pa[i], b, pb[j]))) out.push(a.id[pa[i++]]);
    else out.push(b.id[pb[j++]]);
  }
  return out;
}

/** Per-dimension counts (arrays indexed by dictionary code), each under every filter but its own. */
export interface FacetCounts {
  total: number;
  killed: number;
  demo: number;
  group: Float64Array;
  region: Float64Array;
  regionKilled: Float64Array;
  type: Float64Array;
  sub: Float64Array;
  /** Regions under the full filter (choropleth). */
  choropleth: Float64Array;
  choroplethKilled: Float64Array;
}

/**
 * Every facet from one set of per-combo totals: a combo failing exactly one of group/region/type
 * still counts for that dimension's facet (multi-select semantics); one failing none counts
 * everywhere.
 */
export function facetCounts(index: IncidentIndex, f: CompiledFilter): FacetCounts {
  const t = comboTotals(index, f);
  const { combos } = index;
  const d = combos.dict;
  const out: FacetCounts = {
    total: 0,
    killed: 0,
    demo: 0,
    group: new Float64Array(d.group.size),
    region: new Float64Array(d.region.size),
    regionKilled: new Float64Array(d.region.size),
    type: new Float64Array(d.type.size),
    sub: new Float64Array(d.sub.size),
    choropleth: new Float64Array(d.region.size),
    choroplethKilled: new Float64Array(d.region.size),
  };
  for (let k = 0; k < t.n.length; k++) {
    const n = t.n[k];
    if (n === 0) continue;
    const s = f.status[k];
    const r = combos.region[k];
    if ((s & ~FAILS_REGION) === 0) {
      out.region[r] += n;
      out.regionKilled[r] += t.killed[k];
    }
    if ((s & ~FAILS_GROUP) === 0) out.group[combos.group[k]] += n;
    if ((s & ~FAILS_TYPE) === 0) {
      out.type[combos.type[k]] += n;
      out.sub[combos.sub[k]] += n;
    }
    if (s === 0) {
      out.total += n;
      out.killed += t.killed[k];
      out.demo += t.demo[k];
      out.choropleth[r] += n;
      out.choroplethKilled[r] += t.killed[k];
    }
  }
  return out;
}

/** Calls `fn(columns, position)` for every matching incident (segment order, not globally sorted). */
export function forEachMatching(index: IncidentIndex, f: CompiledFilter, fn: (c: Columns, i: number) => void): void {
  for (const [c] of index.segments()) forEachMatch(c, f, (i) => fn(c, i));
}

const DAY_MS = 86_400_000;

/** Incidents and killed per local day over the matching rows, plus the first and last day seen. */
export function dailyTotals(
  index: IncidentIndex,
  f: CompiledFilter,
): { first: number; last: number; count(day: number): number; killed(day: number): number } | null {
  let atMin = Infinity;
  let atMax = -Infinity;
  for (const [c] of index.segments()) {
    if (c.n === 0) continue;
    atMax = Math.max(atMax, c.at[0]);
    atMin = Math.min(atMin, c.at[c.n - 1]);
  }
  if (atMin === Infinity) return null;
  // Every row's day lies within two days of its instant's UTC day (see compile.ts).
  const base = Math.floor(atMin / DAY_MS) - 2;
  const span = Math.floor(atMax / DAY_MS) + 3 - base;
  const counts = new Float64Array(span);
  const killed = new Float64Array(span);
  let first = Infinity;
  let last = -Infinity;
  forEachMatching(index, f, (c, i) => {
    const d = c.day[i];
    counts[d - base]++;
    if (c.killed[i] > 0) killed[d - base] += c.killed[i];
    if (d < first) first = d;
    if (d > last) last = d;
  });
  if (first === Infinity) return null;
  const at = (arr: Float64Array) => (day: number) => (day < base || day >= base + span ? 0 : arr[day - base]);
  return { first, last, count: at(counts), killed: at(killed) };
}
