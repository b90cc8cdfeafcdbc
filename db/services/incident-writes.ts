import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { sqlOf } from '@/db/connection';
import { affected, builder, engineOf, execute, transact } from '@/db/engine';
import type { Store } from '@/db/store';
import { events, incidents } from '@/db/schema';
import { getIncident } from '@/db/queries/incidents';
import { incidentItemByIdRaw } from '@/db/queries/incident-rows';
import { batchingReads, trackBatchedWrites } from '@/db/pg/read-batch';
import { preferGenericPlans } from '@/db/pg/named-statements';
import { afterIngest } from './after-ingest';
import { cachedGroupMatcher, loadGroupMatcher, writeIncidents, type WriteResult } from './ingest';
import { insertedResult } from './incident-content';
import { factsOf, insertIncidents, sameShape, type InsertMany, type InsertedIncident } from './incident-insert-pg';
import { GuessMissed } from './alert-engine';
import { guessRulesVersion } from './alert-rule-cache';
import type { IncidentFacts } from '@/lib/alerts/types';
import { audit } from './audit';
import { updateIncidentSync, writeIncidentSync } from './incident-writes-sqlite';
import { asInput } from './incident-input';
import { incidentInputSchema, type IncidentInput } from '@/lib/incidents/input';
import { normalizeIncident } from '@/lib/incidents/normalize';
import type { IncidentItem } from '@/lib/incidents/item';
import { AppError, notFound } from '@/lib/errors';
import { toIssues, describeIssues } from '@/lib/validation/zod-issues';

export { saveIncidentGroupCommit, updateIncidentSync, writeIncidentSync } from './incident-writes-sqlite';
export { asInput };

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
 * The write of one incident inside the caller's transaction (the `tx` of transact()): upsert,
 * alerts, audit. The answer's item is the row as stored, read once inside the transaction (the
 * audit trail records the same read). SQLite runs the synchronous path (./incident-writes-sqlite.ts).
 */
export async function writeIncident(tx: Store, input: IncidentInput, ctx: WriteContext): Promise<SaveResult> {
  if (engineOf(tx) === 'sqlite') return writeIncidentSync(sqlOf(tx), input, ctx);
  const now = ctx.now ?? Date.now();
  const sourceId = `api-${randomUUID()}`;
  // PostgreSQL, a new incident whose group the cached matcher knows (nearly every API post).
  const [fast] = await writeNew(tx, [{ input, ctx }], now, [sourceId]);
  if (fast) return fast;
  await preferGenericPlans(tx);
  const matcher = await loadGroupMatcher(tx);
  const normalized = normalizeIncident(input, { matcher, timeZone: ctx.timeZone, sourceId });
  const result = await writeIncidents(tx, [normalized], { dataset: 'live', now });
  const { source } = normalized.content;
  const [row] = result.changedIds.length
    ? [{ id: result.changedIds[0] }]
    : await builder(tx)
        .select({ id: incidents.id })
        .from(incidents)
        .where(and(eq(incidents.source, source), eq(incidents.sourceId, normalized.content.sourceId)))
        .limit(1);
  // The answer is read with the alert evaluation's first reads, and the audit row goes with the
  // next statement (db/pg/read-batch.ts): no round trip of their own. Evaluation writes no incident.
  // Everything settles before the transaction ends, whatever fails.
  const view = batchingReads(tx);
  return recordWrite(view, result, row.id, incidentItemByIdRaw(view, row.id), afterIngest(view, result, { now, via: 'api' }), ctx, now);
}

/** One API post: its validated input and its context. */
export interface Post {
  input: IncidentInput;
  ctx: WriteContext;
}

/**
 * The transaction body of PostgreSQL's group commit (./incident-group-commit-pg.ts): several API
 * posts' new incidents in ONE insert statement (./incident-insert-pg.ts), ONE alert evaluation of
 * them all (as an import's batch is evaluated: each rule reads its windows once for the batch, and
 * fires at most once per window whatever the number of posts in it), and their audit rows with its
 * first reads. Per post, its answer, or null when it is to be written alone (writeIncident in a
 * transaction of its own): no matcher cached yet, a new group, a row of another shape than the
 * first, a key already stored, or a group added meanwhile (then every post, nothing written).
 */
export async function writeNewIncidents(tx: Store, posts: Post[]): Promise<(SaveResult | null)[]> {
  return writeNew(
    tx,
    posts,
    posts[0].ctx.now ?? Date.now(),
    posts.map(() => `api-${randomUUID()}`),
  );
}

