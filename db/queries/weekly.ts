import type { Store } from '@/db/store';
import { averageBefore, changeSet, keyedRows, regionRows, trendWeeks, TREND_WEEKS, weekTotals } from '@/lib/reports/assemble';
import { buildNarrative } from '@/lib/reports/narrative';
import type { NewActor, WeeklyReport } from '@/lib/reports/types';
import { formatWeekRange, parseWeek, weekBounds, weeksEndingWith, type IsoWeek } from '@/lib/reports/week';
import { REGION_BY_ID, type RegionId } from '@/lib/taxonomy/regions';
import { firstIncidentIn, regionGroupCells, seenBefore, weeklyBreakdown, weeklyRollup, weeklyTrendRollup } from './weekly-aggregates';
import { alertsFiredBetween, flaggedIncidents, groupNames, notableIncidents } from './weekly-lists';
import type { WeeklyFilter } from './weekly-sql';
import { weekClaims } from './weekly-claims';
import { weekRevisions } from './weekly-revisions';

export interface WeeklyReportOptions extends WeeklyFilter {
  week: string | IsoWeek;
  /**
   * The reporting zone: must be the one the database was migrated with (env REPORT_TIME_ZONE),
   * since occurred_day is stored in it; used here for the week's instants (alerts, startsAt).
   */
  timeZone: string;
  /** For `complete`: the report week is complete once its Sunday has ended. Defaults to now. */
  nowMs?: number;
}

function resolveWeek(w: string | IsoWeek): IsoWeek {
  if (typeof w !== 'string') return w;
  const parsed = parseWeek(w);
  if (!parsed) throw new RangeError(`not an ISO week: ${w}`);
  return parsed;
}

/** The 12-week trend alone (incidents, killed, injured per week and region), for timing and reuse. */
export async function computeWeeklyTrend(store: Store, opts: WeeklyReportOptions) {
  const weeks = weeksEndingWith(resolveWeek(opts.week), TREND_WEEKS).map((w) => weekBounds(w, opts.timeZone));
  const cells = await weeklyTrendRollup(store, weeks[0].startDay, TREND_WEEKS, opts);
  return trendWeeks(cells, weeks);
}

/**
 * Every figure of the weekly brief, from a handful of indexed, SQL-grouped queries. They are
 * independent reads, issued together: on PostgreSQL they run side by side on the pool.
 */
export async function computeWeeklyReport(store: Store, opts: WeeklyReportOptions): Promise<WeeklyReport> {
  const target = resolveWeek(opts.week);
  const filter: WeeklyFilter = { group: opts.group, region: opts.region, source: opts.source };
  const weeks = weeksEndingWith(target, TREND_WEEKS).map((w) => weekBounds(w, opts.timeZone));
  const cur = weeks.at(-1)!;
  const prev = weeks.at(-2)!;
  const wk = TREND_WEEKS - 1;

  const [cells, names, groupCells, typeCells, pairs, notable, alerts, claims, revisions] = await Promise.all([
    weeklyRollup(store, weeks[0].startDay, TREND_WEEKS, filter),
    groupNames(store),
    weeklyBreakdown(store, 'group_id', prev.startDay, filter),
    weeklyBreakdown(store, 'event_type', prev.startDay, filter),
    regionGroupCells(store, cur.startDay, filter),
    notableIncidents(store, cur.startDay, filter),
    alertsFiredBetween(store, cur.startsAtMs, cur.endsAtMs),
    weekClaims(store, cur.startsAtMs, cur.endsAtMs, filter),
    weekRevisions(store, cur.startsAtMs, cur.endsAtMs),
  ]);
  const totals = weekTotals(cells, wk);
  const previous = weekTotals(cells, wk - 1);
  const avg = averageBefore(cells, wk);
  const trend = trendWeeks(cells, weeks);
  const byRegion = regionRows(cells, wk, filter.region);
  const current = cells.filter((c) => c.wk === wk);
  const sum = (k: 'imprecise' | 'crossBorder' | 'demo' | 'imported' | 'live') => current.reduce((n, c) => n + c[k], 0);

  const byGroup = keyedRows(groupCells).map(({ key, ...r }) => {
    const g = names.get(key);
    return { group: key, name: g?.name ?? key, abbreviation: g?.abbreviation ?? null, colour: g?.colour ?? '#777777', ...r };
  });
  const byType = keyedRows(typeCells).map(({ key, claimed: _c, ...r }) => ({
    eventType: key,
    ...r,
  }));

  const topClaims: Record<string, { label: string; claimed: number }> = {};
  for (const p of pairs) {
    const key = p.region ?? 'none';
    const g = names.get(p.group);
    const label = g?.abbreviation ?? g?.name ?? p.group;
    const best = topClaims[key];
    if (p.claimed > 0 && (!best || p.claimed > best.claimed || (p.claimed === best.claimed && label < best.label)))
      topClaims[key] = { label, claimed: p.claimed };
  }
  const located = pairs.filter((p): p is typeof p & { region: string } => p.region !== null);
  const known = await Promise.all(located.map((p) => seenBefore(store, p.group, p.region, cur.startDay)));
  const fresh = located.filter((_, i) => !known[i]);
  const firstIds = await Promise.all(fresh.map((p) => firstIncidentIn(store, p.group, p.region, cur.startDay)));
  const newActors: NewActor[] = fresh
    .map((p, i) => ({
      group: p.group,
      groupName: names.get(p.group)?.name ?? p.group,
      region: p.region,
      regionName: REGION_BY_ID.get(p.region as RegionId)?.name ?? p.region,
      firstIncidentId: firstIds[i],
      incidents: p.incidents,
    }))
    .sort((a, b) => a.region.localeCompare(b.region) || a.group.localeCompare(b.group));

  const change = { previous: changeSet(previous, totals), fourWeekAverage: changeSet(avg, totals) };
  // The rollup already knows the counts: skip the per-incident scan when there is nothing to list.
  const flagged =
    sum('imprecise') || sum('crossBorder') ? await flaggedIncidents(store, cur.startDay, filter) : { crossBorder: [], impreciseIds: [] };
  const imprecise = { count: sum('imprecise'), ids: flagged.impreciseIds };
  const provenance = { demo: sum('demo'), imported: sum('imported'), live: sum('live') };

  return {
    week: cur.week,
    start: cur.start,
    end: cur.end,
    startsAt: new Date(cur.startsAtMs).toISOString(),
    endsAt: new Date(cur.endsAtMs).toISOString(),
    timeZone: opts.timeZone,
    complete: (opts.nowMs ?? Date.now()) >= cur.endsAtMs,
    filters: { group: filter.group ?? [], region: filter.region ?? [], source: filter.source ?? [] },
    totals,
    previous: { week: prev.week, ...previous },
    fourWeekAverage: { ...avg, weeks: weeks.slice(wk - 4, wk).map((w) => w.week) },
    change,
    byRegion,
    byGroup,
    byType,
    trend,
    notable,
    alerts,
    newActors,
    crossBorder: flagged.crossBorder,
    crossBorderCount: sum('crossBorder'),
    claims,
    imprecise,
    provenance,
    revisions,
    narrative: buildNarrative({
      week: cur.week,
      range: formatWeekRange(cur.startDay, cur.endDay),
      totals,
      previous,
      change: change.previous,
      byRegion,
      trend,
      topClaims,
      deadliest: notable[0] ?? null,
      imprecise: imprecise.count,
      demo: provenance.demo,
    }),
  };
}
