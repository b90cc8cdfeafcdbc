import type { Store } from '@/db/store';
import type { SourceRow } from '@/db/queries/sources';
import { recordPollFailure, recordPollSuccess, renewSourcePoll } from '@/db/services/source-polls';
import { recordAuthFailed } from '@/db/services/acled-sync-writes';
import { log } from '@/server/log.mjs';
import { AcledAuthError } from './acled-auth';
import { AcledHttpError, DEFAULT_ACLED_LIMITS, type AcledLimits } from './acled-http';
import { syncAcled } from './acled-sync';
import { nextPollAfterSuccess, sourceErrorMessage } from './poll-schedule';
import type { PollResult } from './poll-source';

/**
 * The scheduler's poll of an ACLED source (poll-source.ts dispatches here by kind): one sync, then
 * its outcome on the source. Bad credentials stop the source until it is edited; a 429 or 5xx (or
 * a network failure) backs off, honouring Retry-After. Nothing logged here names a secret: the
 * sync's errors carry statuses and field names only.
 */

/** How long one page may take before the lease must have been renewed. */
export const ACLED_LEASE_MS = 15 * 60_000;
const MINUTE = 60_000;
const MAX_WAIT_MS = 24 * 60 * MINUTE;

/**
 * The wait after the `failures`-th failure in a row: Retry-After when the API gave one, else 2, 4,
 * 8 … minutes, never past the source's own interval (a six-hourly sync must not wait twelve hours
 * for a blip) and at most a day.
 */
export function acledRetryMs(failures: number, pollMinutes: number, retryAfter: number | null): number {
  const doubling = 2 ** Math.min(Math.max(failures, 1), 20) * MINUTE;
  const wait = retryAfter ?? Math.min(doubling, Math.max(pollMinutes * MINUTE, 2 * MINUTE));
  return Math.min(Math.max(wait, 1000), MAX_WAIT_MS);
}

export interface AcledPollOptions {
  timeZone: string;
  signal?: AbortSignal;
  clock: () => number;
  limits?: Partial<AcledLimits>;
  pageLimit?: number;
  lease: { until: number };
}

export async function pollAcled(store: Store, row: SourceRow, opts: AcledPollOptions, startedAt: number): Promise<PollResult> {
  const result: PollResult = { fetched: 0, filtered: 0, created: 0, duplicates: 0, errors: [] };
  try {
    const sync = await syncAcled(store, row, {
      timeZone: opts.timeZone,
      limits: { ...DEFAULT_ACLED_LIMITS, ...opts.limits },
      clock: opts.clock,
      signal: opts.signal,
      pageLimit: opts.pageLimit,
      onPage: async () => {
        const until = opts.clock() + ACLED_LEASE_MS;
        if (await renewSourcePoll(store, row.id, opts.lease.until, until)) opts.lease.until = until;
      },
    });
    Object.assign(result, {
      fetched: sync.rows,
      created: sync.inserted,
      duplicates: sync.updated + sync.unchanged,
      errors: sync.skipped.map((s) => ({ item: s.eventId, message: s.message })),
      sync: {
        pages: sync.pages,
        rows: sync.rows,
        inserted: sync.inserted,
        updated: sync.updated,
        unchanged: sync.unchanged,
        deleted: sync.deleted,
      },
    });
    const finishedAt = opts.clock();
    await recordPollSuccess(store, row.id, {
      startedAt,
      finishedAt,
      validators: null,
      newItems: 0, // counted page by page as the rows were committed
      nextFetchAt: (pollMinutes) => nextPollAfterSuccess(finishedAt, pollMinutes),
    });
    log.info({ component: 'intake', sourceId: row.id, kind: 'acled', ...result.sync }, 'ACLED source synced');
  } catch (error) {
    if (opts.signal?.aborted) throw error;
    const finishedAt = opts.clock();
    if (error instanceof AcledAuthError) {
      await recordAuthFailed(store, row.id, startedAt, finishedAt);
      result.errors.push({ message: 'authentication failed' });
      log.warn({ component: 'intake', sourceId: row.id, kind: 'acled' }, 'ACLED refused the credentials; the source waits for an edit');
      return result;
    }
    const message = sourceErrorMessage(error);
    const retryAfter = error instanceof AcledHttpError ? error.retryAfterMs : null;
    await recordPollFailure(store, row.id, {
      startedAt,
      finishedAt,
      message,
      nextFetchAt: (failures, pollMinutes) => finishedAt + acledRetryMs(failures, pollMinutes, retryAfter),
    });
    result.errors.push({ message });
    log.warn({ component: 'intake', sourceId: row.id, kind: 'acled', error: message }, 'ACLED sync failed; backing off');
  }
  return result;
}