/**
 * writeNewIncidents (and writeIncident's common case, one post). The insert statement also reads
 * back the rows, the group count and the rules' version (./incident-insert-pg.ts), and the alert
 * evaluation's first reads do not wait for it: everything they need is known before it runs but
 * the new rows' ids and the rules' version, so the evaluation starts at once from the rows as
 * they are about to be stored (stand-in ids, each row's key for the reads that need its id) and
 * the last version used (KnownReads.ready, alert-engine.ts), and its first reads go out in the
 * same round trip right behind the insert, held for it (db/pg/deferred-utility.ts), so they see
 * the new rows. The audit rows then ride with the COMMIT: a post that fires nothing is 2 round
 * trips (insert and first reads; audit rows and COMMIT) instead of 4. Should the guess miss (the
 * rules changed, a key already stored, a row stored otherwise than sent), nothing was written by
 * the evaluation and it runs again from the insert's answer, as it did before.
 */
async function writeNew(tx: Store, posts: Post[], now: number, sourceIds: string[]): Promise<(SaveResult | null)[]> {
  const cached = cachedGroupMatcher(tx);
  if (!cached) return posts.map(() => null);
  const rows = posts.map(({ input, ctx }, i) => {
    const normalized = normalizeIncident(input, { matcher: cached.matcher, timeZone: ctx.timeZone, sourceId: sourceIds[i] });
    if (normalized.newGroup) return null;
    return { ...normalized.content, dataset: 'live' as const, importBatchId: null, createdAt: now, updatedAt: now };
  });
  const first = rows.find((r) => r !== null);
  const taken = rows.map((r) => (r && first && sameShape(r, first) ? r : null));
  const batch = taken.filter((r) => r !== null);
  if (batch.length === 0) return posts.map(() => null);
  await preferGenericPlans(tx);
  const view = batchingReads(tx);
  const guess = guessRulesVersion();
  const inserting = insertIncidents(tx, batch, now, cached.groups, { held: guess !== undefined });
  let guessed: Promise<Error | null> | null = null;
  if (guess !== undefined) {
    const standIns = batch.map((row, k) => ({ ...factsOf(-(k + 1), row), key: { source: row.source, sourceId: row.sourceId } }));
    const ready = inserting.then((done) => confirmRows(done, standIns));
    ready.catch(() => undefined); // the evaluation waits for it
    const ids = standIns.map((f) => f.id);
    const result = insertedResult(ids);
    guessed = afterIngest(view, result, { now, via: 'api', known: { facts: standIns, rulesVersion: guess, ready } }).then(
      () => null,
      (err: unknown) => (err instanceof Error ? err : new Error('the alert evaluation failed', { cause: err })),
    );
  }
  const done = await inserting.catch(async (err: unknown) => {
    await guessed; // its reads rode with the insert: settled before the transaction goes on
    throw err;
  });
  const missed = await guessed;
  if (done.kind !== 'inserted') return posts.map(() => null);
  let next = 0;
  const stored: (InsertedIncident | null)[] = taken.map((r) => (r ? done.rows[next++] : null));
  const ids = stored.flatMap((s) => (s ? [s.facts.id] : []));
  const result = insertedResult(ids);
  const known = { facts: stored.flatMap((s) => (s ? [s.facts] : [])), rulesVersion: done.rulesVersion };
  const evaluation =
    guessed === null || missed instanceof GuessMissed
      ? afterIngest(view, result, { now, via: 'api', known })
      : missed
        ? Promise.reject(missed)
        : Promise.resolve();
  evaluation.catch(() => undefined); // each post's recordWrite below reports it
  return Promise.all(
    stored.map((s, i) => {
      if (!s) return Promise.resolve(null);
      return recordWrite(view, insertedResult([s.facts.id]), s.facts.id, Promise.resolve(s.item), evaluation, posts[i].ctx, now);
    }),
  );
}

/** Fills in the stand-in ids once the insert answered, if every row was stored as guessed; its rules' version. */
function confirmRows(done: InsertMany, standIns: IncidentFacts[]): string {
  if (done.kind !== 'inserted') throw new GuessMissed();
  // Both sides are factsOf (incident-insert-pg.ts): every fact but the id compared, so a fact added
  // there is compared here too.
  const same = (stored: IncidentFacts, guessed: IncidentFacts) =>
    (Object.keys(stored) as (keyof IncidentFacts)[]).every((k) => k === 'id' || k === 'key' || stored[k] === guessed[k]);
  if (!done.rows.every((r, k) => r !== null && same(r.facts, standIns[k]))) throw new GuessMissed();
  standIns.forEach((f, k) => (f.id = done.rows[k]!.facts.id));
  return done.rulesVersion;
}

