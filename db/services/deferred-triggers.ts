import type Database from 'better-sqlite3';
import { insertTriggerAsBulk } from '@/db/trigger-bulk-sql';
import { timePhase } from './import-phases';

interface Deferred {
  name: string;
  createSql: string;
  /** The set-based pass; null for a trigger the caller applies itself. */
  bulk: Database.Statement | null;
}

/**
 * Inside the caller's transaction, drops the AFTER INSERT row triggers of `table` that can run as
 * one set-based statement (FTS5 entries and the day rollup: per row, the FTS insert alone was a
 * large share of a row's cost). `catchUp` runs each of them once over the rows inserted since the last catch-up (at
 * first: since the call); `apply` catches up a last time and re-creates the triggers from the
 * exact SQL stored in the schema. All of it belongs to one transaction: other connections never
 * see the triggers missing, and a rollback restores them. Ids must be AUTOINCREMENT so every row
 * inserted meanwhile has a larger id than every row before it. Triggers named in `own` are
 * dropped and re-created the same way but never run: the caller keeps their tables itself.
 */
export function deferInsertTriggers(
  client: Database.Database,
  table: string,
  own: ReadonlySet<string> = new Set(),
): { catchUp(): void; apply(): void } {
  if (!client.inTransaction) throw new Error('deferInsertTriggers must run inside a write transaction');
  const maxId = client.prepare(`SELECT coalesce(max(id), 0) FROM \`${table}\``).pluck();
  let applied = maxId.get() as number;
  const rows = client.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ? ORDER BY name`).all(table) as {
    name: string;
    sql: string;
  }[];
  const deferred: Deferred[] = [];
  for (const { name, sql } of rows) {
    // An owned trigger is dropped whatever its shape: it must not also fire per row.
    if (own.has(name)) {
      deferred.push({ name, createSql: sql, bulk: null });
      continue;
    }
    const bulkSql = insertTriggerAsBulk(sql, table);
    if (!bulkSql) continue;
    deferred.push({ name, createSql: sql, bulk: client.prepare(bulkSql) });
  }
  for (const d of deferred) client.prepare(`DROP TRIGGER \`${d.name}\``).run();
  const catchUp = () => {
    const upTo = maxId.get() as number;
    if (upTo === applied) return;
    for (const { name, bulk } of deferred) if (bulk) timePhase(`trigger pass ${name}`, () => bulk.run(applied));
    applied = upTo;
  };
  return {
    catchUp,
    apply() {
      catchUp();
      for (const d of deferred) client.exec(d.createSql);
    },
  };
}
