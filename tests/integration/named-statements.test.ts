// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { execute, rows, transact } from '@/db/engine';
import { executePrepared, statementName } from '@/db/pg/named-statements';
import { writeIncident } from '@/db/services/incident-writes';
import { incidentInputSchema } from '@/lib/incidents/input';
import { incidentBody } from '../support/api-factory';
import { openTestStore, testEngine, type TestStore } from '../support/engine';

/**
 * Named statements of the write path (db/pg/named-statements.ts): a text gets a name only once it
 * repeats, keeps it, and a named statement answers what the unnamed one answers, on the same
 * connection again and again (prepared once there). SQLite has no use for them: its hot paths keep
 * prepared statements of their own.
 */
describe('statement names', () => {
  it('are given to a text from its third use on, and stay the same', () => {
    const text = `SELECT ${Math.random()} AS probe`;
    expect(statementName(text)).toBeUndefined();
    expect(statementName(text)).toBeUndefined();
    const name = statementName(text);
    expect(name).toMatch(/^fw_[\w-]{24}$/);
    expect(statementName(text)).toBe(name);
    expect(statementName(`${text} `)).toBeUndefined();
  });
});

describe.runIf(testEngine === 'postgres')('named statements on PostgreSQL', () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore();
    await execute(t.store, sql`CREATE TABLE named_probe (id integer PRIMARY KEY, n bigint, label text)`);
    await execute(t.store, sql`INSERT INTO named_probe SELECT g, g * 1000000000000, 'row ' || g FROM generate_series(1, 20) g`);
  });
  afterAll(() => t.close());

  it('answer what the unnamed statement answers, prepared once per connection', async () => {
    const query = (lo: number) => sql`SELECT id, n, label FROM named_probe WHERE id > ${lo} ORDER BY n DESC LIMIT ${3}`;
    const seen = await transact(t.store, async (tx) => {
      const got: unknown[][] = [];
      for (let lo = 10; lo < 16; lo++) {
        const { rows: named } = await executePrepared(tx, query(lo));
        expect(named).toEqual(await rows(tx, query(lo)));
        got.push(named);
      }
      const prepared = await rows<{ name: string }>(tx, sql`SELECT name FROM pg_prepared_statements WHERE name LIKE 'fw\\_%'`);
      return { got, prepared: prepared.map((p) => p.name) };
    });
    expect(seen.got[0]).toEqual([
      { id: 20, n: 20_000_000_000_000, label: 'row 20' },
      { id: 19, n: 19_000_000_000_000, label: 'row 19' },
      { id: 18, n: 18_000_000_000_000, label: 'row 18' },
    ]);
    expect(seen.prepared.length).toBeGreaterThanOrEqual(1);
  });

  it("are planned generically for the rest of a POST's transaction only (its batched alert reads are never re-planned)", async () => {
    const mode = async (on: typeof t.store) =>
      (await rows<{ mode: string }>(on, sql`SELECT current_setting('plan_cache_mode') AS mode`))[0].mode;
    const input = incidentInputSchema.parse(incidentBody({ sourceId: 'generic-plans' }));
    const inside = await transact(t.store, async (tx) => {
      await writeIncident(tx, input, { timeZone: 'UTC' });
      return mode(tx);
    });
    expect(inside).toBe('force_generic_plan');
    expect(await mode(t.store)).toBe('auto');
  });

  it('leave a statement that failed to parse unnamed on the connection, and report its error', async () => {
    const bad = sql`SELECT no_such_column FROM named_probe WHERE id = ${1}`;
    for (let i = 0; i < 4; i++) {
      await expect(transact(t.store, (tx) => executePrepared(tx, bad))).rejects.toThrow(/no_such_column/);
    }
    const [{ total }] = await rows<{ total: number }>(t.store, sql`SELECT count(*) AS total FROM named_probe`);
    expect(total).toBe(20);
  });
});
