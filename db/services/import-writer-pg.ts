import { setImmediate } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import type { Store } from '@/db/connection';
import { builder, rows as rowsOf } from '@/db/engine';
import { CopyIn, copyText } from '@/db/pg/copy';
import { CONTENT_COLUMNS, encodeContent, unpackRows, type PackedRows } from '@/db/row-batch';
import { events, groups } from '@/db/schema';
import type { NormalizedIncident } from '@/lib/incidents/normalize';
import { asciiSearchDoc } from '@/lib/search/ascii-search-doc';
import { phaseClock, phaseSince, timePhase, timePhaseAsync } from './import-phases';
import { drawIds, IdsAhead } from './import-ids-pg';
import { BatchRollup, importSumsRollup } from './import-rollup-pg';
import {
  bulkIndexing,
  cleanPendingList,
  COPY_INTO_INCIDENTS,
  COPY_INTO_STAGING,
  createStaging,
  isStoredKey,
  truncateStaged,
  upsertStaged,
} from './import-upsert-pg';
import type { GroupDef } from '@/lib/taxonomy/groups';
import type { WriteResult } from './ingest';
import { PER_ROW_EVENT_LIMIT } from './import-writer';

/** Where the search document's columns (incidents_search_doc's arguments, in order) sit in an encoded row. */
const SEARCH_AT = ['location', 'admin3', 'admin2', 'admin1', 'actor1', 'assoc_actors', 'actor2', 'group_id', 'notes'].map((name) => {
  const at = CONTENT_COLUMNS.findIndex(([, c]) => c.name === name);
  if (at < 0) throw new Error(`import-writer-pg: no content column ${name}`);
  return at;
});

/** The phase name of a batch's upsert, which runs while this thread's phases go on (import-cost's timeline). */
export const UPSERT_SPAN = 'upsert (database, overlapped)';
/** The phase of a batch COPY'd into the staging table; COPY_DIRECT: straight into incidents. */
export const COPY_STAGED = 'COPY';
export const COPY_DIRECT = 'COPY into incidents';
/** The phase of drawing a direct batch's ids on the second connection while the previous batch runs (IdsAhead). */
export const IDS_AHEAD = 'ids drawn ahead';
/** The phase of a batch that went straight into incidents and met a stored row: undone and staged instead. */
export const RESTAGED = 'batch met stored rows: staged instead';

/** add() (rows handed over in one array) encodes its text to bytes every this many characters. */
const TEXT_CHARS = 256 * 1024;

/**
 * Rows per staged batch. Each batch is COPY'd and upserted on its own, and its upsert (the
 * database's work) runs while Node encodes the next batch (and the worker reads ahead), so the two
 * cores work at once. Smaller batches shorten the one upsert per file nothing overlaps (the last)
 * but add a COPY, a plan and a TRUNCATE each (docs/benchmarks-history.md, "PostgreSQL import overlapped").
 */
export const pgImportTuning = {
  /** Mutable only so tests can cut a small file into many batches; the product never changes it. */
  batchRows: 20_000,
  /**
   * The first batch of a file, each next one twice the last up to batchRows. The database has
   * nothing to do until a file's first batch is encoded and COPY'd: with a full first batch it
   * idled for 20,000 rows' encoding at the start of every file (~1 s of the import's critical path
   * per file on this machine, docs/benchmarks-history.md "PostgreSQL import, round 3").
   */
  firstBatchRows: 2_000,
  /**
   * Batches of one file that may go straight into incidents. Each is a subtransaction (its
   * savepoint), and a backend keeps only 64 subtransaction ids in shared memory: past them, every
   * other session's snapshot check of this import's rows looks them up in pg_subtrans until the
   * file commits. ACLED files stay far below (a 100 MB file is ~200,000 rows, 12 batches); a file of
   * very short rows could pass it, and its later batches go through the staging table instead.
   */
  maxDirectBatches: 48,
};

/** Rows of a file's batch number `staged` (from 0): firstBatchRows, doubling up to batchRows. */
export const batchLimit = (staged: number): number =>
  Math.min(pgImportTuning.batchRows, pgImportTuning.firstBatchRows * 2 ** Math.min(staged, 30));

