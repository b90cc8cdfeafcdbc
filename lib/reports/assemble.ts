import { REGIONS } from '@/lib/taxonomy/regions';
import { direction, percentChange } from './change';
import type { BreakdownRow, ChangeSet, Counts, RegionRow, Split, Totals, TrendWeek } from './types';

/** Pure assembly of report sections from SQL aggregates (kept apart so it is unit-testable). */
export const TREND_WEEKS = 12;
export const AVERAGE_WEEKS = 4;
export const ELSEWHERE = { region: 'none', name: 'Elsewhere' } as const;

export interface Cell extends Counts {
  wk: number;
  region: string | null;
}

export interface FullCell extends Cell {
  killedSecurity: number;
  killedCivilians: number;
  killedMilitants: number;
  killedUnattributed: number;
  injuredSecurity: number;
  injuredCivilians: number;
  injuredMilitants: number;
  injuredUnattributed: number;
}

export const zeroCounts = (): Counts => ({ incidents: 0, killed: 0, injured: 0 });
const zeroSplit = (): Split => ({ security: 0, civilians: 0, militants: 0, unattributed: 0 });

function add(into: Counts, c: Counts): void {
  into.incidents += c.incidents;
  into.killed += c.killed;
  into.injured += c.injured;
}

export function weekTotals(cells: FullCell[], wk: number): Totals {
  const t: Totals = { ...zeroCounts(), killedBy: zeroSplit(), injuredBy: zeroSplit() };
  for (const c of cells) {
    if (c.wk !== wk) continue;
    add(t, c);
    t.killedBy.security += c.killedSecurity;
    t.killedBy.civilians += c.killedCivilians;
    t.killedBy.militants += c.killedMilitants;
    t.killedBy.unattributed += c.killedUnattributed;
    t.injuredBy.security += c.injuredSecurity;
    t.injuredBy.civilians += c.injuredCivilians;
    t.injuredBy.militants += c.injuredMilitants;
    t.injuredBy.unattributed += c.injuredUnattributed;
  }
  return t;
}

/** Mean of the `AVERAGE_WEEKS` weeks before week index `wk` (exact to two decimals). */
export function averageBefore(cells: Cell[], wk: number): Counts {
  const sum = zeroCounts();
  for (const c of cells) if (c.wk >= wk - AVERAGE_WEEKS && c.wk < wk) add(sum, c);
  const avg = (n: number) => Math.round((n / AVERAGE_WEEKS) * 100) / 100;
  return { incidents: avg(sum.incidents), killed: avg(sum.killed), injured: avg(sum.injured) };
}

export function changeSet(from: Counts, to: Counts): ChangeSet {
  return {
    incidents: percentChange(from.incidents, to.incidents),
    killed: percentChange(from.killed, to.killed),
    injured: percentChange(from.injured, to.injured),
    direction: direction(from, to),
  };
}

export function breakdownRow(cur: Counts, prev: Counts): BreakdownRow {
  return {
    incidents: cur.incidents,
    killed: cur.killed,
    injured: cur.injured,
    previous: { incidents: prev.incidents, killed: prev.killed, injured: prev.injured },
    delta: { incidents: cur.incidents - prev.incidents, killed: cur.killed - prev.killed, injured: cur.injured - prev.injured },
    change: { incidents: percentChange(prev.incidents, cur.incidents), killed: percentChange(prev.killed, cur.killed) },
  };
}

const regionKey = (r: string | null) => r ?? ELSEWHERE.region;

/** The four monitored regions and "Elsewhere" (only those asked for when the report is narrowed). */
export function regionRows(cells: Cell[], wk: number, only?: string[]): RegionRow[] {
  const defs = [...REGIONS.map((r) => ({ region: r.id, name: r.name })), { ...ELSEWHERE }];
  return defs
    .filter((d) => !only?.length || only.includes(d.region))
    .map((d) => {
      const cur = zeroCounts();
      const prev = zeroCounts();
      for (const c of cells) {
        if (regionKey(c.region) !== d.region) continue;
        if (c.wk === wk) add(cur, c);
        else if (c.wk === wk - 1) add(prev, c);
      }
      return { region: d.region, name: d.name, ...breakdownRow(cur, prev) };
    });
}

export function trendWeeks(cells: Cell[], weeks: { week: string; start: string }[]): TrendWeek[] {
  return weeks.map((w, wk) => {
    const t: TrendWeek = { week: w.week, start: w.start, ...zeroCounts(), byRegion: {} };
    for (const c of cells) {
      if (c.wk !== wk) continue;
      add(t, c);
      const k = regionKey(c.region);
      add((t.byRegion[k] ??= zeroCounts()), c);
    }
    return t;
  });
}

/** Rows keyed by group or type for the report week (wk 1) against the week before (wk 0), busiest first. */
export function keyedRows<K extends string>(
  cells: { wk: number; key: string; incidents: number; killed: number; injured: number; claimed: number }[],
) {
  const byKey = new Map<string, { cur: Counts & { claimed: number }; prev: Counts }>();
  for (const c of cells) {
    const e = byKey.get(c.key) ?? { cur: { ...zeroCounts(), claimed: 0 }, prev: zeroCounts() };
    if (c.wk === 1) {
      add(e.cur, c);
      e.cur.claimed += c.claimed;
    } else add(e.prev, c);
    byKey.set(c.key, e);
  }
  return [...byKey.entries()]
    .map(([key, e]) => ({ key: key as K, claimed: e.cur.claimed, ...breakdownRow(e.cur, e.prev) }))
    .sort(
      (a, b) =>
        b.incidents - a.incidents || b.killed - a.killed || b.previous.incidents - a.previous.incidents || a.key.localeCompare(b.key),
    );
}
