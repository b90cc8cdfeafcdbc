// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { execute, rows, transact } from '@/db/engine';
import { batchedWriteOf, batchingReads, settleBatchedWrites } from '@/db/pg/read-batch';
import { openTestStore, type TestStore } from '../support/engine';

/**
 * Reads issued together through a batching view (db/pg/read-batch.ts: one statement on
 * PostgreSQL) answer exactly what each answers alone, in its own order, inside the transaction.
 */
describe('batched reads', () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore();
    await execute(t.store, sql`CREATE TABLE batch_probe (id integer PRIMARY KEY, n bigint, label text)`);
    await transact(t.store, async (tx) => {
      for (let id = 1; id <= 20; id++)
        await execute(tx, sql`INSERT INTO batch_probe VALUES (${id}, ${id * 1_000_000_000_000}, ${`row ${id}`})`);
    });
  });
  afterAll(() => t.close());

  const reads = [
    sql`SELECT id, n, label FROM batch_probe WHERE id > ${3} ORDER BY n DESC LIMIT ${5}`,
    sql`SELECT count(*) AS total FROM batch_probe WHERE label LIKE ${'row 1%'}`,
    sql`SELECT id FROM batch_probe WHERE id > ${100}`,
    sql`SELECT id, label FROM batch_probe WHERE id BETWEEN ${7} AND ${9} ORDER BY id`,
  ];

  it('answers every read as it answers alone, with its rows in its order', async () => {
    const alone = await Promise.all(reads.map((q) => rows(t.store, q)));
    const together = await transact(t.store, (tx) => {
      const view = batchingReads(tx);
      return Promise.all(reads.map((q) => rows(view, q)));
    });
    expect(together).toEqual(alone);
    expect(together[0].map((r) => (r as { id: number }).id)).toEqual([20, 19, 18, 17, 16]);
    expect(together[2]).toEqual([]);
  });

  it('sees the transaction’s own uncommitted writes, and other calls pass through to it', async () => {
    await expect(
      transact(t.store, async (tx) => {
        const view = batchingReads(tx);
        await execute(view, sql`INSERT INTO batch_probe VALUES (${99}, ${1}, ${'mine'})`);
        const [mine, total] = await Promise.all([
          rows(view, sql`SELECT label FROM batch_probe WHERE id = ${99}`),
          rows<{ n: number }>(view, sql`SELECT count(*) AS n FROM batch_probe`),
        ]);
        expect(mine).toEqual([{ label: 'mine' }]);
        expect(Number(total[0].n)).toBe(21);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await rows(t.store, sql`SELECT id FROM batch_probe WHERE id = ${99}`)).toEqual([]);
  });

  it('fails every read of a batch when one of them fails', async () => {
    const outcome = transact(t.store, (tx) => {
      const view = batchingReads(tx);
      return Promise.all([
        rows(view, sql`SELECT id FROM batch_probe WHERE id = ${1}`),
        rows(view, sql`SELECT no_such_column FROM batch_probe`),
      ]);
    });
    await expect(outcome).rejects.toThrow();
  });

  // PostgreSQL holds the write and sends it in front of the transaction's next query
  // (db/pg/deferred-utility.ts), so the reads after it see it, as on SQLite, where it runs at once.
  it('sends a queued write in front of the next reads, which see it, and settles it before a savepoint', async () => {
    const [before, after] = await transact(t.store, async (tx) => {
      const view = batchingReads(tx);
      const write = batchedWriteOf(view);
      const insert = sql`INSERT INTO batch_probe VALUES (${50}, ${5}, ${'queued'})`;
      // SQLite: no batching view, the write runs at once.
      const queued = write ? write(insert) : execute(view, insert);
      const seen = rows(view, sql`SELECT id FROM batch_probe WHERE id = ${50}`);
      await settleBatchedWrites(view);
      await queued;
      return [await seen, await rows(view, sql`SELECT label FROM batch_probe WHERE id = ${50}`)];
    });
    expect(before).toEqual([{ id: 50 }]);
    expect(after).toEqual([{ label: 'queued' }]);
  });
});
