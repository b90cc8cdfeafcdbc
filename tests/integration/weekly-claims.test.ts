// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeWeeklyReport } from '@/db/queries/weekly';
import { weeklyMarkdown } from '@/db/queries/weekly-export';
import { acceptReport, mergeReport } from '@/db/services/report-decisions';
import { useTempDb, type TempDb } from '../support/api-db';
import { BANNU, storeReports } from '../support/decision-reports';

let t: TempDb;
let incidentId: number;
const ctx = { timeZone: 'Asia/Karachi', actor: 'test' };

beforeAll(async () => {
  t = await useTempDb();
  const [first, second] = await storeReports(t.store, BANNU.first, BANNU.followUp);
  incidentId = (await acceptReport(t.store, first, {}, ctx)).incident.id;
  await mergeReport(t.store, second, { incidentId, adoptFigures: false }, ctx);
});
afterAll(() => t.cleanup());

describe('weekly brief: claims and denials', () => {
  it('lists the claims and denials published in the week, oldest first, with the incident they are about', async () => {
    const r = await computeWeeklyReport(t.store, { week: '2026-W45', timeZone: 'Asia/Karachi', nowMs: Date.parse('2026-12-01') });
    expect(r.claims.map((c) => [c.group, c.kind, c.at])).toEqual([
      ['ttp', 'claim', '2026-11-04T09:00:00.000Z'],
      ['hafiz-gul-bahadur', 'claim', '2026-11-05T07:00:00.000Z'],
      ['ttp', 'denial', '2026-11-05T07:00:00.000Z'],
    ]);
    expect(r.claims[0]).toMatchObject({ incidentId, incidentDate: '2026-11-03', link: `/?incident=${incidentId}` });
    expect(r.claims[0].place).toContain('Bannu');
  });

  it('follows the brief’s filter and its week', async () => {
    const opts = { week: '2026-W45', timeZone: 'Asia/Karachi', nowMs: Date.parse('2026-12-01') };
    expect((await computeWeeklyReport(t.store, { ...opts, group: ['bla'] })).claims).toEqual([]);
    expect((await computeWeeklyReport(t.store, { ...opts, region: ['kp'] })).claims).toHaveLength(3);
    expect((await computeWeeklyReport(t.store, { ...opts, week: '2026-W44' })).claims).toEqual([]);
  });

  it('prints them in the Markdown export', async () => {
    const md = await weeklyMarkdown(t.store, { week: '2026-W45', timeZone: 'Asia/Karachi' });
    expect(md).toContain('## Claims and denials');
    expect(md).toMatch(/- 2026-11-05 — .+ denied incident \d+ of 2026-11-03, Bannu/);
  });
});
