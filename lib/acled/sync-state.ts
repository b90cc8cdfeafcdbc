import { z } from 'zod';

/**
 * Where an ACLED source's sync stands, stored as JSON on the source row and written in the same
 * transaction as each page's incidents: after a crash (even kill -9) the next sync asks for exactly
 * the page after the last one committed. Countries are read one at a time, so the cursor is
 * (country index, page); the query's bounds (`to` for the backfill, `after` for a delta) stay fixed
 * for the whole pass, so the pages do not shift under the cursor as rows are stored.
 */

export const SYNC_PHASES = ['backfill', 'delta'] as const;
export type SyncPhase = (typeof SYNC_PHASES)[number];

const count = z.number().int().min(0);
const epochSeconds = z.number().int().min(0).nullable();

export const syncStateSchema = z.object({
  phase: z.enum(SYNC_PHASES),
  /** Index into the source's countries of the country being read. */
  country: count,
  /** The next page to ask for (1-based). */
  page: z.number().int().min(1),
  /** The last event date read (fixed when the pass starts). */
  to: z.string().nullable(),
  /**
   * Delta: rows modified after this ACLED `timestamp` (fixed when the pass starts). Backfill: the
   * epoch second it began (its delta starts no later, as rows may change while it runs).
   */
  after: epochSeconds,
  /** Progress over the source's life: pages read and rows stored. */
  pages: count,
  rows: count,
  /** Rows ACLED sent that the import's rules refused (kept out; the last reason below). */
  skipped: count,
  lastSkip: z.string().nullable(),
  /** Incidents removed because ACLED deleted them. */
  deleted: count,
  /** The newest `timestamp` among committed rows: the next delta starts after it. */
  lastTimestamp: epochSeconds,
  /** The newest `deleted_timestamp` applied. */
  lastDeletedTimestamp: epochSeconds,
});
export type SyncState = z.infer<typeof syncStateSchema>;

/** A new source's state: backfill from the first country's first page. */
export function initialSyncState(): SyncState {
  return {
    phase: 'backfill',
    country: 0,
    page: 1,
    to: null,
    after: null,
    pages: 0,
    rows: 0,
    skipped: 0,
    lastSkip: null,
    deleted: 0,
    lastTimestamp: null,
    lastDeletedTimestamp: null,
  };
}

/** The stored JSON, or a fresh state when there is none or it is unreadable (the sync then starts over, idempotently). */
export function parseSyncState(json: string | null): SyncState {
  if (!json) return initialSyncState();
  try {
    const parsed = syncStateSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : initialSyncState();
  } catch {
    return initialSyncState();
  }
}

/** What the API shows of it (GET /api/sources). */
export interface SyncView {
  phase: SyncPhase;
  /** The country being read, null between passes. */
  country: string | null;
  page: number;
  pages: number;
  rows: number;
  skipped: number;
  lastSkip: string | null;
  deleted: number;
  lastTimestamp: string | null;
  lastDeletedTimestamp: string | null;
}

const isoSeconds = (s: number | null) => (s === null ? null : new Date(s * 1000).toISOString());

export function syncView(state: SyncState, countries: readonly string[]): SyncView {
  const passing = state.phase === 'backfill' || state.page > 1 || state.country > 0;
  return {
    phase: state.phase,
    country: passing ? (countries[state.country] ?? null) : null,
    page: state.page,
    pages: state.pages,
    rows: state.rows,
    skipped: state.skipped,
    lastSkip: state.lastSkip,
    deleted: state.deleted,
    lastTimestamp: isoSeconds(state.lastTimestamp),
    lastDeletedTimestamp: isoSeconds(state.lastDeletedTimestamp),
  };
}
