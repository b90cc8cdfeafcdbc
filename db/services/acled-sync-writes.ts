import { and, eq, inArray } from 'drizzle-orm';
import { builder, transact } from '@/db/engine';
import type { Store } from '@/db/store';
import { events, incidentRevisions, incidents, incidentsDeleted, sources } from '@/db/schema';
import type { NormalizedIncident } from '@/lib/incidents/normalize';
import type { SyncState } from '@/lib/acled/sync-state';
import type { DeletedEvent } from '@/lib/acled/api';
import { audit } from './audit';
import { writeTransaction, type ImportReport } from './import-batch';
import type { WriteResult } from './ingest';

/**
 * The database half of an ACLED sync: each page's rows go through the CSV import's writer
 * (idempotent on event_id_cnty, alerts held back by the horizon as for any import) in ONE
 * transaction with the source's new cursor, so a sync killed at any point resumes from the last
 * committed page. Deleted events move to incidents_deleted through the same outbox 'deleted' event
 * the DELETE route emits, so the map, lists, counts, exports and live views drop them.
 */

const actorOf = (sourceId: number) => `source:${sourceId}`;
/** Ids per IN (...) list: well under both engines' bound-parameter limits. */
const CHUNK = 500;

export async function saveSourceTokens(store: Store, sourceId: number, tokenSealed: string): Promise<void> {
  await transact(store, (tx) => builder(tx).update(sources).set({ tokenSealed }).where(eq(sources.id, sourceId)));
}

/** A page without rows (or a pass's end): only the cursor moves. */
export async function saveSyncState(store: Store, sourceId: number, state: SyncState): Promise<void> {
  await transact(store, (tx) =>
    builder(tx)
      .update(sources)
      .set({ syncState: JSON.stringify(state) })
      .where(eq(sources.id, sourceId)),
  );
}

export interface AcledPage {
  sourceId: number;
  rows: NormalizedIncident[];
  /** The cursor after this page, committed with its rows. */
  state: SyncState;
  /** Names the import batch (import_batches.file_name), e.g. "ACLED Pakistan page 3". */
  label: string;
  checksum: string;
  timeZone: string;
  now: number;
}

/** Writes one page and its cursor atomically; updates of stored incidents are noted as revisions. */
export async function writeAcledPage(store: Store, page: AcledPage): Promise<ImportReport> {
  const opts = {
    format: 'acled' as const,
    timeZone: page.timeZone,
    fileName: page.label,
    createdBy: actorOf(page.sourceId),
    now: page.now,
  };
  return writeTransaction(
    store,
    opts,
    page.checksum,
    async (sink) => {
      await sink.add(page.rows);
      return { count: page.rows.length, errors: [] };
    },
    async (tx, written) => {
      await builder(tx)
        .update(sources)
        .set({
          syncState: JSON.stringify(page.state),
          itemsSeen: written.inserted === 0 ? undefined : await seen(tx, page.sourceId, written),
        })
        .where(eq(sources.id, page.sourceId));
      await noteUpdates(tx, page.sourceId, written, page.now);
    },
  );
}

async function seen(tx: Store, sourceId: number, written: WriteResult): Promise<number> {
  const [row] = await builder(tx).select({ n: sources.itemsSeen }).from(sources).where(eq(sources.id, sourceId));
  return (row?.n ?? 0) + written.inserted;
}

async function noteUpdates(tx: Store, sourceId: number, written: WriteResult, now: number): Promise<void> {
  const inserted = new Set(written.insertedIds);
  const updated = written.changedIds.filter((id) => !inserted.has(id));
  for (let i = 0; i < updated.length; i += CHUNK) {
    const ids = updated.slice(i, i + CHUNK);
    const found = await builder(tx)
      .select({ id: incidents.id, occurredAt: incidents.occurredAt })
      .from(incidents)
      .where(inArray(incidents.id, ids));
    if (found.length)
      await builder(tx)
        .insert(incidentRevisions)
        .values(found.map((r) => ({ incidentId: r.id, sourceId, kind: 'updated' as const, occurredAt: r.occurredAt, revisedAt: now })));
  }
}

/**
 * Takes the ACLED events ACLED deleted off the map: each stored one moves, whole, to
 * incidents_deleted (restorable), with a 'deleted' outbox event, an audit entry and a revision for
 * the weekly brief. Ids not stored here are ignored. Returns how many incidents were removed.
 */
export async function archiveDeletedEvents(store: Store, sourceId: number, deleted: readonly DeletedEvent[], now: number): Promise<number> {
  if (!deleted.length) return 0;
  const when = new Map(deleted.map((d) => [d.eventId, d.deletedAt * 1000]));
  const ids = [...when.keys()];
  return transact(store, async (tx) => {
    const db = builder(tx);
    let removed = 0;
    for (let i = 0; i < ids.length; i += CHUNK) {
      const found = await db
        .select()
        .from(incidents)
        .where(and(eq(incidents.source, 'acled'), inArray(incidents.sourceId, ids.slice(i, i + CHUNK))));
      if (!found.length) continue;
      const gone = found.map((r) => r.id);
      await db.insert(incidentsDeleted).values(
        found.map((r) => ({
          incidentId: r.id,
          source: r.source,
          sourceId: r.sourceId,
          occurredAt: r.occurredAt,
          row: JSON.stringify(r),
          reason: 'deleted by ACLED',
          deletedAt: when.get(r.sourceId) ?? null,
          archivedAt: now,
          archivedBy: actorOf(sourceId),
        })),
      );
      await db.delete(incidents).where(inArray(incidents.id, gone));
      await db
        .insert(events)
        .values(gone.map((id) => ({ type: 'incident' as const, refId: id, action: 'deleted' as const, createdAt: now })));
      await db
        .insert(incidentRevisions)
        .values(found.map((r) => ({ incidentId: r.id, sourceId, kind: 'deleted' as const, occurredAt: r.occurredAt, revisedAt: now })));
      for (const r of found)
        await audit(tx, {
          actor: actorOf(sourceId),
          action: 'delete',
          entity: 'incident',
          entityId: r.id,
          before: { source: r.source, sourceId: r.sourceId, occurredAt: r.occurredAt },
          after: { reason: 'deleted by ACLED', deletedAt: when.get(r.sourceId) ?? null, archivedIn: 'incidents_deleted' },
          at: now,
        });
      removed += found.length;
    }
    return removed;
  });
}

/** Bad credentials: the error shown, and no poll until an admin edits the source. */
export async function recordAuthFailed(store: Store, sourceId: number, startedAt: number, now: number): Promise<void> {
  await transact(store, (tx) =>
    builder(tx)
      .update(sources)
      .set({
        authFailed: true,
        lastError: 'authentication failed',
        lastFetchAt: startedAt,
        nextFetchAt: null,
        tokenSealed: null,
        updatedAt: now,
      })
      .where(eq(sources.id, sourceId)),
  );
}
