// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeWeeklyReport } from '@/db/queries/weekly';
import { weekBounds } from '@/lib/reports/week';
import { parseWeek } from '@/lib/time/iso-week';
import { useTempDb, type TempDb } from '../support/api-db';
import { generateInputs, insertAlerts, seedGenerated } from '../support/weekly-data';
import {
  alertIdsBetween,
  counts,
  deadliest,
  groupBy,
  loadRaw,
  newActors,
  select,
  shift,
  totals,
  type Raw,
} from '../support/weekly-recount';

const TZ = 'Asia/Karachi';
let t: TempDb;
let raw: Raw[];

beforeAll(async () => {
  t = await useTempDb({ timeZone: TZ });
  await seedGenerated(t.store, generateInputs(42, 1500, '2024-08-01', '2025-01-12'), TZ);
  const b = weekBounds(parseWeek('2024-W50')!, TZ);
  // Alerts at both edges of 2024-W50 (inclusive start, exclusive end) and outside it.
  await insertAlerts(t.store, [b.startsAtMs - 1, b.startsAtMs, b.startsAtMs + 3_600_000, b.endsAtMs - 1, b.endsAtMs]);
  raw = await loadRaw(t.store, TZ);
});
afterAll(() => t.cleanup());

const CASES: { week: string; group?: string[]; region?: string[] }[] = [
  { week: '2024-W50' },
  { week: '2024-W51' },
  { week: '2025-W01' },
  { week: '2024-W36', group: ['ttp'] },
  { week: '2024-W44', region: ['kp', 'none'] },
  { week: '2024-W47', group: ['bla', 'iskp'], region: ['balochistan'] },
  { week: '2025-W03' },
];