/**
 * The import's write path on PostgreSQL, inside the import's transaction: rows are gathered in
 * batches of pgImportTuning.batchRows; each batch is COPY'd into a temporary staging table (dropped at commit)
 * and one set-based upsert on (source, source_id) writes what is new or changed and says which
 * (see upsert). The upsert of a batch is left running on the connection while the feed hands
 * over and this thread encodes the next batch; it is awaited before the next COPY (one statement
 * at a time on a connection) and before finish, and a failure surfaces there, so the transaction
 * still rolls back whole. Batches go in file order, so ids are handed out in it. Same
 * outcome, row for row, as ImportWriter on SQLite: the same stored values, counts, outbox rows and
 * groups. The day rollup of the inserted rows is summed here and written per batch
 * (import-rollup-pg.ts); updated rows go through the database's trigger. Each row's search document
 * (the stored `search` column, db/migrations-pg 0009) is computed here when its text is ASCII
 * (lib/search/ascii-search-doc.ts) and sent with the row, so the database parses a word list
 * instead of the text; other rows go with NULL and the database computes theirs.
 *
 * Straight into incidents: once a file's first batch (staged, upserted) held no stored row, its
 * next batches are COPY'd into incidents itself, each with the ids an INSERT would have drawn
 * (drawIds) and under a savepoint, skipping the staging table's write and read-back, the upsert's
 * probes and its ON CONFLICT arbiter checks (~26% of the database's CPU per batch of new rows,
 * docs/benchmarks-history.md "PostgreSQL import, round 4"). The unique index still guards every
 * row: a batch that meets a stored row (a file mixing new and stored rows, or another instance
 * importing the same rows meanwhile) fails with a unique violation, is rolled back to its
 * savepoint and goes through the staging table after all, as does the rest of the file, with the
 * same outcome as before, except that the ids drawn for the undone COPY are left unused.
 */
export class PgImportWriter {
  private readonly newGroups = new Map<string, GroupDef>();
  /** Groups first seen in the batch being gathered: inserted before its upsert (incidents reference them). */
  private batchGroups: GroupDef[] = [];
  private ord = 0;
  /**
   * Lines of the rows handed over last, not yet encoded as bytes, and their length in characters.
   * Each line is one join() of its fields and the lines one join() when encoded: appending field
   * after field (a rope of ~80 strings a row, flattened when encoded) cost twice the CPU with its
   * garbage collection (docs/benchmarks-history.md "PostgreSQL import, round 4").
   */
  private lines: string[] = [];
  private chars = 0;
  /**
   * The gathered batch as UTF-8 bytes, one buffer per hand-over. Kept as strings, the many small
   * strings a batch is built from outlived V8's young generation and were copied and promoted by
   * every scavenge while the batch waited for its COPY (Node CPU for 1M rows 47 s against 36–39 s
   * as bytes, docs/benchmarks.md); bytes live outside the heap, and the socket wants bytes anyway.
   */
  private bytes: Buffer[] = [];
  private gathered = 0;
  /** Batches staged so far (batchLimit). */
  private staged = 0;
  /** The gathered batch's day rollup terms (the import sums the rollup: import-rollup-pg.ts). */
  private rollup = new BatchRollup();
  /** The COPY in progress, if any (abort must end it before ROLLBACK). */
  private copy: CopyIn | null = null;
  /**
   * The COPY straight into incidents started last. Its data leaves Node only when the event loop
   * turns (the server's CopyInResponse, then the socket's drain events), and this thread otherwise
   * spends a batch encoding rows and waiting synchronously for the parsing worker
   * (Atomics.wait), so add() lets the loop turn while it has data left to send (letCopyFlow).
   */
  private sending: CopyIn | null = null;
  /** The previous batch's upsert, still running on the connection; its rejection is held until awaited. */
  private upserting: Promise<void> | null = null;
  /** Rows written so far (inserted or updated), in file order. */
  private readonly changed: { id: number; inserted: boolean }[] = [];
  /** Whether batches go straight into incidents: unknown (null) until the file's first batch is upserted. */
  private direct: boolean | null = null;
  /** Batches of this file that went straight into incidents (pgImportTuning.maxDirectBatches). */
  private directBatches = 0;
  /** The columns an import sets itself, between each direct line's id and its content (COPY_INTO_INCIDENTS). */
  private readonly meta: string;

