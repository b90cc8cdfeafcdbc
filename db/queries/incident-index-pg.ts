/**
 * The in-memory incident index on PostgreSQL (db/queries/incident-index.ts dispatches here): the
 * same rows and the same outbox catch-up as on SQLite, read through node-postgres. Each load or
 * catch-up reads in one REPEATABLE READ transaction, so the rows and the outbox seq they are
 * stamped with come from one snapshot, as SQLite's deferred read transaction gives.
 */
import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Store } from '@/db/connection';
import { builder, rows } from '@/db/engine';
import { pgTransaction } from '@/db/pg/store';
import { importBatches, incidents } from '@/db/schema';
import { decodeChangedIds } from '@/db/changed-ids';
import { isAfter, lastPositionBelow, OUTBOX_START, outboxPosition, pgSettledHorizon, type OutboxPosition } from './outbox-head';
import { allocColumns, Combos, setRow, sortColumns, type IndexRow } from '@/lib/incident-index/columns';
import { IncidentIndex } from '@/lib/incident-index/incident-index';
import { datasetMaskSql } from './dataset-mask-sql';
import { pgTextCondition, timeWindowCondition } from './incident-filter-sql';
import { catchUpText, textColumns, textLoader, type TextColumns } from './incident-text-pg';
import type { ViewFilter } from '@/lib/filters/schema';

/** Rows per read of a full load: bounds the row objects node-postgres holds at once. */
const LOAD_CHUNK = 50_000;
const ID_CHUNK = 500;

const i = incidents;
const columns = {
  id: i.id,
  at: i.occurredAt,
  day: i.occurredDay,
  group: i.groupId,
  region: i.region,
  type: i.eventType,
  sub: i.subEventType,
  killed: i.killed,
  injured: i.injured,
  lat: i.lat,
  lon: i.lon,
  demo: sql<boolean>`${i.dataset} = 'demo'`,
  crossBorder: i.crossBorder,
  sourceCount: i.sourceCount,
  claimStatus: i.claimStatus,
  datasets: datasetMaskSql(),
};

/**
 * Where each index stands in the outbox. PostgreSQL delivers the outbox in (xid, seq) order up to
 * a settled horizon (db/queries/outbox.ts explains why `seq > n` can skip a row that commits
 * later); the index's `seq` is its position's seq, which names the position (seqs are unique).
 * Kept on the index object under a process-wide symbol: the index is shared by every route's
 * module graph (lib/registry.ts), and a module-level map would be empty in the other graphs'
 * copies of this module, which would then catch up from the start of the outbox.
 */
const POSITION = Symbol.for('frontierWatch.indexOutboxPosition');
type Positioned = IncidentIndex & { [POSITION]?: OutboxPosition };
const positionOfIndex = (index: IncidentIndex): OutboxPosition => (index as Positioned)[POSITION] ?? OUTBOX_START;
const setPosition = (index: IncidentIndex, at: OutboxPosition): void => void ((index as Positioned)[POSITION] = at);

/** True when no settled outbox row lies after the index's position (one read, no transaction). */
export async function pgIndexIsCurrent(store: Store, index: IncidentIndex): Promise<boolean> {
  return !isAfter(await outboxPosition(store), positionOfIndex(index));
}

const readSnapshot = <T>(store: Store, fn: (tx: Store) => Promise<T>) => pgTransaction(store, fn, 'repeatable read');

/**
 * Every incident, read in id order in keyset chunks straight into the index's columns (only one
 * chunk of row objects alive at a time), then sorted once. The settled horizon is read before the
 * snapshot is taken, so every row below it is in the snapshot (the proof in db/queries/outbox.ts).
 */
