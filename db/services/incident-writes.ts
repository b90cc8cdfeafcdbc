import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { sqlOf, type Db } from '@/db/connection';
import type { Store } from '@/db/store';
import { events, incidents } from '@/db/schema';
import { getIncident } from '@/db/queries/incidents';
import { afterIngest } from './after-ingest';
import { loadGroupMatcher, writeIncidents } from './ingest';
import { inImmediateTransaction } from './transaction';
import { groupCommit } from './group-commit';
import { cachedStatement } from '@/db/statement-cache';
import { recordAudit } from './audit';
import { incidentInputSchema, type IncidentInput } from '@/lib/incidents/input';
import { normalizeIncident } from '@/lib/incidents/normalize';
import type { IncidentItem } from '@/lib/incidents/item';
import { AppError, notFound } from '@/lib/errors';
import { toIssues, describeIssues } from '@/lib/validation/zod-issues';

/** A stored incident as the API answers it; `created` is false when it already existed. */
export interface SaveResult {
  item: IncidentItem;
  created: boolean;
}

export interface WriteContext {
  timeZone: string;
  now?: number;
  /** Principal id for the audit trail (`user:3`, `token:7`). */
  actor?: string;
}

/**
 * The write of one incident inside the caller's transaction: upsert, alerts, audit. The answer's
 * item is the row as stored, read once inside the transaction (the audit trail records the same read).
 */
export function writeIncident(tx: Db, input: IncidentInput, ctx: WriteContext): SaveResult {
  const now = ctx.now ?? Date.now();
  const normalized = normalizeIncident(input, { matcher: loadGroupMatcher(tx), timeZone: ctx.timeZone, sourceId: `api-${randomUUID()}` });
  const result = writeIncidents(tx, [normalized], { dataset: 'live', now });
  afterIngest(tx, result, { now, via: 'api' });
  const { source, sourceId } = normalized.content;
  const id =
    result.changedIds[0] ??
    (cachedStatement(tx, 'SELECT id FROM incidents WHERE source = ? AND source_id = ?').pluck().get(source, sourceId) as number);
  const item = getIncident(tx, id)!;
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

/** Stores one validated incident (upsert on source + sourceId); `created` is false when it already existed. */
export function saveIncident(db: Db, input: IncidentInput, ctx: WriteContext): SaveResult {
  return inImmediateTransaction(db, (tx) => writeIncident(tx, input, ctx));
}

/** saveIncidentGrouped (server/writer/save-incident.ts) on this thread's connection (also what the writer thread runs). */
export function saveIncidentGroupCommit(store: Store, input: IncidentInput, ctx: WriteContext): Promise<SaveResult> {
  const db = sqlOf(store);
  return groupCommit(db, (tx) => writeIncident(tx, input, ctx));
}

/** The stored incident in the shape POST accepts, so a PATCH can be merged and re-validated whole. */
export function asInput(item: IncidentItem): Record<string, unknown> {
  const c = item.casualties;
  return {
    source: item.source,
    sourceId: item.sourceId,
    occurredAt: item.hasTime ? item.occurredAt : item.occurredDate,
    timePrecision: item.timePrecision,
    country: item.country,
    admin1: item.admin1,
    admin2: item.admin2,
    admin3: item.admin3,
    location: item.location,
    lat: item.lat,
    lon: item.lon,
    geoPrecision: item.geoPrecision,
    eventType: item.eventType,
    subEventType: item.subEventType,
    group: item.group,
    actor1: item.actor1,
    assocActors: item.assocActors,
    actor2: item.actor2,
    claimStatus: item.claimStatus,
    target: item.target,
    killed: item.killed,
    injured: item.injured,
    killedBy: c.killed,
    injuredBy: c.injured,
    crossBorder: item.crossBorder,
    sources: item.sources,
    sourceScale: item.sourceScale,
    verification: item.verification,
    notes: item.notes,
  };
}

/** Applies a partial update; the merged incident is validated like a POST. Source and sourceId are fixed. */
export function patchIncident(store: Store, id: number, patch: unknown, ctx: WriteContext): IncidentItem {
  const db = sqlOf(store);
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch))
    throw new AppError('bad_request', 'Body must be a JSON object of fields to change.');
  for (const key of ['source', 'sourceId']) {
    if (key in patch) throw new AppError('bad_request', `${key} cannot be changed`, [{ path: key, message: 'cannot be changed' }]);
  }
  const current = getIncident(db, id);
  if (!current) throw notFound(`Incident ${id} does not exist.`);
  const parsed = incidentInputSchema.safeParse({ ...asInput(current), ...patch });
  if (!parsed.success) {
    const issues = toIssues(parsed.error);
    throw new AppError('bad_request', `Invalid incident: ${describeIssues(issues)}`, issues);
  }
  inImmediateTransaction(db, (tx) => updateIncident(tx, current, parsed.data, ctx));
  return getIncident(db, id)!;
}

/**
 * Rewrites a stored incident from validated input inside the caller's transaction: the upsert
 * path (outbox 'updated', day rollups by trigger) plus the audit trail. Source, sourceId, the
 * import batch and the ACLED extras stay as they were. True when anything changed.
 */
export function updateIncident(tx: Db, current: IncidentItem, input: IncidentInput, ctx: WriteContext): boolean {
  const now = ctx.now ?? Date.now();
  const normalized = normalizeIncident(input, { matcher: loadGroupMatcher(tx), timeZone: ctx.timeZone, sourceId: current.sourceId });
  normalized.content.source = current.source;
  normalized.content.sourceId = current.sourceId;
  normalized.content.acledExtra =
    tx.select({ x: incidents.acledExtra }).from(incidents).where(eq(incidents.id, current.id)).get()?.x ?? null;
  const result = writeIncidents(tx, [normalized], { dataset: 'live', importBatchId: current.importBatchId, now });
  afterIngest(tx, result, { now, via: 'api' });
  if (result.updated)
    recordAudit(tx, {
      actor: ctx.actor ?? 'system',
      action: 'update',
      entity: 'incident',
      entityId: current.id,
      before: current,
      after: getIncident(tx, current.id),
      at: now,
    });
  return result.updated > 0;
}

/** Deletes an incident and appends a 'deleted' outbox event; false when it did not exist. */
export function deleteIncident(store: Store, id: number, now = Date.now(), actor = 'system'): boolean {
  const db = sqlOf(store);
  return inImmediateTransaction(db, (tx) => {
    const before = getIncident(tx, id);
    const gone = tx.delete(incidents).where(eq(incidents.id, id)).run().changes > 0;
    if (gone) {
      tx.insert(events).values({ type: 'incident', refId: id, action: 'deleted', createdAt: now }).run();
      recordAudit(tx, { actor, action: 'delete', entity: 'incident', entityId: id, before, at: now });
    }
    return gone;
  });
}
