import type Database from 'better-sqlite3';
import { getTableColumns } from 'drizzle-orm';
import type { Db } from '@/db/connection';
import { groups, incidents } from '@/db/schema';
import type { NormalizedIncident } from '@/lib/incidents/normalize';
import { CONTENT_COLUMNS, encodeContent, META_KEYS, SOURCE_AT, SOURCE_ID_AT, unpackRows, type PackedRows } from '@/db/row-batch';
import type { GroupDef } from '@/lib/taxonomy/groups';
import { deferInsertTriggers } from './deferred-triggers';
import { ImportRollup, ROLLUP_TRIGGER, rollupTriggerMirrored } from './import-writer-rollup';
import { timePhase } from './import-phases';
import type { WriteResult } from './ingest';

/**
 * Up to this many inserted or updated rows an import appends one `incident` outbox row per row
 * (live views highlight each); above it, one `import` row for the whole batch, since every row
 * the batch wrote carries its import_batch_id and open views simply refetch.
 */
export const PER_ROW_EVENT_LIMIT = 1000;

/**
 * Inserted rows between two runs of the deferred insert-trigger passes. Each pass statement ends
 * in a savepoint at which FTS5 writes its pending terms out as one new segment, which its
 * automerge then merges again: 32,000-row steps write a quarter of the segments that 8,000-row
 * steps did (FTS pass over 1M rows: docs/benchmarks-history.md, "SQLite import's writing thread"),
 * while the passes still run as the file is read rather than all after its last row.
 */
const TRIGGER_STEP_ROWS = 32_000;

/**
 * FTS5 'automerge' while an import writes (the table's own setting, 4 unless changed, is put back
 * before COMMIT): merging 8 segments of a level at a time instead of 4 writes each posting list
 * out fewer times over a bulk load. Only the segment layout differs; the indexed terms and
 * rowids are the same.
 */
const IMPORT_FTS_AUTOMERGE = 8;
const FTS_TABLE = 'incidents_fts';
const FTS5_DEFAULT_AUTOMERGE = 4;

const COLUMNS = Object.entries(getTableColumns(incidents)).filter(([key]) => key !== 'id');
const q = (name: string) => `"${name}"`;

/** The columns an import sets itself, after the content columns, in INSERT order. */
const META_COLUMNS = COLUMNS.filter(([k]) => META_KEYS.has(k));

/**
 * The INSERT of one import: the id is given (ImportWriter.nextId: an insert that ON CONFLICT skips
 * must not use one up); dataset, batch and timestamps are the same for every row of the import, so
 * they are written into the statement as literals instead of being bound per row (every bound
 * value is a separate call into the driver).
 */
function insertSql(importBatchId: number, now: number): string {
  if (!Number.isSafeInteger(importBatchId) || !Number.isSafeInteger(now))
    throw new Error('import writer: batch id and time must be integers');
  const meta: Record<string, string> = {
    dataset: `'import'`,
    importBatchId: String(importBatchId),
    createdAt: String(now),
    updatedAt: String(now),
  };
  const literals = META_COLUMNS.map(([k]) => {
    if (!(k in meta)) throw new Error(`import writer: no value for ${k}`);
    return meta[k];
  });
  return `INSERT INTO incidents (id, ${[...CONTENT_COLUMNS, ...META_COLUMNS].map(([, c]) => q(c.name)).join(', ')}) VALUES (?, ${CONTENT_COLUMNS.map(() => '?').join(', ')}, ${literals.join(', ')})`;
}

const sqlFor = (importBatchId: number, now: number) => {
  const insert = insertSql(importBatchId, now);
  return {
    find: `SELECT id, ${CONTENT_COLUMNS.map(([, c]) => q(c.name)).join(', ')} FROM incidents WHERE source = ? AND source_id = ?`,
    insert,
    // Inserts unless (source, source_id) is stored: the insert's own uniqueness check is the look-up.
    insertNew: `${insert} ON CONFLICT (source, source_id) DO NOTHING`,
    update: `UPDATE incidents SET ${CONTENT_COLUMNS.map(([, c]) => `${q(c.name)} = ?`).join(', ')}, import_batch_id = ?, updated_at = ? WHERE id = ?`,
    event: `INSERT INTO events (type, ref_id, action, created_at) VALUES (?, ?, ?, ?)`,
  };
};

function sameAs(existing: unknown[], encoded: unknown[]): boolean {
  for (let i = 0; i < encoded.length; i++) if (existing[i + 1] !== encoded[i]) return false;
  return true;
}

/**
 * The import's write path on SQLite, for the caller's immediate transaction (PostgreSQL:
 * import-writer-pg.ts): upserts on (source,
 * source_id) through raw prepared statements (drizzle's per-call query building and RETURNING
 * cost more than SQLite's own work), defers the insert triggers to one set-based pass, and writes
 * the outbox (see PER_ROW_EVENT_LIMIT). Rows are stored exactly as writeIncidents stores them.
 */
export class ImportWriter {
  readonly result: WriteResult = { inserted: 0, updated: 0, unchanged: 0, changedIds: [], insertedIds: [] };
  private readonly client: Database.Database;
  private readonly statements: Record<keyof ReturnType<typeof sqlFor>, Database.Statement>;
  private readonly triggers: ReturnType<typeof deferInsertTriggers>;
  /** The day rollup summed here instead of by its trigger's pass (null: the trigger differs, its pass runs). */
  private readonly rollup: ImportRollup | null;
  private readonly knownGroups = new Set<string>();
  private readonly pending: [number, 'created' | 'updated'][] = [];
  /**
   * The id SQLite's AUTOINCREMENT would give the next row (one more than the largest id ever
   * used), given explicitly so the rows get exactly the ids a plain INSERT would give them.
   */
  private nextId: number;
  /** Puts the FTS table's own automerge back (finish); null without the table. */
  private readonly restoreFtsAutomerge: (() => void) | null;