describe.each(CASES)('weekly report $week group=$group region=$region equals a recount over raw rows', (c) => {
  const f = { group: c.group, region: c.region };
  const report = () => computeWeeklyReport(t.store, { ...c, timeZone: TZ });

  it('totals, splits, previous week and 4-week average', async () => {
    const r = await report();
    const cur = select(raw, c.week, f);
    expect(r.totals).toEqual(totals(cur));
    expect(r.previous).toEqual({ week: shift(c.week, -1), ...totals(select(raw, shift(c.week, -1), f)) });
    const four = [1, 2, 3, 4].map((n) => counts(select(raw, shift(c.week, -n), f)));
    const avg = (k: 'incidents' | 'killed' | 'injured') => four.reduce((n, x) => n + x[k], 0) / 4;
    expect(r.fourWeekAverage).toMatchObject({ incidents: avg('incidents'), killed: avg('killed'), injured: avg('injured') });
    expect(r.change.previous.incidents.to).toBe(cur.length);
  });

  it('by region (four regions + elsewhere), by group and by type, with previous week', async () => {
    const r = await report();
    const cur = select(raw, c.week, f);
    const prev = select(raw, shift(c.week, -1), f);
    for (const row of r.byRegion) {
      expect(row, row.region).toMatchObject({
        ...counts(cur.filter((x) => (x.region ?? 'none') === row.region)),
        previous: counts(prev.filter((x) => (x.region ?? 'none') === row.region)),
      });
    }
    expect(r.byRegion.map((x) => x.region).sort()).toEqual(
      (c.region ?? ['kp', 'balochistan', 'barmal', 'tajikistan', 'none']).slice().sort(),
    );
    const byGroup = groupBy([...cur, ...prev], (x) => x.groupId);
    expect(r.byGroup.map((g) => g.group).sort()).toEqual([...byGroup.keys()].sort());
    for (const g of r.byGroup) {
      const rows = cur.filter((x) => x.groupId === g.group);
      expect(g, g.group).toMatchObject({
        ...counts(rows),
        previous: counts(prev.filter((x) => x.groupId === g.group)),
        claimed: rows.filter((x) => x.claimStatus === 'claimed').length,
      });
    }
    const byType = groupBy([...cur, ...prev], (x) => x.eventType);
    expect(r.byType.map((x) => x.eventType).sort()).toEqual([...byType.keys()].sort());
    for (const ty of r.byType)
      expect(ty).toMatchObject({
        ...counts(cur.filter((x) => x.eventType === ty.eventType)),
        previous: counts(prev.filter((x) => x.eventType === ty.eventType)),
      });
  });

  it('12-week trend, stacked by region', async () => {
    const r = await report();
    expect(r.trend.map((w) => w.week)).toEqual(Array.from({ length: 12 }, (_, i) => shift(c.week, i - 11)));
    for (const w of r.trend) {
      const rows = select(raw, w.week, f);
      expect(w).toMatchObject(counts(rows));
      for (const [region, list] of groupBy(rows, (x) => x.region ?? 'none')) expect(w.byRegion[region]).toEqual(counts(list));
    }
  });

  it('notable, imprecise, cross-border, provenance and new actors', async () => {
    const r = await report();
    const cur = select(raw, c.week, f);
    expect(r.notable.map((n) => n.id)).toEqual(deadliest(cur));
    const imprecise = cur
      .filter((x) => x.timePrecision > 1)
      .map((x) => x.id)
      .sort((a, b) => a - b);
    expect(r.imprecise).toEqual({ count: imprecise.length, ids: imprecise });
    const cross = cur.filter((x) => x.crossBorder);
    expect(r.crossBorderCount).toBe(cross.length);
    expect(r.crossBorder.map((x) => x.id).sort((a, b) => a - b)).toEqual(cross.map((x) => x.id).sort((a, b) => a - b));
    expect(r.provenance).toEqual({
      demo: cur.filter((x) => x.dataset === 'demo').length,
      imported: cur.filter((x) => x.dataset === 'import').length,
      live: cur.filter((x) => x.dataset === 'live').length,
    });
    expect(r.newActors.map((a) => `${a.region}/${a.group}`).sort()).toEqual(cur.length ? newActors(raw, cur) : []);
    for (const a of r.newActors) {
      const first = cur
        .filter((x) => x.region === a.region && x.groupId === a.group)
        .sort((x, y) => x.occurredAt - y.occurredAt || x.id - y.id)[0];
      expect(a.firstIncidentId).toBe(first.id);
    }
  });

  it('alerts fired within the week in the reporting zone', async () => {
    const r = await report();
    const b = weekBounds(parseWeek(c.week)!, TZ);
    expect(r.alerts.map((a) => a.id).sort((x, y) => x - y)).toEqual(await alertIdsBetween(t.store, b.startsAtMs, b.endsAtMs));
  });
});

describe('generated data set is varied enough to make the recount meaningful', () => {
  it('has rows in every region, imprecise and date-only rows, null casualties, splits and a new actor', async () => {
    expect(new Set(raw.map((r) => r.region ?? 'none')).size).toBe(5);
    expect(raw.some((r) => !r.hasTime)).toBe(true);
    expect(raw.some((r) => r.timePrecision > 1)).toBe(true);
    expect(raw.some((r) => r.killed === null)).toBe(true);
    expect(raw.some((r) => r.killedSecurity !== null)).toBe(true);
    // Timed rows whose Karachi date differs from their UTC date: the zone matters.
    expect(raw.some((r) => r.hasTime && Math.floor(r.occurredAt / 86_400_000) !== r.occurredDay)).toBe(true);
    const w = await computeWeeklyReport(t.store, { week: '2024-W50', timeZone: TZ });
    expect(w.totals.incidents).toBeGreaterThan(20);
    expect(w.alerts).toHaveLength(3);
    const tail = (
      await Promise.all(
        ['2024-W49', '2024-W50', '2024-W51', '2024-W52', '2025-W01', '2025-W02'].map((week) =>
          computeWeeklyReport(t.store, { week, timeZone: TZ }),
        ),
      )
    ).flatMap((r) => r.newActors);
    expect(tail.length).toBeGreaterThan(0);
  });
});
