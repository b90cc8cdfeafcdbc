// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { builder, execute, rows, transact } from '@/db/engine';
import { events, incidents } from '@/db/schema';
import type { Store } from '@/db/store';
import { migrateDatabase } from '@/db/migrate';
import { pgStaleTables } from '@/db/planner-stats';
import { incidentIndex } from '@/db/queries/incident-index';
import { compileFilter } from '@/lib/incident-index/compile';
import { countMatching, pageIds } from '@/lib/incident-index/query';
import { openTestStore, testEngine, type TestStore } from '../support/engine';

/**
 * What a start-up on a large database relies on (instrumentation.ts): on PostgreSQL the incident
 * index loads in the background while requests are already served, and a restart refreshes the
 * planner statistics of the tables that need it only, not the whole database.
 */
let t: TestStore;
let store: Store;

const DAY = 20_000;
const row = (i: number) => ({
  source: 'startup',
  sourceId: `s-${i}`,
  occurredAt: (DAY + (i % 30)) * 86_400_000 + i * 1000,
  occurredDay: DAY + (i % 30),
  country: 'PK',
  lat: 33,
  lon: 70,
  region: 'kp',
  eventType: 'Battles',
  subEventType: 'Armed clash',
  groupId: 'ttp',
  createdAt: 0,
  updatedAt: 0,
});

/** Rows and their outbox rows in one transaction, as the writers do. */
async function insertRows(from: number, n: number): Promise<number[]> {
  return transact(store, async (tx) => {
    const values = Array.from({ length: n }, (_, k) => row(from + k));
    const ids = (await builder(tx).insert(incidents).values(values).returning({ id: incidents.id })).map((r) => r.id);
    await builder(tx)
      .insert(events)
      .values(ids.map((refId) => ({ type: 'incident' as const, refId, action: 'created', createdAt: 0 })));
    return ids;
  });
}

beforeAll(async () => {
  t = await openTestStore();
  store = t.store;
  await insertRows(0, 200);
});
afterAll(() => t.close());

describe(`start-up reads on ${testEngine}`, () => {
  it('a read while the first index load is still running waits for it and sees a row written meanwhile', async () => {
    // The start-up load, not awaited (PostgreSQL: instrumentation.ts runs it in the background).
    const loading = incidentIndex(store);
    const [late] = await insertRows(1000, 1);
    const index = await incidentIndex(store);
    expect(index.size).toBe(201);
    const all = compileFilter({}, index.combos, null);
    expect(countMatching(index, all)).toBe(201);
    expect(pageIds(index, all, 500, null)).toContain(late);
    // The background load itself finished with a complete index of its own snapshot.
    expect([200, 201]).toContain((await loading).size);
    // And it left the cache current: the next read is the same index.
    expect(await incidentIndex(store)).toBe(index);
  });

  it.skipIf(testEngine !== 'postgres')('PostgreSQL: a restart analyzes the tables without statistics, not the whole database', async () => {
    const analyzed = async (table: string) =>
      Number(
        (
          await rows<{ n: number | null }>(
            store,
            sql`SELECT analyze_count AS n FROM pg_stat_user_tables WHERE relname = ${table} AND schemaname = current_schema()`,
          )
        )[0]?.n ?? 0,
      );
    // alert_rules: analyzed (empty) when the new database was migrated, untouched since.
    const before = await analyzed('alert_rules');
    expect(before).toBeGreaterThan(0);
    // A table nobody analyzed yet (reltuples -1), as a bulk load leaves one.
    await execute(store, sql`CREATE TABLE startup_probe (id integer)`);
    await execute(store, sql`INSERT INTO startup_probe SELECT generate_series(1, 100)`);
    const stale = await pgStaleTables(store);
    expect(stale).toContain('startup_probe');
    expect(stale).not.toContain('alert_rules');

    await migrateDatabase(store, { reportTimeZone: 'Asia/Karachi' }); // what every start-up runs
    expect(await pgStaleTables(store)).not.toContain('startup_probe');
    expect(await analyzed('startup_probe')).toBe(1);
    expect(await analyzed('alert_rules')).toBe(before);
    await execute(store, sql`DROP TABLE startup_probe`);
  });

  it('migrating an up-to-date database again changes no rows and leaves the index current', async () => {
    const index = await incidentIndex(store);
    await migrateDatabase(store, { reportTimeZone: 'Asia/Karachi' });
    expect(await incidentIndex(store)).toBe(index);
    expect(Number((await rows<{ n: number }>(store, sql`SELECT count(*) AS n FROM incidents`))[0].n)).toBe(201);
  });
});