  constructor(
    private readonly db: Db,
    private readonly opts: { importBatchId: number; now: number; triggerStepRows?: number },
  ) {
    this.client = db.$client;
    this.rollup = rollupTriggerMirrored(this.client) ? new ImportRollup(this.client, 'import') : null;
    this.triggers = deferInsertTriggers(this.client, 'incidents', new Set(this.rollup ? [ROLLUP_TRIGGER] : []));
    this.statements = Object.fromEntries(
      Object.entries(sqlFor(opts.importBatchId, opts.now)).map(([k, sql]) => [k, this.client.prepare(sql)]),
    ) as ImportWriter['statements'];
    this.restoreFtsAutomerge = this.importFtsAutomerge();
    this.statements.find.raw(true);
    this.nextId =
      (this.client
        .prepare(
          `SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'incidents'), 0), coalesce((SELECT max(id) FROM incidents), 0))`,
        )
        .pluck()
        .get() as number) + 1;
  }

  // The sink is async (the PostgreSQL writer waits on COPY); SQLite's writes are synchronous, so
  // these resolve at once and a batch costs one microtask more than before.
  add(rows: readonly NormalizedIncident[]): Promise<void> {
    for (const { content, newGroup } of rows) this.write(encodeContent(content), newGroup);
    return Promise.resolve();
  }

  /** Rows as the import worker posts them (db/row-batch.ts), already encoded. */
  addPacked(rows: PackedRows): Promise<void> {
    unpackRows(rows, (values, newGroup) => this.write(values, newGroup));
    return Promise.resolve();
  }

  private write(encoded: unknown[], newGroup: GroupDef | null): void {
    const { find, insert, insertNew, update } = this.statements;
    const { importBatchId, now } = this.opts;
    if (newGroup && !this.knownGroups.has(newGroup.id)) {
      this.db
        .insert(groups)
        .values({ ...newGroup, aliases: JSON.stringify(newGroup.aliases) })
        .onConflictDoNothing()
        .run();
      this.knownGroups.add(newGroup.id);
    }
    // While most rows so far were new (a first import, new months), insert and let the unique
    // index report a stored row (one B-tree search per new row instead of two: ~10% of the
    // writer's row time, docs/benchmarks.md); while most were stored (a re-import), look each up
    // first, as an insert attempt would be wasted on almost every row.
    const { inserted, updated, unchanged } = this.result;
    if (inserted >= updated + unchanged) {
      if (insertNew.run(this.nextId, ...encoded).changes) return this.added(this.nextId++, encoded);
    }
    const existing = find.get(encoded[SOURCE_AT], encoded[SOURCE_ID_AT]) as unknown[] | undefined;
    if (!existing) {
      insert.run(this.nextId, ...encoded);
      this.added(this.nextId++, encoded);
    } else if (!sameAs(existing, encoded)) {
      const id = existing[0] as number;
      update.run(...encoded, importBatchId, now, id);
      this.result.updated++;
      this.changed(id, 'updated');
    } else {
      this.result.unchanged++;
    }
  }

  /** Applies the deferred triggers and writes the outbox; the caller then runs afterIngest. */
  finish(): WriteResult {
    timePhase('trigger passes', () => this.triggers.apply());
    if (this.rollup) timePhase('day rollup upserts', () => this.rollup!.flush());
    this.restoreFtsAutomerge?.();
    const { event } = this.statements;
    if (this.result.changedIds.length > PER_ROW_EVENT_LIMIT) event.run('import', this.opts.importBatchId, 'imported', this.opts.now);
    else for (const [id, action] of this.pending) event.run('incident', id, action, this.opts.now);
    return this.result;
  }

  /**
   * Sets the FTS table's automerge for this import and returns how to put the setting back (null:
   * no such table). Inside the import's transaction: a rollback restores the stored
   * setting by itself, and FTS5 reloads its settings when it sees them change.
   */
  private importFtsAutomerge(): (() => void) | null {
    if (!this.client.prepare(`SELECT 1 FROM sqlite_schema WHERE name = ?`).pluck().get(FTS_TABLE)) return null;
    const stored = this.client.prepare(`SELECT v FROM ${FTS_TABLE}_config WHERE k = 'automerge'`).pluck().get() as number | undefined;
    const set = (value: number) =>
      this.client.exec(`INSERT INTO ${FTS_TABLE}(${FTS_TABLE}, rank) VALUES ('automerge', ${Math.trunc(value)})`);
    set(IMPORT_FTS_AUTOMERGE);
    // Never set before: FTS5's default is stored instead (the same setting; its shadow tables
    // cannot be written directly to remove the row).
    return () => set(stored ?? FTS5_DEFAULT_AUTOMERGE);
  }

  private added(id: number, encoded: readonly unknown[]): void {
    this.rollup?.add(encoded);
    this.result.inserted++;
    this.result.insertedIds.push(id);
    this.changed(id, 'created');
    // The FTS and rollup passes in steps, while the worker thread still reads the file, instead
    // of all after the last row, when nothing else runs.
    if (this.result.inserted % (this.opts.triggerStepRows ?? TRIGGER_STEP_ROWS) === 0)
      timePhase('trigger passes', () => this.triggers.catchUp());
  }

  private changed(id: number, action: 'created' | 'updated'): void {
    this.result.changedIds.push(id);
    if (this.pending.length <= PER_ROW_EVENT_LIMIT) this.pending.push([id, action]);
  }
}
