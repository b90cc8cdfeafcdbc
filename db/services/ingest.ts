import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { sqlOf } from '@/db/connection';
import { builder, engineOf } from '@/db/engine';
import { storeFile, type Store } from '@/db/store';
import { events, groups, incidents, type IncidentRow } from '@/db/schema';
import type { IncidentContent, NormalizedIncident } from '@/lib/incidents/normalize';
import { GroupMatcher, type GroupDef } from '@/lib/taxonomy/groups';
import { CHUNK, emptyResult, idsBySource, keyOf, sameContent, type WriteOptions, type WriteResult } from './incident-content';
import { loadGroupDefsSync, loadGroupMatcherSync, writeIncidentsSync } from './ingest-sqlite';

export type { Dataset, WriteOptions, WriteResult } from './incident-content';
export { loadGroupDefsSync, loadGroupMatcherSync, writeIncidentsSync, type SqlWriter } from './ingest-sqlite';

/** Every group in the database (known seeds plus groups created by imports). */
export async function loadGroupDefs(store: Store): Promise<GroupDef[]> {
  if (engineOf(store) === 'sqlite') return loadGroupDefsSync(store);
  const rows = await builder(store).select().from(groups);
  return rows.map((g): GroupDef => ({ ...g, aliases: JSON.parse(g.aliases) as string[] }));
}

/** PostgreSQL matchers by database (storeFile): every instance and transaction of one database shares its groups. */
const pgMatchers = new Map<string, { groups: number; matcher: GroupMatcher }>();

/**
 * A matcher over every group in the database, cached per database: groups are only ever added
 * (never edited), so their count tells when to rebuild.
 */
export async function loadGroupMatcher(store: Store): Promise<GroupMatcher> {
  if (engineOf(store) === 'sqlite') return loadGroupMatcherSync(store);
  const key = storeFile(store);
  const [{ n }] = await builder(store).select({ n: count() }).from(groups);
  const hit = pgMatchers.get(key);
  if (hit && hit.groups === n) return hit.matcher;
  const matcher = new GroupMatcher(await loadGroupDefs(store));
  pgMatchers.set(key, { groups: n, matcher });
  return matcher;
}

/**
 * Upserts normalized incidents on (source, source_id) inside the caller's transaction (the `tx`
 * of transact()): new rows insert, changed rows update, identical rows are left alone, so
 * re-imports are idempotent. Every insert or update appends to the outbox in the same transaction.
 * SQLite runs the synchronous prepared-statement path (./ingest-sqlite.ts: every POST's cost).
 */
export async function writeIncidents(tx: Store, rows: NormalizedIncident[], opts: WriteOptions): Promise<WriteResult> {
  if (engineOf(tx) === 'sqlite') return writeIncidentsSync(sqlOf(tx), rows, opts);
  return writeIncidentsShared(tx, rows, opts);
}

/**
 * The existing rows of `contents`, locked (FOR UPDATE) until the transaction ends: of several
 * instances writing the same incident at once, each compares against the row as the one before it
 * left it, so an identical second write is 'unchanged' rather than a second 'updated'. Locked in
 * id order, so two batches over the same rows do not deadlock (a deadlock would be retried anyway).
 */
async function lockExisting(tx: Store, contents: readonly IncidentContent[]): Promise<Map<string, IncidentRow>> {
  const found = new Map<string, IncidentRow>();
  for (const [source, ids] of idsBySource(contents)) {
    for (let i = 0; i < ids.length; i += CHUNK) {
      const query = builder(tx)
        .select()
        .from(incidents)
        .where(and(eq(incidents.source, source), inArray(incidents.sourceId, ids.slice(i, i + CHUNK))))
        .orderBy(asc(incidents.id));
      // The PostgreSQL builder's row lock (this path runs on PostgreSQL only; SQLite has no FOR UPDATE).
      const locked = await (query as unknown as { for(strength: 'update'): Promise<IncidentRow[]> }).for('update');
      for (const row of locked) found.set(keyOf(row), row);
    }
  }
  return found;
}

/**
 * writeIncidents for concurrent writers (PostgreSQL, several instances): an insert that finds its
 * key taken (ON CONFLICT DO NOTHING returns no id) was raced by another transaction, which has
 * committed by then (the insert waited for it); the row is then locked, read and updated like any
 * existing row. So N writers of one (source, source_id) leave one row and one 'created' event.
 */
async function writeIncidentsShared(tx: Store, rows: NormalizedIncident[], opts: WriteOptions): Promise<WriteResult> {
  const db = builder(tx);
  const now = opts.now ?? Date.now();
  const result = emptyResult();
  const createdGroups = new Set<string>();
  for (const { newGroup } of rows) {
    if (newGroup && !createdGroups.has(newGroup.id)) {
      await db
        .insert(groups)
        .values({ ...newGroup, aliases: JSON.stringify(newGroup.aliases) })
        .onConflictDoNothing();
      createdGroups.add(newGroup.id);
    }
  }
  const existingByKey = await lockExisting(
    tx,
    rows.map((r) => r.content),
  );
  for (const { content } of rows) {
    const key = keyOf(content);
    let existing = existingByKey.get(key);
    if (!existing) {
      const row = { ...content, dataset: opts.dataset, importBatchId: opts.importBatchId ?? null, createdAt: now, updatedAt: now };
      const [won] = await db
        .insert(incidents)
        .values(row)
        .onConflictDoNothing({ target: [incidents.source, incidents.sourceId] })
        .returning({ id: incidents.id });
      if (won) {
        await db.insert(events).values({ type: 'incident', refId: won.id, action: 'created', createdAt: now });
        existingByKey.set(key, { ...row, id: won.id } as IncidentRow);
        result.inserted++;
        result.insertedIds.push(won.id);
        result.changedIds.push(won.id);
        continue;
      }
      existing = (await lockExisting(tx, [content])).get(key);
      if (!existing) throw new Error(`incident ${content.source}/${content.sourceId} conflicted but is not there`);
    }
    if (!sameContent(existing, content)) {
      await db
        .update(incidents)
        .set({ ...content, importBatchId: opts.importBatchId ?? existing.importBatchId, updatedAt: now })
        .where(eq(incidents.id, existing.id));
      await db.insert(events).values({ type: 'incident', refId: existing.id, action: 'updated', createdAt: now });
      existingByKey.set(key, { ...existing, ...content });
      result.updated++;
      result.changedIds.push(existing.id);
    } else {
      existingByKey.set(key, existing);
      result.unchanged++;
    }
  }
  return result;
}
