import type { Db } from '@/db/connection';
import type { WriteResult } from './ingest';

export interface AfterIngestContext {
  now: number;
  /** 'api' | 'import' | 'seed' | 'simulate' */
  via: string;
}

/**
 * Called by every ingest path (API, CSV import, seed) inside the write transaction, after
 * rows are written. Alert evaluation hooks in here so no path can skip it.
 */
export function afterIngest(_tx: Db, _result: WriteResult, _ctx: AfterIngestContext): void {}
