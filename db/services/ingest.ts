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

export type Dataset = 'demo' | 'live' | 'import';

/** A connection or a drizzle transaction: writers accept either. */
export type SqlWriter = BaseSQLiteDatabase<'sync', RunResult, typeof schema>;

export interface WriteResult {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Ids of rows inserted or changed, in input order. */
  changedIds: number[];
  insertedIds: number[];
}

/** Every group in the database (known seeds plus groups created by imports). */
export function loadGroupDefs(store: Store): GroupDef[] {
  const db = sqlOf(store);
  return db
    .select()
    .from(groups)
    .all()
    .map((g): GroupDef => ({ ...g, aliases: JSON.parse(g.aliases) as string[] }));
}

const matchers = new WeakMap<Db['$client'], { groups: number; matcher: GroupMatcher }>();

/**
 * A matcher over every group in the database, cached per connection: groups are only ever
 * added (never edited), so their count tells when to rebuild.
 */
export function loadGroupMatcher(store: Store): GroupMatcher {
  const db = sqlOf(store);
  const count = cachedStatement(db, 'SELECT count(*) FROM groups').pluck().get() as number;
  const hit = matchers.get(db.$client);
  if (hit && hit.groups === count) return hit.matcher;
  const matcher = new GroupMatcher(loadGroupDefs(db));
  matchers.set(db.$client, { groups: count, matcher });
  return matcher;
}

function sameContent(row: IncidentRow, c: IncidentContent): boolean {
  for (const key of Object.keys(c) as (keyof IncidentContent)[]) {
    const a = row[key as keyof IncidentRow] ?? null;
    const b = c[key] ?? null;
    if (a !== b) return false;
  }
  return true;
}

/** Source ids per preload query (one SELECT per chunk instead of one per row). */
const CHUNK = 200;

const keyOf = (c: { source: string; sourceId: string }) => `${c.source}\u0000${c.sourceId}`;

/** Existing rows for the given (source, sourceId) pairs, loaded in chunks instead of one SELECT per row. */
function preloadExisting(tx: SqlWriter, contents: IncidentContent[]): Map<string, IncidentRow> {
  const bySource = new Map<string, string[]>();
  for (const c of contents) {
    const list = bySource.get(c.source) ?? [];
    list.push(c.sourceId);
    bySource.set(c.source, list);
  }
  const found = new Map<string, IncidentRow>();
  if (contents.length === 1) {
    // One row (every API post): a statement prepared once per connection.
    const one = preparedFor(singleLookups, tx, () => singleLookup(tx));
    const row = one.get({ source: contents[0].source, sourceId: contents[0].sourceId });
    if (row) found.set(keyOf(row), row);
    return found;
  }
  for (const [source, ids] of bySource) {
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
 * Upserts normalized incidents on (source, source_id) inside the caller's transaction:
 * new rows insert, changed rows update, identical rows are left alone, so re-imports are
 * idempotent. Every insert/update appends to the live outbox in the same transaction.
 */
export function writeIncidents(
  tx: SqlWriter,
  rows: NormalizedIncident[],
  opts: { dataset: Dataset; importBatchId?: number | null; now?: number },
): WriteResult {
  const now = opts.now ?? Date.now();
  const result: WriteResult = { inserted: 0, updated: 0, unchanged: 0, changedIds: [], insertedIds: [] };
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
