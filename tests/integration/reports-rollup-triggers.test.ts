// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { computeWeeklyReport } from '@/db/queries/weekly';
import { builder } from '@/db/engine';
import { incidents } from '@/db/schema';
import { migrateSqlite } from '@/db/migrate';
import { useTempDb, type TempDb } from '../support/api-db';
import { testEngine } from '../support/engine';
import { generateInputs, seedGenerated } from '../support/weekly-data';
import { counts, groupBy, loadRaw, select, totals } from '../support/weekly-recount';

/** The incident_day_stats rollup must stay exact through updates, deletes and a zone change. */
let t: TempDb;
beforeAll(async () => {
  t = await useTempDb({ timeZone: 'Asia/Karachi' });
  await seedGenerated(t.store, generateInputs(99, 500, '2024-11-01', '2024-12-31'), 'Asia/Karachi');
});
afterAll(() => t.cleanup());

async function expectAllWeeksMatch(tz: string) {
  const raw = await loadRaw(t.store, tz);
  const weeks = [...groupBy(raw, (r) => r.weekId).keys()];
  expect(weeks.length).toBeGreaterThan(5);
  for (const week of weeks) {
    const r = await computeWeeklyReport(t.store, { week, timeZone: tz });
    expect(r.totals, week).toEqual(totals(select(raw, week)));
    for (const g of r.byGroup) expect(g, `${week} ${g.group}`).toMatchObject(counts(select(raw, week, { group: [g.group] })));
    expect(r.provenance.demo + r.provenance.imported + r.provenance.live).toBe(r.totals.incidents);
  }
}

describe(`incident_day_stats triggers on ${testEngine}`, () => {
  it('match a recount after inserts', () => expectAllWeeksMatch('Asia/Karachi'));

  it('match a recount after updates of casualties, region, group, type, dataset and date, and after deletes', async () => {
    const db = builder(t.store);
    const ids = (await db.select({ id: incidents.id }).from(incidents).orderBy(incidents.id)).map((r) => r.id);
    await db
      .update(incidents)
      .set({ killed: 99, killedSecurity: 40, claimStatus: 'claimed' })
      .where(inArray(incidents.id, ids.slice(0, 30)));
    await db
      .update(incidents)
      .set({ region: null, groupId: 'iskp', eventType: 'Battles' })
      .where(inArray(incidents.id, ids.slice(30, 60)));
    await db
      .update(incidents)
      .set({ dataset: 'live', crossBorder: true, timePrecision: 3 })
      .where(inArray(incidents.id, ids.slice(60, 90)));
    // Move a timed row by a week: both its day and its instant change.
    const [row] = await db.select().from(incidents).where(eq(incidents.id, ids[90]));
    await db
      .update(incidents)
      .set({ occurredAt: row.occurredAt + 7 * 86_400_000, occurredDay: row.occurredDay + 7 })
      .where(eq(incidents.id, ids[90]));
    await db.delete(incidents).where(inArray(incidents.id, ids.slice(100, 180)));
    await expectAllWeeksMatch('Asia/Karachi');
  });

  // Recomputing occurred_day for a new zone is SQLite's migration step (PostgreSQL's local_day() is tested in pg-migrations).
  it.runIf(testEngine === 'sqlite')('match a recount after the reporting zone changes and occurred_day is recomputed', async () => {
    migrateSqlite(t.db, { reportTimeZone: 'America/New_York' });
    await expectAllWeeksMatch('America/New_York');
  });
});
