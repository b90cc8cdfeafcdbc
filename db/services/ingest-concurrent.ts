import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { builder } from '@/db/engine';
import { executePrepared } from '@/db/pg/named-statements';
import type { Store } from '@/db/store';
import { events, groups, incidents, type IncidentRow, type NewIncidentRow } from '@/db/schema';
import type { IncidentContent, NormalizedIncident } from '@/lib/incidents/normalize';
import { CHUNK, emptyResult, idsBySource, keyOf, sameContent, type WriteOptions, type WriteResult } from './incident-content';

/**
 * writeIncidents for concurrent writers (PostgreSQL, several instances on one database). New rows
 * go in as multi-row INSERT … ON CONFLICT (source, source_id) DO NOTHING RETURNING: a row whose key
 * another transaction took meanwhile comes back without an id (the insert waited for that
 * transaction's commit), and is then locked, read and compared like any existing row. Existing
 * rows are locked FOR UPDATE before they are compared, so of N writers of one change the first
 * updates it and the rest find it unchanged. N writers of one incident: one row, one 'created'.
 */
export async function writeIncidentsConcurrent(tx: Store, rows: NormalizedIncident[], opts: WriteOptions): Promise<WriteResult> {
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
  // One row (every API post): insert first, and lock and compare only if its key was taken. The
  // common case, a new incident, then costs no read before its insert; a repeat of a stored key
  // takes the path of an insert that lost a race, below.
  const existingByKey =
    rows.length === 1
      ? new Map<string, IncidentRow>()
      : await lockExisting(
          tx,
          rows.map((r) => r.content),
        );
  const fresh = new Map<string, NewIncidentRow>();
  for (const { content } of rows) {
    const key = keyOf(content);
    if (!existingByKey.has(key) && !fresh.has(key))
      fresh.set(key, { ...content, dataset: opts.dataset, importBatchId: opts.importBatchId ?? null, createdAt: now, updatedAt: now });
  }
  const insertedIds = await insertNew(tx, [...fresh.values()], now);
  for (const { content } of rows) {
    const key = keyOf(content);
    const id = insertedIds.get(key);
    if (id !== undefined) {
      insertedIds.delete(key); // a later row with the same key is an update of this one
      existingByKey.set(key, { ...fresh.get(key)!, id } as IncidentRow);
      result.inserted++;
      result.insertedIds.push(id);
      result.changedIds.push(id);
      continue;
    }
    const existing = existingByKey.get(key) ?? (await lockExisting(tx, [content])).get(key);
    if (!existing) throw new Error(`incident ${content.source}/${content.sourceId} conflicted on insert but cannot be read`);
    if (sameContent(existing, content)) {
      existingByKey.set(key, existing);
      result.unchanged++;
      continue;
    }
    await db
      .update(incidents)
      .set({ ...content, importBatchId: opts.importBatchId ?? existing.importBatchId, updatedAt: now })
      .where(eq(incidents.id, existing.id));
    await db.insert(events).values({ type: 'incident', refId: existing.id, action: 'updated', createdAt: now });
    existingByKey.set(key, { ...existing, ...content });
    result.updated++;
    result.changedIds.push(existing.id);
  }
  return result;
}

/** Rows per multi-row INSERT: about 40 parameters a row, well under PostgreSQL's 65,535 per statement. */
const INSERT_CHUNK = 500;

/** Inserts the rows whose key is still free, with their 'created' outbox rows; answers key → id of those inserted. */
async function insertNew(tx: Store, fresh: NewIncidentRow[], now: number): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (let i = 0; i < fresh.length; i += INSERT_CHUNK) {
    const insert = builder(tx)
      .insert(incidents)
      .values(fresh.slice(i, i + INSERT_CHUNK))
      .onConflictDoNothing({ target: [incidents.source, incidents.sourceId] })
      .returning({ id: incidents.id, source: incidents.source, sourceId: incidents.sourceId });
    // The rows and their 'created' outbox rows in one statement (one round trip), the outbox rows
    // numbered in id order, as the rows were; a named statement, as every POST sends this text.
    const { rows: won } = await executePrepared(
      tx,
      sql`WITH won AS (${insert.getSQL()}), outbox AS (
            INSERT INTO events (type, ref_id, action, created_at) SELECT 'incident', id, 'created', ${now} FROM won ORDER BY id)
          SELECT id, source, source_id AS "sourceId" FROM won ORDER BY id`,
    );
    for (const w of won as { id: number; source: string; sourceId: string }[]) ids.set(keyOf(w), w.id);
  }
  return ids;
}

/**
 * The existing rows of `contents`, locked (FOR UPDATE) until the transaction ends, in id order so
 * two batches over the same rows do not deadlock (a deadlock would be retried anyway).
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
