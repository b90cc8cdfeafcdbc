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
  const orphans = readDb(path, (db) =>
    db
      .prepare(
        `SELECT count(*) FROM incidents i WHERE (SELECT count(*) FROM events e WHERE e.type = 'incident' AND e.action = 'created' AND e.ref_id = i.id)
           + (SELECT count(*) FROM import_batches b JOIN events e ON e.type = 'import' AND e.ref_id = b.id WHERE b.created_at = i.created_at AND i.dataset = 'import') != 1`,
      )
      .pluck()
      .get() as number,
  );
  expect(orphans, 'incidents not announced exactly once (created or import event)').toBe(0);
}
