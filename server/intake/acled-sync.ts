import { createHash } from 'node:crypto';
import type { Store } from '@/db/store';
import type { SourceRow } from '@/db/queries/sources';
import { importGroupMatcher } from '@/db/services/import-groups';
import { archiveDeletedEvents, saveSyncState, writeAcledPage } from '@/db/services/acled-sync-writes';
import { ACLED_PAGE_LIMIT, deletedRows, deletedUrl, readRows, readUrl } from '@/lib/acled/api';
import { validatePage } from '@/lib/acled/api-page';
import { parseSyncState, type SyncState } from '@/lib/acled/sync-state';
import { parseKeywords } from '@/db/queries/sources';
import { openSecret } from '@/db/secrets/seal';
import { SECRET_LABELS, secretsKey } from '@/db/secrets/key';
import { log } from '@/server/log.mjs';
import { AcledSession } from './acled-auth';
import type { AcledLimits } from './acled-http';

/**
 * One sync of an ACLED source (docs/intake.md, "ACLED API sync"): the backfill from `since` (first
 * sync) or the delta since the newest stored `timestamp`, one country at a time, page after page
 * until a page holds fewer rows than the limit, each page committed with the cursor; then ACLED's
 * deletions since the last one applied. Throws on any failure; poll-source.ts turns that into the
 * source's error and back-off, and AcledAuthError into "authentication failed".
 */

export interface AcledSyncOptions {
  timeZone: string;
  limits: AcledLimits;
  clock: () => number;
  signal?: AbortSignal;
  /** Rows per page (tests use small pages); ACLED's maximum by default. */
  pageLimit?: number;
  /** Called after each committed page (the lease is renewed there). */
  onPage?: (state: SyncState) => Promise<void>;
}

export interface AcledSyncResult {
  pages: number;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  skipped: { eventId: string; message: string }[];
  deleted: number;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const seconds = (ms: number) => Math.floor(ms / 1000);

export class AcledConfigError extends Error {
  override readonly name = 'AcledConfigError';
}

export async function syncAcled(store: Store, row: SourceRow, opts: AcledSyncOptions): Promise<AcledSyncResult> {
  const key = secretsKey();
  if (!key) throw new AcledConfigError('SECRETS_KEY is not set on the server: the stored password cannot be opened');
  if (!row.passwordSealed || !row.email) throw new AcledConfigError('the source has no email or password');
  const password = openSecret(row.passwordSealed, key, SECRET_LABELS.password);
  const session = new AcledSession(
    store,
    { sourceId: row.id, url: row.url, email: row.email, password, key, tokenSealed: row.tokenSealed },
    opts.limits,
    opts.clock,
    opts.signal,
  );
  const countries = parseKeywords(row.countries ?? '[]');
  const since = row.since ?? '2017-01-01';
  const limit = opts.pageLimit ?? ACLED_PAGE_LIMIT;
  const result: AcledSyncResult = { pages: 0, rows: 0, inserted: 0, updated: 0, unchanged: 0, skipped: [], deleted: 0 };
  let state = parseSyncState(row.syncState);
  // The pass's bounds are fixed when it starts and committed with its first page.
  if (state.phase === 'backfill' && state.to === null) state = { ...state, to: day(opts.clock()), after: seconds(opts.clock()) };
  if (state.phase === 'delta' && state.after === null) state = { ...state, to: day(opts.clock()), after: state.lastTimestamp ?? 0 };
  let carry: Record<string, string> | null = null;
  const pageUrl = (s: SyncState) =>
    readUrl(row.url, {
      country: countries[s.country],
      from: since,
      to: s.to ?? day(opts.clock()),
      after: s.phase === 'delta' ? s.after : null,
      page: s.page,
      limit,
    });
  // The next page is asked for while this one is written (the API's time and ours overlap); a
  // failure of that read surfaces when it is awaited, after this page has committed.
  let ahead: Promise<unknown> | null = null;

  while (state.country < countries.length) {
    const country = countries[state.country];
    const answer = ahead ?? session.get(pageUrl(state));
    ahead = null;
    const records = readRows(await answer);
    const verdict = validatePage(records, carry, await importGroupMatcher(store), opts.timeZone);
    const last = records.length < limit;
    if (!last) {
      ahead = session.get(pageUrl({ ...state, page: state.page + 1 }));
      // Awaited on the next turn of the loop; until then a rejection must not count as unhandled.
      ahead.catch(() => {});
    }
    const newest = Math.max(state.lastTimestamp ?? 0, verdict.maxTimestamp ?? 0) || null;
    const next: SyncState = {
      ...state,
      country: last ? state.country + 1 : state.country,
      page: last ? 1 : state.page + 1,
      pages: state.pages + 1,
      rows: state.rows + records.length,
      skipped: state.skipped + verdict.skipped.length,
      lastSkip: verdict.skipped.at(-1) ? `${verdict.skipped.at(-1)!.eventId}: ${verdict.skipped.at(-1)!.message}` : state.lastSkip,
      lastTimestamp: newest,
    };
    if (verdict.rows.length) {
      const report = await writeAcledPage(store, {
        sourceId: row.id,
        rows: verdict.rows,
        state: next,
        label: `ACLED ${country} page ${state.page}`,
        checksum: createHash('sha256').update(JSON.stringify(records)).digest('hex'),
        timeZone: opts.timeZone,
        now: opts.clock(),
      });
      result.inserted += report.inserted;
      result.updated += report.updated;
      result.unchanged += report.unchanged;
    } else {
      await saveSyncState(store, row.id, next);
    }
    result.pages++;
    result.rows += records.length;
    result.skipped.push(...verdict.skipped);
    for (const s of verdict.skipped)
      log.warn({ component: 'intake', sourceId: row.id, eventId: s.eventId, reason: s.message }, 'ACLED row left out');
    state = next;
    carry = last ? null : (records.at(-1) ?? null);
    await opts.onPage?.(state);
  }

  const deletions = await applyDeletions(store, row, session, state, since, limit, opts);
  result.deleted = deletions.removed;
  // The pass is complete: the next one is a delta after the newest row stored. A backfill's rows may
  // have changed while it ran: its delta starts no later than the backfill began.
  const newest = state.phase === 'backfill' ? Math.min(state.lastTimestamp ?? 0, state.after ?? 0) || null : state.lastTimestamp;
  const done: SyncState = {
    ...state,
    phase: 'delta',
    country: 0,
    page: 1,
    to: null,
    after: null,
    lastTimestamp: newest,
    deleted: state.deleted + result.deleted,
    lastDeletedTimestamp: deletions.newest,
  };
  await saveSyncState(store, row.id, done);
  return result;
}

/**
 * ACLED's deletions after the last one applied (the first time: since the backfill's start date).
 * Archiving is idempotent, so a pass cut short is simply run again; the cursor moves at the end.
 */
async function applyDeletions(
  store: Store,
  row: SourceRow,
  session: AcledSession,
  state: SyncState,
  since: string,
  limit: number,
  opts: AcledSyncOptions,
): Promise<{ removed: number; newest: number | null }> {
  const after = state.lastDeletedTimestamp ?? seconds(Date.parse(`${since}T00:00:00Z`));
  let removed = 0;
  let newest = state.lastDeletedTimestamp;
  for (let page = 1; ; page++) {
    const deleted = deletedRows(await session.get(deletedUrl(row.url, { after, page, limit })));
    removed += await archiveDeletedEvents(store, row.id, deleted, opts.clock());
    for (const d of deleted) if (newest === null || d.deletedAt > newest) newest = d.deletedAt;
    if (deleted.length < limit) break;
  }
  return { removed, newest };
}
