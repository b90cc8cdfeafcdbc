// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { rows as query } from '@/db/engine';
import { priorInRegion } from '@/db/queries/alert-queries';
import { Rng } from '@/lib/demo/prng';
import { dayToDate } from '@/lib/time/zone';
import type { IncidentFacts } from '@/lib/alerts/types';
import { useTempDb, type TempDb } from '../support/api-db';
import { incidentBody, storeIncidents } from '../support/api-factory';
import { testEngine } from '../support/engine';

/** The plain query the day-guided lookup replaced: the reference answer. */
async function reference(t: TempDb, i: IncidentFacts, since: number): Promise<number | null> {
  const [r] = await query<{ at: number }>(
    t.store,
    sql`SELECT occurred_at AS at FROM incidents WHERE group_id = ${i.groupId} AND region = ${i.region} AND occurred_at >= ${since}
          AND occurred_at <= ${i.occurredAt} AND id <> ${i.id} AND (occurred_at < ${i.occurredAt} OR id < ${i.id})
          ORDER BY occurred_at DESC LIMIT 1`,
  );
  return r?.at ?? null;
}

const PLACES = [
  { admin1: 'Khyber Pakhtunkhwa', admin2: 'Bannu', lat: 32.99, lon: 70.6 },
  { admin1: 'Balochistan', admin2: 'Quetta', lat: 30.18, lon: 66.99 },
];
const DAY = 86_400_000;

// East and west of UTC: a row's local day and its instant's UTC day differ either way.
describe.each([
  ['Asia/Karachi', 19],
  ['Pacific/Honolulu', 10],
])('priorInRegion (%s)', (timeZone, midnightUtcHour) => {
  let t: TempDb;
  const rows: { id: number; at: number }[] = [];

  beforeAll(async () => {
    t = await useTempDb({ timeZone });
    const rng = new Rng(41);
    const bodies = Array.from({ length: 700 }, (_, k) => {
      const day = 20_000 + rng.int(0, 40);
      // Timed rows near local midnight and date-only rows, so days and instants disagree in order.
      const at = day * DAY + (rng.chance(0.6) ? midnightUtcHour * 3_600_000 + rng.int(-120, 120) * 60_000 : rng.int(0, DAY - 1));
      return incidentBody({
        sourceId: `p-${k}`,
        occurredAt: rng.chance(0.5) ? new Date(at).toISOString() : dayToDate(day),
        group: rng.pick(['ttp', 'ttp', 'ttp', 'bla', 'iskp']),
        ...rng.pick(PLACES),
      });
    });
    await storeIncidents(t.store, bodies, timeZone);
    rows.push(...(await query<{ id: number; at: number }>(t.store, sql`SELECT id, occurred_at AS at FROM incidents ORDER BY id`)));
  });
  afterAll(() => t.cleanup());

  it('finds what the plain window query finds, for incidents in the table and new ones', async () => {
    const rng = new Rng(43);
    let found = 0;
    for (let k = 0; k < 800; k++) {
      const anchor = rng.chance(0.7) ? rng.pick(rows) : { id: 100_000 + k, at: (20_000 + rng.int(-2, 45)) * DAY + rng.int(0, DAY - 1) };
      // Sparse pairs (bla, iskp) so the answer is often days back, past the recent-day shortcut.
      const i = {
        id: anchor.id,
        occurredAt: anchor.at,
        groupId: rng.pick(['ttp', 'bla', 'iskp', 'tjp']),
        region: rng.pick(['kp', 'balochistan', 'barmal']),
      } as IncidentFacts;
      const since = anchor.at - rng.int(0, 30) * DAY - rng.int(0, DAY);
      const want = await reference(t, i, since);
      if (want !== null) found++;
      expect(await priorInRegion(t.store, i, since), JSON.stringify({ i, since })).toBe(want);
    }
    expect(found).toBeGreaterThan(200);
  });

  it.runIf(testEngine === 'postgres')('asks PostgreSQL at most two statements, however many days it looks back over', async () => {
    // Sparse pairs whose answer lies days back: the day-by-day loop made a round trip per day.
    const rng = new Rng(47);
    let deep = 0;
    // Every statement a pool client sends goes through Query#submit (one per round trip here).
    const submit = pg.Query.prototype.submit;
    for (let k = 0; k < 200; k++) {
      const anchor = rng.pick(rows);
      const i = {
        id: anchor.id,
        occurredAt: anchor.at,
        groupId: rng.pick(['bla', 'iskp']),
        region: rng.pick(['kp', 'balochistan']),
      } as IncidentFacts;
      const since = anchor.at - 40 * DAY;
      const want = await reference(t, i, since);
      // Nothing in the last day: past the recent-day shortcut, into the days of the rollup.
      if (want === null || want >= anchor.at - DAY) continue;
      deep++;
      let sent = 0;
      pg.Query.prototype.submit = function (this: pg.Query, connection: pg.Connection) {
        sent++;
        submit.call(this, connection);
      };
      try {
        expect(await priorInRegion(t.store, i, since)).toBe(want);
      } finally {
        pg.Query.prototype.submit = submit;
      }
      expect(sent).toBeLessThanOrEqual(2);
    }
    expect(deep).toBeGreaterThan(5);
  });

  it('finds a lone earlier incident whose local day is before the UTC day of `since`', async () => {
    // 05:00 UTC is still the previous day in Honolulu; in Karachi the same instant is the same day.
    const at = 20_100 * DAY + 5 * 3_600_000;
    const [id] = await storeIncidents(
      t.store,
      [incidentBody({ sourceId: `lone-${timeZone}`, occurredAt: new Date(at).toISOString(), group: 'etim', ...PLACES[0] })],
      timeZone,
    );
    const i = { id: id + 1000, occurredAt: at + 10 * DAY, groupId: 'etim', region: 'kp' } as IncidentFacts;
    expect(await priorInRegion(t.store, i, 20_100 * DAY + 3_600_000)).toBe(at);
    expect(await reference(t, i, 20_100 * DAY + 3_600_000)).toBe(at);
  });
});
