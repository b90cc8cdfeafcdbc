import type { Db } from '@/db/connection';
import { env } from '@/lib/env';
import { evaluateInsertedSqlite } from './alert-engine';
import type { WriteResult } from './ingest';

export interface AfterIngestContext {
  now: number;
  /** 'api' | 'import' | 'seed' | 'simulate' */
  via: string;
}

/**
 * Called by every ingest path (API, CSV import, seed) inside the write transaction, after
 * rows are written. Alert evaluation hooks in here so no path can skip it. Only newly
 * inserted incidents fire (updates and re-imports never re-fire); alerts, their incident
 * links, outbox rows and queued webhook deliveries commit with the incidents.
 */
export function afterIngest(tx: Db, result: WriteResult, ctx: AfterIngestContext): void {
  if (result.insertedIds.length === 0) return;
  evaluateInsertedSqlite(tx, result.insertedIds, { now: ctx.now, horizonHours: env().ALERT_HORIZON_HOURS });
}
