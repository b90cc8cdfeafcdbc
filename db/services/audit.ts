import type { Db, Store } from '@/db/connection';
import { sql } from 'drizzle-orm';
import { builder } from '@/db/engine';
import { auditLog } from '@/db/schema';
import { preparedFor } from '@/db/prepared';
import { batchedWriteOf } from '@/db/pg/read-batch';

/** A transaction handle as drizzle passes it to `db.transaction(tx => …)`. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface AuditEntry {
  /** `principal.id`: `user:3`, `token:7`, `system`, `cli`. */
  actor: string;
  /** Verb in kebab-case: `create`, `update`, `delete`, `import`, `acknowledge`, `revoke`, `change-role`, … */
  action: string;
  /** Singular entity name: `incident`, `rule`, `alert`, `user`, `token`, `site`, `import`, `session`. */
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  at?: number;
}

const MAX_JSON = 64 * 1024;

function toJson(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const text = JSON.stringify(value);
  // An audit row must never make the write fail: oversized snapshots are kept truncated and marked so.
  return text.length > MAX_JSON ? JSON.stringify({ truncated: true, head: text.slice(0, MAX_JSON) }) : text;
}

/** The row an entry becomes: bounded text, snapshots as JSON. */
function auditRow(entry: AuditEntry) {
  return {
    at: entry.at ?? Date.now(),
    actor: entry.actor.slice(0, 200),
    action: entry.action.slice(0, 100),
    entity: entry.entity.slice(0, 100),
    entityId: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId).slice(0, 200),
    before: toJson(entry.before),
    after: toJson(entry.after),
  };
}

/**
 * Records who did what in the caller's transaction (the `tx` of transact(), db/engine.ts), so the
 * audit row commits or rolls back with the write it describes. Either engine.
 */
export async function audit(tx: Store, entry: AuditEntry): Promise<void> {
  const insert = builder(tx).insert(auditLog).values(auditRow(entry));
  // Through a batching view (PostgreSQL, db/pg/read-batch.ts) it rides along with the next reads.
  const batched = batchedWriteOf(tx);
  await (batched ? batched(insert.getSQL()) : insert);
}

/**
 * recordAudit for synchronous SQLite transaction bodies (better-sqlite3's own transactions on the
 * hot write paths), with the insert prepared once per handle.
 */
export function recordAudit(tx: Db | Tx, entry: AuditEntry): void {
  preparedFor(inserts, tx, () => buildInsert(tx)).run(auditRow(entry));
}

const p = (name: string) => sql.placeholder(name);
function buildInsert(tx: Db | Tx) {
  return tx
    .insert(auditLog)
    .values({
      at: p('at'),
      actor: p('actor'),
      action: p('action'),
      entity: p('entity'),
      entityId: p('entityId'),
      before: p('before'),
      after: p('after'),
    })
    .prepare();
}
const inserts = new WeakMap<Db | Tx, ReturnType<typeof buildInsert>>();