/** The audit row of a write (once its item is read) beside its alert evaluation, both settled before the answer. */
async function recordWrite(
  view: Store,
  result: WriteResult,
  id: number,
  read: Promise<IncidentItem | null>,
  evaluation: Promise<void>,
  ctx: WriteContext,
  now: number,
): Promise<SaveResult> {
  const recorded = read.then(async (item) => {
    if (result.inserted || result.updated)
      await audit(view, {
        actor: ctx.actor ?? 'system',
        action: result.inserted ? 'create' : 'update',
        entity: 'incident',
        entityId: id,
        after: item,
        at: now,
      });
    return item!;
  });
  trackBatchedWrites(view, recorded); // an alert savepoint waits for the audit row (alert-fire.ts)
  const [done, evaluated] = await Promise.allSettled([recorded, evaluation]);
  if (done.status === 'rejected') throw done.reason;
  if (evaluated.status === 'rejected') throw evaluated.reason;
  return { item: done.value, created: result.inserted > 0 };
}

/** Stores one validated incident (upsert on source + sourceId); `created` is false when it already existed. */
export async function saveIncident(store: Store, input: IncidentInput, ctx: WriteContext): Promise<SaveResult> {
  return transact(store, (tx) => writeIncident(tx, input, ctx));
}

/**
 * Holds the incident's row until the transaction ends (PostgreSQL: FOR UPDATE), so a PATCH reads,
 * merges and writes a version no other instance changes in between. SQLite's BEGIN IMMEDIATE
 * already holds the whole database.
 */
async function lockIncident(tx: Store, id: number): Promise<void> {
  if (engineOf(tx) === 'postgres') await execute(tx, sql`SELECT 1 FROM incidents WHERE id = ${id} FOR UPDATE`);
}

/** Applies a partial update; the merged incident is validated like a POST. Source and sourceId are fixed. */
export async function patchIncident(store: Store, id: number, patch: unknown, ctx: WriteContext): Promise<IncidentItem> {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch))
    throw new AppError('bad_request', 'Body must be a JSON object of fields to change.');
  for (const key of ['source', 'sourceId']) {
    if (key in patch) throw new AppError('bad_request', `${key} cannot be changed`, [{ path: key, message: 'cannot be changed' }]);
  }
  return transact(store, async (tx) => {
    await lockIncident(tx, id);
    const current = await getIncident(tx, id);
    if (!current) throw notFound(`Incident ${id} does not exist.`);
    const parsed = incidentInputSchema.safeParse({ ...asInput(current), ...patch });
    if (!parsed.success) {
      const issues = toIssues(parsed.error);
      throw new AppError('bad_request', `Invalid incident: ${describeIssues(issues)}`, issues);
    }
    await updateIncident(tx, current, parsed.data, ctx);
    return (await getIncident(tx, id))!;
  });
}

/**
 * Rewrites a stored incident from validated input inside the caller's transaction: the upsert
 * path (outbox 'updated', day rollups by trigger) plus the audit trail. Source, sourceId, the
 * import batch and the ACLED extras stay as they were. True when anything changed.
 */
export async function updateIncident(tx: Store, current: IncidentItem, input: IncidentInput, ctx: WriteContext): Promise<boolean> {
  if (engineOf(tx) === 'sqlite') return updateIncidentSync(sqlOf(tx), current, input, ctx);
  const now = ctx.now ?? Date.now();
  const normalized = normalizeIncident(input, { matcher: await loadGroupMatcher(tx), timeZone: ctx.timeZone, sourceId: current.sourceId });
  normalized.content.source = current.source;
  normalized.content.sourceId = current.sourceId;
  const [extra] = await builder(tx).select({ x: incidents.acledExtra }).from(incidents).where(eq(incidents.id, current.id));
  normalized.content.acledExtra = extra?.x ?? null;
  const result = await writeIncidents(tx, [normalized], { dataset: 'live', importBatchId: current.importBatchId, now });
  await afterIngest(tx, result, { now, via: 'api' });
  if (result.updated)
    await audit(tx, {
      actor: ctx.actor ?? 'system',
      action: 'update',
      entity: 'incident',
      entityId: current.id,
      before: current,
      after: await getIncident(tx, current.id),
      at: now,
    });
  return result.updated > 0;
}

/**
 * Deletes an incident and appends a 'deleted' outbox event; false when it did not exist. Of two
 * deletes at once, the second finds no row (PostgreSQL: its DELETE waits for the first's commit).
 */
export async function deleteIncident(store: Store, id: number, now = Date.now(), actor = 'system'): Promise<boolean> {
  return transact(store, (tx) => removeIncident(tx, id, now, actor));
}

/** deleteIncident inside the caller's transaction (a merge removes the merged-away incident this way). */
export async function removeIncident(tx: Store, id: number, now: number, actor: string, why?: string): Promise<boolean> {
  const before = await getIncident(tx, id);
  const gone = affected(await builder(tx).delete(incidents).where(eq(incidents.id, id))) > 0;
  if (gone) {
    await builder(tx).insert(events).values({ type: 'incident', refId: id, action: 'deleted', createdAt: now });
    await audit(tx, { actor, action: 'delete', entity: 'incident', entityId: id, before: why ? { ...before, why } : before, at: now });
  }
  return gone;
}