  private constructor(
    private readonly tx: Store,
    private readonly opts: { importBatchId: number; now: number },
    /** Whether the database lowercases ASCII as ASCII (not under a Turkish LC_CTYPE): then Node computes ASCII documents. */
    private readonly asciiDocs: boolean,
    /** The second connection that draws a batch's ids while the previous batch runs; null: drawn on tx. */
    private readonly ahead: IdsAhead | null,
  ) {
    this.meta = `\timport\t${opts.importBatchId}\t${opts.now}\t${opts.now}\t`;
  }

  /** `store`: the store the transaction `tx` runs on, for the second connection (IdsAhead). */
  static async open(tx: Store, opts: { importBatchId: number; now: number }, store?: Store): Promise<PgImportWriter> {
    const ahead = store ? IdsAhead.open(store) : null;
    await createStaging(tx);
    const [{ ascii }] = await rowsOf<{ ascii: boolean }>(tx, sql`SELECT lower('I') = 'i' AS ascii`);
    await bulkIndexing(tx);
    await importSumsRollup(tx, true);
    return new PgImportWriter(tx, opts, ascii, ahead);
  }

  /**
   * Before the transaction rolls back (a bad row, a failed feed): ends a COPY in progress and waits
   * for an upsert still running, whose failure, if any, is then moot.
   */
  async abort(): Promise<void> {
    await this.copy?.abort('the import was rolled back');
    await this.upserting?.catch(() => undefined);
    await this.ahead?.close();
  }

  /**
   * Lets the event loop turn once if the COPY last started still has data in Node: the server
   * then gets what it has not read yet while this thread goes on encoding. Without it the batch
   * sat in Node until the next batch was encoded, and the database and Node took turns
   * (docs/benchmarks-history.md, "PostgreSQL import, round 5").
   */
  private async letCopyFlow(): Promise<void> {
    if (this.sending && this.sending.unsent() > 0) await setImmediate();
  }

  async add(rows: readonly NormalizedIncident[]): Promise<void> {
    await this.letCopyFlow();
    for (const { content, newGroup } of rows) {
      this.line(encodeContent(content), newGroup);
      if (this.gathered >= batchLimit(this.staged)) await this.stage();
      else if (this.chars >= TEXT_CHARS) {
        this.encode();
        await this.letCopyFlow();
      }
    }
    this.encode();
  }

  async addPacked(rows: PackedRows): Promise<void> {
    await this.letCopyFlow();
    unpackRows(rows, (values, newGroup) => this.line(values, newGroup));
    this.encode();
    if (this.gathered >= batchLimit(this.staged)) await this.stage();
  }

  private line(values: unknown[], newGroup: GroupDef | null): void {
    if (newGroup && !this.newGroups.has(newGroup.id)) {
      this.newGroups.set(newGroup.id, newGroup);
      this.batchGroups.push(newGroup);
    }
    this.rollup.add(values);
    this.ord++;
    const fields = new Array<string>(values.length + 1);
    for (let j = 0; j < values.length; j++) fields[j] = copyText(values[j]);
    const doc = this.asciiDocs ? asciiSearchDoc(SEARCH_AT.map((j) => values[j] as string | null)) : null;
    fields[values.length] = doc ?? '\\N';
    const line = fields.join('\t');
    this.lines.push(line);
    this.chars += line.length;
    this.gathered++;
  }

  private encode(): void {
    if (!this.lines.length) return;
    this.lines.push('');
    this.bytes.push(Buffer.from(this.lines.join('\n'), 'utf8'));
    this.lines = [];
    this.chars = 0;
  }

