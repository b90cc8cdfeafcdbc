import type { Store } from '@/db/store';
import { findSourceRow, getSourceRow, parseKeywords, type SourceRow } from '@/db/queries/sources';
import { claimSourcePoll, recordPollFailure, recordPollSuccess, releaseSourcePoll } from '@/db/services/source-polls';
import { processSingleton } from '@/lib/registry';
import { log } from '@/server/log.mjs';
import { DEFAULT_FEED_LIMITS, fetchFeed, type FeedItem, type FeedLimits } from './feed';
import { ingestReports, type IncomingReport } from './ingest-reports';
import { matchesKeywords, toIncomingReport } from './poll-items';
import { pollAcled } from './acled-poll';
import { nextPollAfterFailure, nextPollAfterSuccess, sourceErrorMessage } from './poll-schedule';

/** What one poll did: the answer of POST /api/sources/{id}/fetch. */
export interface PollResult {
  /** Items the feed returned that passed the source's keywords (0 on a 304 or a failure). */
  fetched: number;
  /** Items the keywords left out. */
  filtered: number;
  created: number;
  /** Items already stored (fetched before, or found first in another feed). */
  duplicates: number;
  /** A failure of the whole feed (no `item`), or of single items (`item` = its identity). */
  errors: { item?: string; message: string }[];
  /** ACLED sources: what the sync did (rows are counted in fetched/created/duplicates too). */
  sync?: { pages: number; rows: number; inserted: number; updated: number; unchanged: number; deleted: number };
}

export type PollOutcome = { status: 'done'; result: PollResult } | { status: 'busy' };

export interface PollOptions {
  timeZone: string;
  limits?: Partial<FeedLimits>;
  /** ACLED sources: rows per page (tests use small pages; ACLED's maximum by default). */
  acledPageLimit?: number;
  signal?: AbortSignal;
  clock?: () => number;
}

/** Sources being polled by this process: the cheap guard before the database lease. */
const inFlight = () => processSingleton('intakePollsInFlight', () => new Set<number>());

/**
 * One poll of one source: conditional GET, keyword filter, every new item extracted and stored,
 * then the outcome written to the source (validators, counts, next poll, or the error and the
 * back-off). `busy` when this or another process is already polling it. Never throws for what the
 * feed did: a hostile or broken feed is an error on the source.
 */
export async function pollSource(store: Store, id: number, opts: PollOptions): Promise<PollOutcome> {
  const clock = opts.clock ?? Date.now;
  await getSourceRow(store, id); // 404 before anything else
  const limits = { ...DEFAULT_FEED_LIMITS, ...opts.limits };
  if (inFlight().has(id)) return { status: 'busy' };
  const startedAt = clock();
  // Long enough for the fetch and the extraction; a process that dies mid-poll holds it no longer.
  // An ACLED sync renews its lease after every page (acled-poll.ts).
  const lease = { until: startedAt + limits.timeoutMs + 10 * 60_000 };
  if (!(await claimSourcePoll(store, id, startedAt, lease.until))) return { status: 'busy' };
  inFlight().add(id);
  try {
    // Read under the lease: the validators and interval another process's poll just stored.
    const row = await findSourceRow(store, id);
    if (!row)
      return {
        status: 'done',
        result: { fetched: 0, filtered: 0, created: 0, duplicates: 0, errors: [{ message: 'the source was deleted' }] },
      };
    if (row.kind === 'acled')
      return {
        status: 'done',
        result: await pollAcled(
          store,
          row,
          { timeZone: opts.timeZone, signal: opts.signal, clock, pageLimit: opts.acledPageLimit, lease },
          startedAt,
        ),
      };
    return { status: 'done', result: await pollClaimed(store, row, limits, opts, startedAt, clock) };
  } finally {
    inFlight().delete(id);
    try {
      await releaseSourcePoll(store, id, lease.until);
    } catch (err) {
      // The store closed under a stopping poll: the lease expires on its own.
      log.warn({ component: 'intake', sourceId: id, err }, 'poll lease not released');
    }
  }
}

async function pollClaimed(
  store: Store,
  row: SourceRow,
  limits: FeedLimits,
  opts: PollOptions,
  startedAt: number,
  clock: () => number,
): Promise<PollResult> {
  const result: PollResult = { fetched: 0, filtered: 0, created: 0, duplicates: 0, errors: [] };
  try {
    const feed = await fetchFeed(row.url, { etag: row.etag, lastModified: row.lastModified, limits, signal: opts.signal });
    if (feed.status === 'ok') await ingestItems(store, row, feed.items, opts.timeZone, clock(), result);
    const finishedAt = clock();
    await recordPollSuccess(store, row.id, {
      startedAt,
      finishedAt,
      validators: feed.status === 'ok' ? { etag: feed.etag, lastModified: feed.lastModified } : null,
      newItems: result.created,
      nextFetchAt: (pollMinutes) => nextPollAfterSuccess(finishedAt, pollMinutes),
    });
    log.info({ component: 'intake', sourceId: row.id, status: feed.status, ...counts(result) }, 'source polled');
  } catch (error) {
    // Stopped by our own caller (the server shutting down): not the feed's fault, no back-off.
    if (opts.signal?.aborted) throw error;
    const message = sourceErrorMessage(error);
    const finishedAt = clock();
    await recordPollFailure(store, row.id, {
      startedAt,
      finishedAt,
      message,
      nextFetchAt: (failures, pollMinutes) => nextPollAfterFailure(finishedAt, pollMinutes, failures),
    });
    result.errors.push({ message });
    log.warn({ component: 'intake', sourceId: row.id, error: message }, 'source poll failed');
  }
  return result;
}

const counts = ({ fetched, filtered, created, duplicates, errors }: PollResult) => ({
  fetched,
  filtered,
  created,
  duplicates,
  itemErrors: errors.length,
});

async function ingestItems(
  store: Store,
  row: SourceRow,
  items: FeedItem[],
  timeZone: string,
  now: number,
  result: PollResult,
): Promise<void> {
  const keywords = parseKeywords(row.keywords);
  const incoming: IncomingReport[] = [];
  for (const item of items) {
    if (!matchesKeywords(item, keywords)) {
      result.filtered++;
      continue;
    }
    result.fetched++;
    const report = toIncomingReport(item, row);
    if ('error' in report) result.errors.push({ item: item.id, message: report.error });
    else incoming.push(report);
  }
  if (!incoming.length) return;
  try {
    tally(result, await ingestReports(store, incoming, { timeZone, now }));
  } catch {
    // One item the extraction or the store cannot take must not cost the others: retry one by one.
    for (const report of incoming) {
      try {
        tally(result, await ingestReports(store, [report], { timeZone, now }));
      } catch (error) {
        result.errors.push({ item: report.itemKey ?? undefined, message: sourceErrorMessage(error) });
      }
    }
  }
}

function tally(result: PollResult, stored: { created: number[]; duplicates: number }): void {
  result.created += stored.created.length;
  result.duplicates += stored.duplicates;
}
