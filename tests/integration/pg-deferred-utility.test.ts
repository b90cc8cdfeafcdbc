// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { sql } from 'drizzle-orm';
import { execute, rows, transact } from '@/db/engine';
import { deferUtilityStatements, holdStatement } from '@/db/pg/deferred-utility';
import { pgErrorCode } from '@/db/pg/connection';
import { openTestStore, testEngine, type TestStore } from '../support/engine';

/**
 * BEGIN, SAVEPOINT and RELEASE SAVEPOINT go out with the statement after them (db/pg/deferred-
 * utility.ts): fewer round trips, the same transactions. SQLite has no round trips to save.
 */
describe.runIf(testEngine === 'postgres')('deferred transaction statements on PostgreSQL', () => {
  let t: TestStore;
  let client: pg.Client;
  /** Round trips finished on `client` (one ReadyForQuery each). */
  let trips = 0;
  const count = async (fn: () => Promise<unknown>) => {
    const before = trips;
    await fn();
    return trips - before;
  };

  beforeAll(async () => {
    t = await openTestStore();
    await execute(t.store, sql`CREATE TABLE deferred_probe (id integer PRIMARY KEY, label text NOT NULL)`);
    client = new pg.Client({ connectionString: t.target });
    await client.connect();
    deferUtilityStatements(client as unknown as pg.PoolClient);
    (client as unknown as { connection: pg.Connection }).connection.on('readyForQuery', () => trips++);
  });
  afterAll(async () => {
    await client.end();
    await t.close();
  });

  const probe = async (id: number) =>
    (await rows<{ label: string }>(t.store, sql`SELECT label FROM deferred_probe WHERE id = ${id}`)).map((r) => r.label);

  it('sends BEGIN with the first statement and RELEASE with the COMMIT: one round trip fewer each', async () => {
    const insert = { name: 'deferred_probe_insert', text: 'INSERT INTO deferred_probe (id, label) VALUES ($1, $2) RETURNING id' };
    await client.query({ ...insert, values: [1, 'prepared'] }); // parsed on the connection once
    expect(
      await count(async () => {
        await client.query('begin isolation level read committed');
        expect((await client.query({ ...insert, values: [2, 'in a transaction'] })).rows).toEqual([{ id: 2 }]);
        await client.query('SAVEPOINT firing');
        await client.query('INSERT INTO deferred_probe (id, label) VALUES ($1, $2)', [3, 'in a savepoint']);
        await client.query('RELEASE SAVEPOINT firing');
        await client.query('commit');
      }),
    ).toBe(3);
    expect([...(await probe(2)), ...(await probe(3))]).toEqual(['in a transaction', 'in a savepoint']);
  });

  it('sends nothing for a transaction without statements', async () => {
    expect(
      await count(async () => {
        await client.query('begin');
        await client.query('commit');
      }),
    ).toBe(0);
  });

  it('sends a held BEGIN in front of a statement list without parameters (the extended protocol takes one statement)', async () => {
    await transact(t.store, async (tx) => {
      await execute(
        tx,
        sql.raw(
          `INSERT INTO deferred_probe (id, label) VALUES (40, 'first'); INSERT INTO deferred_probe (id, label) VALUES (41, 'second')`,
        ),
      );
    });
    expect([...(await probe(40)), ...(await probe(41))]).toEqual(['first', 'second']);
  });

  it('sends a held BEGIN with a named statement that has no parameters (a named statement is never a simple query)', async () => {
    const total = { name: 'deferred_probe_count', text: 'SELECT count(*)::int AS n FROM deferred_probe' };
    const before = (await client.query<{ n: number }>(total)).rows[0].n; // parsed on the connection once
    expect(
      await count(async () => {
        await client.query('begin');
        expect((await client.query<{ n: number }>(total)).rows).toEqual([{ n: before }]);
        await client.query('commit');
      }),
    ).toBe(2);
  });

  it('sends a held SET LOCAL plan_cache_mode with the next statement, for that transaction only', async () => {
    const mode = { name: 'deferred_probe_mode', text: `SELECT current_setting('plan_cache_mode') AS mode` };
    await client.query(mode); // parsed on the connection once
    expect(
      await count(async () => {
        await client.query('begin');
        await client.query('SET LOCAL plan_cache_mode = force_generic_plan');
        expect((await client.query(mode)).rows).toEqual([{ mode: 'force_generic_plan' }]);
        await client.query('commit');
      }),
    ).toBe(2);
    expect((await client.query(mode)).rows).toEqual([{ mode: 'auto' }]);
  });

  it('sends several held statements as one query before a named statement not parsed on the connection yet', async () => {
    const fresh = { name: `deferred_probe_fresh_${Date.now()}`, text: `SELECT current_setting('plan_cache_mode') AS mode, 1 AS fresh` };
    const queued: unknown[] = [];
    const warn = (w: Error) => queued.push(w);
    process.on('warning', warn);
    try {
      expect(
        await count(async () => {
          await client.query('begin');
          await client.query('SET LOCAL plan_cache_mode = force_generic_plan');
          expect((await client.query(fresh)).rows).toEqual([{ mode: 'force_generic_plan', fresh: 1 }]);
          await client.query('commit');
        }),
      ).toBe(3);
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', warn);
    }
    // node-postgres warns when a query is queued behind another on one client: they went as one.
    expect(queued).toEqual([]);
  });

  it('sends a held statement with parameters in front of the next query: its own result, one round trip', async () => {
    const label = { name: 'deferred_probe_label', text: 'SELECT label FROM deferred_probe WHERE id = $1' };
    await client.query({ ...label, values: [0] }); // parsed on the connection once
    expect(
      await count(async () => {
        await client.query('begin');
        const held = holdStatement(client, 'INSERT INTO deferred_probe (id, label) VALUES ($1, $2) RETURNING id, label', [60, 'held'], {
          wait: true,
        })!;
        // The read runs after the held insert, in the same transaction: it sees the row.
        const read = client.query({ ...label, values: [60] });
        expect((await held).rows).toEqual([{ id: 60, label: 'held' }]);
        expect((await read).rows).toEqual([{ label: 'held' }]);
        await client.query('commit');
      }),
    ).toBe(2);
    expect(await probe(60)).toEqual(['held']);
  });

  it('sends a held statement that something waits for on its own when no query comes to take it', async () => {
    await client.query('begin');
    const held = holdStatement(client, 'INSERT INTO deferred_probe (id, label) VALUES ($1, $2) RETURNING id', [61, 'alone'], {
      wait: true,
    })!;
    expect((await held).rows).toEqual([{ id: 61 }]);
    await client.query('commit');
    expect(await probe(61)).toEqual(['alone']);
  });

  it('sends a held write nothing waits for with the COMMIT; one that fails fails the COMMIT, and a ROLLBACK drops it', async () => {
    expect(
      await count(async () => {
        await client.query('begin');
        void holdStatement(client, 'INSERT INTO deferred_probe (id, label) VALUES ($1, $2)', [62, 'with the commit'], { wait: false });
        await client.query('commit');
      }),
    ).toBe(1);
    expect(await probe(62)).toEqual(['with the commit']);

    await client.query('begin');
    await client.query('INSERT INTO deferred_probe (id, label) VALUES ($1, $2)', [63, 'undone with the failed write']);
    const failing = holdStatement(client, 'INSERT INTO deferred_probe (id, label) VALUES ($1, $2)', [64, null], { wait: false })!;
    await expect(client.query('commit')).rejects.toThrow(/null value/);
    await expect(failing).rejects.toThrow(/null value/);
    await client.query('rollback');
    expect([...(await probe(63)), ...(await probe(64))]).toEqual([]);

    await client.query('begin');
    await client.query('INSERT INTO deferred_probe (id, label) VALUES ($1, $2)', [65, 'rolled back']);
    const dropped = holdStatement(client, 'INSERT INTO deferred_probe (id, label) VALUES ($1, $2)', [66, 'dropped'], { wait: false })!;
    await client.query('rollback');
    await expect(dropped).rejects.toThrow(/dropped/);
    expect([...(await probe(65)), ...(await probe(66))]).toEqual([]);
  });

  it('parses a held named statement in the flight that carries it, once, and binds the next ones to it', async () => {
    const name = `deferred_probe_held_${Date.now()}`;
    const text = 'INSERT INTO deferred_probe (id, label) VALUES ($1, $2) RETURNING label';
    const parsed = (client as unknown as { connection: { parsedStatements: Record<string, string> } }).connection.parsedStatements;
    await client.query('begin');
    // Twice in one flight: the first parses the name, the second only binds to it.
    const first = holdStatement(client, text, [70, 'named'], { name, wait: true })!;
    const second = holdStatement(client, text, [71, 'named again'], { name, wait: true })!;
    expect([(await first).rows, (await second).rows]).toEqual([[{ label: 'named' }], [{ label: 'named again' }]]);
    await client.query('commit');
    expect(parsed[name]).toBe(text);
    const [{ n }] = (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name = $1', [name]))
      .rows;
    expect(n).toBe(1);
    await client.query('begin');
    expect((await holdStatement(client, text, [72, 'bound'], { name, wait: true })!).rows).toEqual([{ label: 'bound' }]);
    await client.query('commit');
    expect(await probe(72)).toEqual(['bound']);
  });

  it('rolls back what followed a deferred BEGIN when the transaction fails', async () => {
    await expect(
      transact(t.store, async (tx) => {
        await execute(tx, sql`INSERT INTO deferred_probe (id, label) VALUES (${10}, ${'rolled back'})`);
        throw new Error('abandoned');
      }),
    ).rejects.toThrow('abandoned');
    expect(await probe(10)).toEqual([]);
  });

  it("reports the error of the statement a BEGIN rode with, and the connection's next transaction works", async () => {
    await client.query('begin');
    await expect(client.query('INSERT INTO deferred_probe (id, label) VALUES ($1, $2)', [20, null])).rejects.toThrow(/null value/);
    await client.query('rollback');
    await client.query('begin');
    await client.query('INSERT INTO deferred_probe (id, label) VALUES ($1, $2)', [21, 'after a failure']);
    await client.query('commit');
    expect(await probe(21)).toEqual(['after a failure']);
  });

  it('undoes a failed statement back to a deferred SAVEPOINT, and the transaction goes on', async () => {
    await transact(t.store, async (tx) => {
      await execute(tx, sql`INSERT INTO deferred_probe (id, label) VALUES (${30}, ${'kept'})`);
      await execute(tx, sql`SAVEPOINT probe_firing`);
      const duplicate = await execute(tx, sql`INSERT INTO deferred_probe (id, label) VALUES (${30}, ${'duplicate'})`).catch(
        (e: unknown) => e,
      );
      expect(pgErrorCode(duplicate)).toBe('23505');
      await execute(tx, sql`ROLLBACK TO SAVEPOINT probe_firing`);
      await execute(tx, sql`INSERT INTO deferred_probe (id, label) VALUES (${31}, ${'after the savepoint'})`);
    });
    expect([...(await probe(30)), ...(await probe(31))]).toEqual(['kept', 'after the savepoint']);
  });

  it('sends a held BEGIN on its own ahead of a COPY, inside the same transaction', async () => {
    const copyRows = async (text: string) => {
      const stream = client.query(copyFrom('COPY deferred_probe (id, label) FROM STDIN'));
      await pipeline(Readable.from([text]), stream);
    };
    // Rolled back: the COPY ran inside the deferred BEGIN's transaction, not on its own.
    expect(
      await count(async () => {
        await client.query('begin');
        await copyRows('50\tcopied then rolled back\n');
        await client.query('rollback');
      }),
    ).toBe(3);
    expect(await probe(50)).toEqual([]);
    // Committed, and a COPY that fails leaves the connection usable for the next transaction.
    await client.query('begin');
    await copyRows('51\tcopied\n');
    await client.query('commit');
    await client.query('begin');
    await expect(copyRows('51\tduplicate\n')).rejects.toThrow(/duplicate key/);
    await client.query('rollback');
    expect(await probe(51)).toEqual(['copied']);
  });
});