  /**
   * Waits for the previous batch's upsert, adds the gathered batch's new groups, COPYs the batch
   * (into the staging table, or straight into incidents) and starts what is left of its write
   * without waiting for it: the caller goes on encoding the next batch meanwhile.
   */
  private async stage(): Promise<void> {
    if (!this.gathered) return;
    this.encode();
    const lines = this.bytes;
    const groupsNow = this.batchGroups;
    const batch: Batch = { rollup: this.rollup, rows: this.gathered };
    this.rollup = new BatchRollup();
    this.bytes = [];
    this.gathered = 0;
    this.staged++;
    this.batchGroups = [];
    // A batch that will go straight in unless the previous one fails: its ids drawn and its lines
    // prefixed while the previous batch is still in the database. Should that one meet a stored
    // row after all, this batch is staged instead and the ids drawn for it stay unused.
    const prepared = this.direct === true && this.directBatches < pgImportTuning.maxDirectBatches ? await this.prepare(lines, batch) : null;
    await timePhaseAsync('wait for the previous upsert', () => this.settle());
    if (groupsNow.length) {
      const values = groupsNow.map((g) => ({ ...g, aliases: JSON.stringify(g.aliases) }));
      await builder(this.tx).insert(groups).values(values).onConflictDoNothing();
    }
    const direct = this.direct === true && this.directBatches < pgImportTuning.maxDirectBatches;
    if (direct) this.directBatches++;
    const running = direct ? this.copyDirect(lines, batch, prepared) : this.copyStaged(lines).then(() => this.upsert(batch));
    // Held, not lost: settle() or abort() awaits it; until then a rejection must not count as unhandled.
    running.catch(() => undefined);
    this.upserting = running;
    // The COPY's data is on its way (staged: also parsed) before this thread goes on.
    await this.sent;
  }

  /** The batch's ids drawn on the second connection and its lines with them; null if that connection cannot draw. */
  private async prepare(lines: readonly Buffer[], batch: Batch): Promise<Prepared | null> {
    const since = phaseClock();
    const ids = (await this.ahead?.draw(batch.rows)) ?? null;
    if (!ids) return null;
    phaseSince(IDS_AHEAD, since);
    return { ids, data: timePhase('lines with ids', () => withIds(lines, ids, this.meta)) };
  }

  /** Resolves once the batch being started has been handed to the connection. */
  private sent: Promise<void> = Promise.resolve();

  /** COPYs the lines into the staging table (and waits for the server to take them). */
  private copyStaged(lines: readonly Buffer[]): Promise<void> {
    const done = timePhaseAsync(COPY_STAGED, async () => {
      this.copy = new CopyIn(this.tx, COPY_INTO_STAGING);
      for (const part of lines) await this.copy.write(part);
      await this.copy.end();
      this.copy = null;
    });
    this.sent = done;
    return done;
  }

  /**
   * The batch straight into incidents: its ids drawn, each line prefixed with its id and the
   * import's own columns, then one COPY under a savepoint whose answer is awaited later, with the
   * batch's day rollup. A stored row met (unique violation): back to the savepoint, and this batch
   * and the rest of the file go through the staging table.
   */
  private async copyDirect(lines: readonly Buffer[], batch: Batch, prepared: Prepared | null): Promise<void> {
    let resolveSent!: () => void;
    this.sent = new Promise((r) => (resolveSent = r));
    let done: Promise<void>;
    let ids: number[];
    try {
      ids = prepared?.ids ?? (await drawIds(this.tx, batch.rows));
      const data = prepared?.data ?? timePhase('lines with ids', () => withIds(lines, ids, this.meta));
      await rowsOf(this.tx, sql`SAVEPOINT import_batch`);
      const copy = new CopyIn(this.tx, COPY_INTO_INCIDENTS);
      this.sending = copy;
      done = timePhase(COPY_DIRECT, () => copy.writeAllAndEnd(data));
    } finally {
      resolveSent();
    }
    const since = phaseClock();
    try {
      await done;
    } catch (err) {
      if (!isStoredKey(err)) throw err;
      await rowsOf(this.tx, sql`ROLLBACK TO SAVEPOINT import_batch`);
      phaseSince(RESTAGED, since);
      this.direct = false;
      await this.copyStaged(lines);
      return this.upsert(batch);
    }
    await rowsOf(this.tx, sql`RELEASE SAVEPOINT import_batch`);
    for (const id of ids) this.changed.push({ id, inserted: true });
    await batch.rollup.write(
      this.tx,
      ids.map((_, i) => i),
    );
    phaseSince(UPSERT_SPAN, since);
  }

