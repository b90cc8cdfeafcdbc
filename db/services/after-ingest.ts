import { sqlOf, type Db } from '@/db/connection';
import { engineOf } from '@/db/engine';
import type { Store } from '@/db/store';
import { env } from '@/lib/env';
import { evaluateInserted, evaluateInsertedSqlite, type KnownReads } from './alert-engine';
import type { WriteResult } from './incident-content';

export interface AfterIngestContext {
  now: number;
  /** 'api' | 'import' | 'seed' | 'simulate' */
  via: string;
  /** PostgreSQL: what the write read already (alert-engine.ts, KnownReads). */
  known?: KnownReads;
}

/**
 * Called by every ingest path (API, CSV import, seed) inside the write transaction, after
 * rows are written. Alert evaluation hooks in here so no path can skip it. Only newly
 * inserted incidents fire (updates and re-imports never re-fire); alerts, their incident
 * links, outbox rows and queued webhook deliveries commit with the incidents.
 */
export async function afterIngest(tx: Store, result: WriteResult, ctx: AfterIngestContext): Promise<void> {
  if (result.insertedIds.length === 0) return;
  // SQLite evaluates synchronously on the connection (its cached statements, no promise per read).
  if (engineOf(tx) === 'sqlite') return afterIngestSync(sqlOf(tx), result, ctx);
  await evaluateInserted(tx, result.insertedIds, { now: ctx.now, horizonHours: env().ALERT_HORIZON_HOURS, known: ctx.known });
}

/** afterIngest for synchronous SQLite transaction bodies (group commit, the CSV import's writer). */
export function afterIngestSync(tx: Db, result: WriteResult, ctx: AfterIngestContext): void {
  if (result.insertedIds.length === 0) return;
  evaluateInsertedSqlite(tx, result.insertedIds, { now: ctx.now, horizonHours: env().ALERT_HORIZON_HOURS });
}