export async function loadPgIndex(store: Store, chunkRows = LOAD_CHUNK): Promise<IncidentIndex> {
  const horizon = await pgSettledHorizon(store);
  return readSnapshot(store, async (tx) => {
    const head = await lastPositionBelow(tx, horizon);
    const [{ n }] = await rows<{ n: number | string }>(tx, sql`SELECT count(*) AS n FROM incidents`);
    const c = allocColumns(Number(n));
    const combos = new Combos();
    const text = textLoader();
    let k = 0;
    for (let after = 0; k < c.n;) {
      const chunk: (IndexRow & TextColumns)[] = await builder(tx)
        .select({ ...columns, ...textColumns })
        .from(incidents)
        .where(gt(i.id, after))
        .orderBy(asc(i.id))
        .limit(chunkRows);
      if (!chunk.length) break;
      const taken = chunk.length <= c.n - k ? chunk : chunk.slice(0, c.n - k);
      for (const r of taken) setRow(c, k++, r, combos);
      await text.add(tx, taken);
      after = chunk.at(-1)!.id;
    }
    const index = new IncidentIndex(sortColumns(c), combos, head.seq);
    text.attach(index);
    setPosition(index, head);
    return index;
  });
}

/**
 * Brings `index` up to the newest outbox row, as the SQLite catch-up does (db/queries/incident-
 * index.ts): the incidents named by incident and import rows are re-read, or dropped when gone.
 * Answers null when a full reload is cheaper.
 */
export async function catchUpPg(store: Store, index: IncidentIndex, maxRows: number): Promise<IncidentIndex | null> {
  const from = positionOfIndex(index);
  const horizon = await pgSettledHorizon(store);
  return readSnapshot(store, async (tx) => {
    const head = await lastPositionBelow(tx, horizon);
    if (!isAfter(head, from)) return index;
    const db = builder(tx);
    const changes = await rows<{ type: string; ref: number }>(
      tx,
      sql`SELECT type, ref_id AS ref FROM events
          WHERE (xid, seq) > (${from.xid}, ${from.seq}) AND xid < ${horizon} AND type IN ('incident', 'import')
          ORDER BY xid, seq LIMIT ${maxRows + 1}`,
    );
    if (changes.length > maxRows) return null;
    const touched = new Set<number>();
    for (const { type, ref } of changes) {
      if (type === 'incident') touched.add(ref);
      else if (type === 'import') {
        const [batch] = await db
          .select({ written: sql<number>`${importBatches.inserted} + ${importBatches.updated}`, ids: importBatches.changedIds })
          .from(importBatches)
          .where(eq(importBatches.id, ref));
        if (Number(batch?.written ?? 0) + touched.size > maxRows) return null;
        const ids = batch?.ids
          ? decodeChangedIds(batch.ids)
          : (await db.select({ id: i.id }).from(incidents).where(eq(i.importBatchId, ref))).map((r) => r.id);
        for (const id of ids) touched.add(id);
      }
    }
    const ids = [...touched];
    const found: (IndexRow & TextColumns)[] = [];
    for (let k = 0; k < ids.length; k += ID_CHUNK) {
      const chunk = await db
        .select({ ...columns, ...textColumns })
        .from(incidents)
        .where(inArray(i.id, ids.slice(k, k + ID_CHUNK)));
      found.push(...chunk);
    }
    const present = new Set(found.map((r) => r.id));
    const removed = ids.filter((id) => !present.has(id));
    index.remove(removed);
    index.upsert(found.map(({ searchText: _t, ...row }) => row));
    await catchUpText(tx, index, found, removed);
    index.seq = head.seq;
    setPosition(index, head);
    return index;
  });
}

/**
 * Ids matching free text through the GIN search (the FTS5 query's PostgreSQL counterpart), within
 * the time window when one is given (db/queries/incident-index.ts, textMatches, says why).
 */
export async function pgTextIds(store: Store, q: string, window: Pick<ViewFilter, 'from' | 'to'> = {}): Promise<number[] | null> {
  const cond = pgTextCondition(q);
  if (!cond) return null;
  return (
    await builder(store)
      .select({ id: i.id })
      .from(incidents)
      .where(and(cond, timeWindowCondition(window)))
  ).map((r) => r.id);
}