  /** Waits for the upsert still running, if any (throws its failure). */
  private async settle(): Promise<void> {
    const running = this.upserting;
    this.upserting = null;
    await running;
  }

  /**
   * Writes the staged batch (upsertStaged) and the day rollup of the rows it inserted, and empties
   * the staging table for the next.
   */
  private async upsert(batch: Batch): Promise<void> {
    const since = phaseClock();
    const { stored, written } = await upsertStaged(this.tx, this.opts);
    // The file's first batch decides: new rows only, and the next batches go straight into incidents.
    this.direct ??= !stored;
    const inserted: number[] = [];
    for (const { id, ord, inserted: isNew } of written) {
      this.changed.push({ id, inserted: isNew });
      // ord counts the batch's rows from 1 (truncateStaged).
      if (isNew) inserted.push(ord - 1);
    }
    await batch.rollup.write(this.tx, inserted);
    await truncateStaged(this.tx);
    // Overlaps the phases of this thread: reported as its own span, not nested in theirs.
    phaseSince(UPSERT_SPAN, since);
  }

  /**
   * Stages and upserts what is left, waits for the last upsert, then writes the outbox, as
   * ImportWriter.finish writes it.
   */
  async finish(): Promise<WriteResult> {
    try {
      await this.stage();
      await timePhaseAsync('the last upsert', () => this.settle());
    } finally {
      await this.ahead?.close();
    }
    // Later inserts in this transaction (none of the import's own) go through the trigger again.
    await importSumsRollup(this.tx, false);
    const { importBatchId, now } = this.opts;
    const db = builder(this.tx);
    const changed = this.changed;
    const result: WriteResult = { inserted: 0, updated: 0, unchanged: this.ord - changed.length, changedIds: [], insertedIds: [] };
    for (const { id, inserted } of changed) {
      result.changedIds.push(id);
      if (inserted) {
        result.inserted++;
        result.insertedIds.push(id);
      } else result.updated++;
    }
    if (changed.length > PER_ROW_EVENT_LIMIT) {
      await db.insert(events).values({ type: 'import', refId: importBatchId, action: 'imported', createdAt: now });
    } else if (changed.length) {
      const outbox = changed.map(({ id, inserted }) => ({
        type: 'incident' as const,
        refId: id,
        action: inserted ? 'created' : 'updated',
        createdAt: now,
      }));
      await db.insert(events).values(outbox);
    }
    await timePhaseAsync('search index pending list', () => cleanPendingList(this.tx));
    return result;
  }
}

/** A staged batch on its way: its rows and their day rollup terms. */
type Batch = { rollup: BatchRollup; rows: number };
/** A batch's ids, drawn ahead, and its lines prefixed with them (withIds). */
type Prepared = { ids: number[]; data: Buffer[] };

/**
 * The lines of a batch (whole lines in each part) as COPY_INTO_INCIDENTS wants them: each one
 * prefixed with its id and the import's own columns (`meta`), a buffer per part (each its own
 * CopyData message: the server reads a message whole before parsing it).
 */
export function withIds(parts: readonly Buffer[], ids: readonly number[], meta: string): Buffer[] {
  const size = parts.reduce((n, p) => n + p.length, 0);
  // An id takes at most 10 digits (integer column).
  const buf = Buffer.allocUnsafe(size + ids.length * (10 + Buffer.byteLength(meta)));
  let at = 0;
  let row = 0;
  const out = parts.map((part) => {
    const start = at;
    for (let from = 0; from < part.length; row++) {
      const end = part.indexOf(10, from) + 1;
      at += buf.write(`${ids[row]}${meta}`, at, 'latin1');
      at += part.copy(buf, at, from, end);
      from = end;
    }
    return buf.subarray(start, at);
  });
  if (row !== ids.length) throw new Error(`import: ${ids.length} ids for ${row} lines`);
  return out;
}
