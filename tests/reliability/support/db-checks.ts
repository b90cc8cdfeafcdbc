import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { checkDatabase } from './temp-db';

/** Opens a database read-only for assertions (the server is down or keeps running). */
export function readDb<T>(path: string, fn: (db: Database.Database) => T): T {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/**
 * integrity_check = ok, no foreign key violations, and every incident was announced exactly once:
 * one `created` outbox event, or (rows inserted by a large CSV import) none and one `import` event
 * of the batch that inserted it (same created_at as its ledger row).
 */
export function expectConsistent(path: string): void {
  const report = checkDatabase(path);
  expect(report.integrity).toEqual(['ok']);
  expect(report.foreignKeyProblems).toBe(0);
  // Per incident: its 'created' events plus the announced import batches of its moment. Counted per
  // key first, then joined: as correlated subqueries this scanned the outbox once per incident
  // (so the check grew with incidents × events, and the long concurrent-writers run outgrew its timeout).
  const orphans = readDb(
    path,
    (db) =>
      db
        .prepare(
          `WITH created AS (SELECT ref_id, count(*) AS n FROM events WHERE type = 'incident' AND action = 'created' GROUP BY ref_id),
           announced AS (SELECT b.created_at, count(*) AS n FROM import_batches b JOIN events e ON e.type = 'import' AND e.ref_id = b.id GROUP BY b.created_at)
         SELECT count(*) FROM incidents i
           LEFT JOIN created c ON c.ref_id = i.id
           LEFT JOIN announced a ON a.created_at = i.created_at AND i.dataset = 'import'
         WHERE coalesce(c.n, 0) + coalesce(a.n, 0) != 1`,
        )
        .pluck()
        .get() as number,
  );
  expect(orphans, 'incidents not announced exactly once (created or import event)').toBe(0);
}
