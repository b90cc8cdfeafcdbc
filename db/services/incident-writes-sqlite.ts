import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { sqlOf, type Db } from '@/db/connection';
import type { Store } from '@/db/store';
import { incidents } from '@/db/schema';
import { getIncidentSync } from '@/db/queries/incidents';
import { cachedStatement } from '@/db/statement-cache';
import type { IncidentInput } from '@/lib/incidents/input';
import { normalizeIncident } from '@/lib/incidents/normalize';
import type { IncidentItem } from '@/lib/incidents/item';
import { afterIngestSync } from './after-ingest';
import { loadGroupMatcherSync, writeIncidentsSync } from './ingest-sqlite';
import { groupCommit } from './group-commit';
import { recordAudit } from './audit';
import type { SaveResult, WriteContext } from './incident-writes';

/**
 * The single-incident writes on a SQLite connection, synchronous: what the writer thread's group
 * commit runs for every POST (prepared statements, no awaits inside the shared transaction), and
 * what synchronous SQLite transaction bodies call. writeIncident and updateIncident
 * (./incident-writes.ts) run these on SQLite.
 */

/**
 * The write of one incident inside the caller's transaction: upsert, alerts, audit. The answer's
 * item is the row as stored, read once inside the transaction (the audit trail records the same read).
 */
export function writeIncidentSync(tx: Db, input: IncidentInput, ctx: WriteContext): SaveResult {
  const now = ctx.now ?? Date.now();
  const normalized = normalizeIncident(input, {
    matcher: loadGroupMatcherSync(tx),
    timeZone: ctx.timeZone,
    sourceId: `api-${randomUUID()}`,
  });
  const result = writeIncidentsSync(tx, [normalized], { dataset: 'live', now });
  afterIngestSync(tx, result, { now, via: 'api' });
  const { source, sourceId } = normalized.content;
  const id =
    result.changedIds[0] ??
    (cachedStatement(tx, 'SELECT id FROM incidents WHERE source = ? AND source_id = ?').pluck().get(source, sourceId) as number);
  const item = getIncidentSync(tx, id)!;
  if (result.inserted || result.updated) {
    recordAudit(tx, {
      actor: ctx.actor ?? 'system',
      action: result.inserted ? 'create' : 'update',
      entity: 'incident',
      entityId: id,
      after: item,
      at: now,
    });
  }
  return { item, created: result.inserted > 0 };
}

/** saveIncidentGrouped (server/writer/save-incident.ts) on this thread's SQLite connection (also what the writer thread runs). */
export function saveIncidentGroupCommit(store: Store, input: IncidentInput, ctx: WriteContext): Promise<SaveResult> {
  return groupCommit(sqlOf(store), (tx) => writeIncidentSync(tx, input, ctx));
}

/** updateIncident (./incident-writes.ts) on a SQLite connection, synchronously, inside the caller's transaction. */
export function updateIncidentSync(tx: Db, current: IncidentItem, input: IncidentInput, ctx: WriteContext): boolean {
  const now = ctx.now ?? Date.now();
  const normalized = normalizeIncident(input, { matcher: loadGroupMatcherSync(tx), timeZone: ctx.timeZone, sourceId: current.sourceId });
  normalized.content.source = current.source;
  normalized.content.sourceId = current.sourceId;
  normalized.content.acledExtra =
    tx.select({ x: incidents.acledExtra }).from(incidents).where(eq(incidents.id, current.id)).get()?.x ?? null;
  const result = writeIncidentsSync(tx, [normalized], { dataset: 'live', importBatchId: current.importBatchId, now });
  afterIngestSync(tx, result, { now, via: 'api' });
  if (result.updated)
    recordAudit(tx, {
      actor: ctx.actor ?? 'system',
      action: 'update',
      entity: 'incident',
      entityId: current.id,
      before: current,
      after: getIncidentSync(tx, current.id),
      at: now,
    });
  return result.updated > 0;
}
