// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { GET as weekly } from '@/app/api/reports/weekly/route';
import { GET as exportWeek } from '@/app/api/reports/weekly/export/route';
import { computeWeeklyReport } from '@/db/queries/weekly';
import { formatWeek, latestCompleteWeek } from '@/lib/reports/week';
import type { WeeklyReport } from '@/lib/reports/types';
import { get, useTempDb, type TempDb } from '../support/api-db';
import { generateInputs, seedGenerated } from '../support/weekly-data';

const TZ = 'Asia/Karachi';
let t: TempDb;

beforeAll(async () => {
  t = await useTempDb({ timeZone: TZ });
  await seedGenerated(t.store, generateInputs(7, 600, '2024-10-01', '2024-12-31'), TZ);
});
afterAll(() => t.cleanup());

const json = async (path: string) => {
  const res = await weekly(get(path));
  return {
    status: res.status,
    body: (await res.json()) as WeeklyReport & { error?: { code: string; message: string; issues?: { path?: string }[] } },
  };
};

describe('GET /api/reports/weekly', () => {
  it.each(['2024-W54', '2024-50', '2025-W53', '2024-W00', 'W50', '2024-W5', 'x'.repeat(500)])(
    'rejects week=%s with a 400 naming the parameter',
    async (week) => {
      const { status, body } = await json(`/api/reports/weekly?week=${encodeURIComponent(week)}`);
      expect(status).toBe(400);
      expect(body.error?.code).toBe('bad_request');
      expect(body.error?.issues?.[0]?.path).toBe('week');
      expect(body.error?.message).toMatch(/week/);
    },
  );

  it('rejects unknown parameters and unknown regions', async () => {
    expect((await json('/api/reports/weekly?week=2024-W50&weeks=3')).status).toBe(400);
    const r = await json('/api/reports/weekly?week=2024-W50&region=mars');
    expect(r.status).toBe(400);
    expect(r.body.error?.issues?.[0]?.path).toBe('region');
  });

  it('accepts 2026-W53, which exists', async () => {
    const r = await json('/api/reports/weekly?week=2026-W53');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ week: '2026-W53', start: '2026-12-28', end: '2027-01-03', timeZone: TZ });
  });

  it('defaults to the latest complete week in the reporting zone', async () => {
    const r = await json('/api/reports/weekly');
    expect(r.status).toBe(200);
    expect(r.body.week).toBe(formatWeek(latestCompleteWeek(Date.now(), TZ)));
    expect(r.body.complete).toBe(true);
  });

  it('returns the contract fields, narrowed by group and region as in the URL', async () => {
    const r = await json('/api/reports/weekly?week=2024-W50&group=ttp&region=kp,none');
    expect(r.status).toBe(200);
    expect(r.body).toEqual(
      JSON.parse(
        JSON.stringify(await computeWeeklyReport(t.store, { week: '2024-W50', timeZone: TZ, group: ['ttp'], region: ['kp', 'none'] })),
      ),
    );
    for (const k of [
      'week',
      'start',
      'end',
      'timeZone',
      'totals',
      'previous',
      'fourWeekAverage',
      'change',
      'byRegion',
      'byGroup',
      'byType',
      'trend',
      'notable',
      'alerts',
      'newActors',
      'crossBorder',
      'imprecise',
      'provenance',
      'narrative',
    ]) {
      expect(r.body, k).toHaveProperty(k);
    }
    expect(r.body.totals).toHaveProperty('killedBy.security');
    expect(r.body.byGroup.every((g) => g.group === 'ttp')).toBe(true);
    expect(r.body.byRegion.map((x) => x.region)).toEqual(['kp', 'none']);
    expect(r.body.notable[0]?.link).toMatch(/^\/\?incident=\d+$/);
    expect(r.body.totals.incidents).toBeGreaterThan(0);
  });
});

describe('GET /api/reports/weekly/export', () => {
  it('CSV has one row per incident of the week and neutralises formulas', async () => {
    const report = await computeWeeklyReport(t.store, { week: '2024-W50', timeZone: TZ });
    const res = await exportWeek(get('/api/reports/weekly/export?week=2024-W50&format=csv'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="frontier-watch-weekly-2024-W50\.csv"/);
    const rows = parse<Record<string, string>>(await res.text(), { columns: true, bom: true });
    expect(rows).toHaveLength(report.totals.incidents);
    expect(rows.every((r) => r.occurred_date >= report.start && r.occurred_date <= report.end)).toBe(true);
    expect(rows.reduce((n, r) => n + Number(r.killed || 0), 0)).toBe(report.totals.killed);
    for (const r of rows) for (const v of Object.values(r)) expect(v, 'formula cell').not.toMatch(/^[=+@\t\r]/);
    expect(rows.some((r) => r.location === `'=HYPERLINK("x")`)).toBe(true);
  });

  it('CSV honours the group filter', async () => {
    const report = await computeWeeklyReport(t.store, { week: '2024-W49', timeZone: TZ, group: ['bla'] });
    const res = await exportWeek(get('/api/reports/weekly/export?week=2024-W49&format=csv&group=bla'));
    const rows = parse<Record<string, string>>(await res.text(), { columns: true, bom: true });
    expect(rows).toHaveLength(report.totals.incidents);
    expect(rows.every((r) => r.group === 'bla')).toBe(true);
  });

  it('Markdown carries the totals and the narrative', async () => {
    const report = await computeWeeklyReport(t.store, { week: '2024-W50', timeZone: TZ });
    const res = await exportWeek(get('/api/reports/weekly/export?week=2024-W50&format=md'));
    expect(res.headers.get('content-type')).toMatch(/^text\/markdown/);
    const md = await res.text();
    expect(md).toContain('# Weekly brief 2024-W50');
    expect(md).toContain(`- Incidents: ${report.totals.incidents}\n`);
    expect(md).toContain(`- Killed: ${report.totals.killed} (`);
    expect(md).toContain(`- Injured: ${report.totals.injured} (`);
    expect(md).toContain('## By region');
  });

  it('rejects a bad format or week', async () => {
    expect((await exportWeek(get('/api/reports/weekly/export?week=2024-W50&format=pdf'))).status).toBe(400);
    expect((await exportWeek(get('/api/reports/weekly/export?week=2025-W53&format=csv'))).status).toBe(400);
  });
});

describe('listReportWeeks', () => {
  it('lists weeks newest first with recounted incidents and flags the latest complete week', async () => {
    const { listReportWeeks } = await import('@/db/queries/weekly-index');
    const { loadRaw, select } = await import('../support/weekly-recount');
    const raw = await loadRaw(t.store, TZ);
    const current = { year: 2025, week: 3 };
    const weeks = await listReportWeeks(t.store, { current });
    expect(weeks[0]).toMatchObject({ week: '2025-W03', inProgress: true, incidents: 0 });
    expect(weeks[1]).toMatchObject({ week: '2025-W02', latestComplete: true });
    expect(weeks.map((w) => w.week)).toEqual([...weeks.map((w) => w.week)].sort().reverse());
    for (const w of weeks) expect(w.incidents, w.week).toBe(select(raw, w.week).length);
    expect(weeks.filter((w) => w.incidents > 0).length).toBe(new Set(raw.map((r) => r.weekId)).size);
    const ttp = await listReportWeeks(t.store, { current, filter: { group: ['ttp'] } });
    for (const w of ttp) expect(w.incidents, w.week).toBe(select(raw, w.week, { group: ['ttp'] }).length);
  });
});
