import { and, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { RunResult } from 'better-sqlite3';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { sqlOf, type Db } from '@/db/connection';
import type { Store } from '@/db/store';
import type * as schema from '@/db/schema';
import { events, groups, incidents, type IncidentRow, type NewIncidentRow } from '@/db/schema';
import type { IncidentContent, NormalizedIncident } from '@/lib/incidents/normalize';
import { GroupMatcher, type GroupDef } from '@/lib/taxonomy/groups';
import { cachedStatement } from '@/db/statement-cache';
import { preparedFor } from '@/db/prepared';
import { CHUNK, emptyResult, idsBySource, keyOf, sameContent, type WriteOptions, type WriteResult } from './incident-content';

/**
 * The SQLite write path of incidents, synchronous and on prepared statements: what every POST
 * costs on SQLite (docs/benchmarks.md). writeIncidents (./ingest.ts) runs it on SQLite; the group
 * commit of the writer thread and synchronous SQLite transaction bodies call it directly.
 */

/** A connection or a drizzle transaction: writers accept either. */
export type SqlWriter = BaseSQLiteDatabase<'sync', RunResult, typeof schema>;

/** Every group in the database (known seeds plus groups created by imports), on a SQLite connection. */
export function loadGroupDefsSync(store: Store): GroupDef[] {
  return sqlOf(store)
    .select()
    .from(groups)
    .all()
    .map((g): GroupDef => ({ ...g, aliases: JSON.parse(g.aliases) as string[] }));
}

const matchers = new WeakMap<Db['$client'], { groups: number; matcher: GroupMatcher }>();

/**
 * A matcher over every group, cached per SQLite connection: groups are only ever added (never
 * edited), so their count tells when to rebuild.
 */
export function loadGroupMatcherSync(store: Store): GroupMatcher {
  const db = sqlOf(store);
  const count = cachedStatement(db, 'SELECT count(*) FROM groups').pluck().get() as number;
  const hit = matchers.get(db.$client);
  if (hit && hit.groups === count) return hit.matcher;
  const matcher = new GroupMatcher(loadGroupDefsSync(db));
  matchers.set(db.$client, { groups: count, matcher });
  return matcher;
}

/** Existing rows for the given (source, sourceId) pairs, loaded in chunks instead of one SELECT per row. */
function preloadExisting(tx: SqlWriter, contents: IncidentContent[]): Map<string, IncidentRow> {
  const found = new Map<string, IncidentRow>();
  if (contents.length === 1) {
    // One row (every API post): a statement prepared once per connection.
    const one = preparedFor(singleLookups, tx, () => singleLookup(tx));
    const row = one.get({ source: contents[0].source, sourceId: contents[0].sourceId });
    if (row) found.set(keyOf(row), row);
    return found;
  }
  for (const [source, ids] of idsBySource(contents)) {
    for (let i = 0; i < ids.length; i += CHUNK) {
      const slice = ids.slice(i, i + CHUNK);
      for (const row of tx
        .select()
        .from(incidents)
        .where(and(eq(incidents.source, source), inArray(incidents.sourceId, slice)))
        .all()) {
        found.set(keyOf(row), row);
      }
    }
  }
  return found;
}

const INSERT_COLUMNS = Object.entries(getTableColumns(incidents)).filter(([key]) => key !== 'id');

function singleLookup(tx: SqlWriter) {
  return tx
    .select()
    .from(incidents)
    .where(and(eq(incidents.source, sql.placeholder('source')), eq(incidents.sourceId, sql.placeholder('sourceId'))))
    .prepare();
}
const singleLookups = new WeakMap<SqlWriter, ReturnType<typeof singleLookup>>();
const inserts = new WeakMap<SqlWriter, ReturnType<typeof buildInsert>>();

/** Insert statements prepared once per connection (db/prepared.ts). */
function preparedInsert(tx: SqlWriter) {
  return preparedFor(inserts, tx, () => buildInsert(tx));
}

function buildInsert(tx: SqlWriter) {
  const placeholders = Object.fromEntries(INSERT_COLUMNS.map(([key]) => [key, sql.placeholder(key)]));
  const incident = tx
    .insert(incidents)
    .values(placeholders as unknown as NewIncidentRow)
    .returning({ id: incidents.id })
    .prepare();
  const event = tx
    .insert(events)
    .values({ type: 'incident', refId: sql.placeholder('refId'), action: 'created', createdAt: sql.placeholder('createdAt') })
    .prepare();
  return {
    incident(row: Record<string, unknown>): number {
      // Placeholders bypass column encoders, so apply them here (booleans → 0/1) and fill defaults.
      const params: Record<string, unknown> = {};
      for (const [key, col] of INSERT_COLUMNS) {
        const v = row[key] === undefined ? (col.default ?? null) : row[key];
        params[key] = v === null ? null : col.mapToDriverValue(v);
      }
      return incident.get(params).id;
    },
    event(refId: number, createdAt: number): void {
      event.run({ refId, createdAt });
    },
  };
}

/**
 * writeIncidents on a SQLite connection, synchronously, inside the caller's transaction: new rows
 * insert, changed rows update, identical rows are left alone, and every insert or update appends
 * to the outbox. SQLite's single writer makes the read-then-write safe.
 */
export function writeIncidentsSync(tx: SqlWriter, rows: NormalizedIncident[], opts: WriteOptions): WriteResult {
  const now = opts.now ?? Date.now();
  const result = emptyResult();
  const createdGroups = new Set<string>();
  for (const { newGroup } of rows) {
    if (newGroup && !createdGroups.has(newGroup.id)) {
      tx.insert(groups)
        .values({ ...newGroup, aliases: JSON.stringify(newGroup.aliases) })
        .onConflictDoNothing()
        .run();
      createdGroups.add(newGroup.id);
    }
  }
  const existingByKey = preloadExisting(
    tx,
    rows.map((r) => r.content),
  );
  const insert = preparedInsert(tx);
  for (const { content } of rows) {
    const key = keyOf(content);
    const existing = existingByKey.get(key);
    if (!existing) {
      const row = { ...content, dataset: opts.dataset, importBatchId: opts.importBatchId ?? null, createdAt: now, updatedAt: now };
      const id = insert.incident(row);
      insert.event(id, now);
      existingByKey.set(key, { ...row, id } as IncidentRow);
      result.inserted++;
      result.insertedIds.push(id);
      result.changedIds.push(id);
    } else if (!sameContent(existing, content)) {
      tx.update(incidents)
        .set({ ...content, importBatchId: opts.importBatchId ?? existing.importBatchId, updatedAt: now })
        .where(eq(incidents.id, existing.id))
        .run();
      tx.insert(events).values({ type: 'incident', refId: existing.id, action: 'updated', createdAt: now }).run();
      existingByKey.set(key, { ...existing, ...content });
      result.updated++;
      result.changedIds.push(existing.id);
    } else {
      result.unchanged++;
    }
  }
  return result;
}
