import { sql } from 'drizzle-orm';
import type { Store } from '@/db/connection';
import { builder, rows as rowsOf } from '@/db/engine';
import { CopyIn, copyText } from '@/db/pg/copy';
import { CONTENT_COLUMNS, encodeContent, unpackRows, type PackedRows } from '@/db/row-batch';
import { events, groups } from '@/db/schema';
import type { NormalizedIncident } from '@/lib/incidents/normalize';
import { asciiSearchDoc } from '@/lib/search/ascii-search-doc';
import type { GroupDef } from '@/lib/taxonomy/groups';
import type { WriteResult } from './ingest';
import { PER_ROW_EVENT_LIMIT } from './import-writer';

/** Content columns as quoted identifiers (schema names: never user input). */
const COLS = CONTENT_COLUMNS.map(([, c]) => `"${c.name}"`);
const STAGING = 'import_rows';
/** Where the search document's columns (incidents_search_doc's arguments, in order) sit in an encoded row. */
const SEARCH_AT = ['location', 'admin3', 'admin2', 'admin1', 'actor1', 'assoc_actors', 'actor2', 'group_id', 'notes'].map((name) => {
  const at = CONTENT_COLUMNS.findIndex(([, c]) => c.name === name);
  if (at < 0) throw new Error(`import-writer-pg: no content column ${name}`);
  return at;
});

/** Rows are handed to COPY in chunks of about this many characters. */
const CHUNK_CHARS = 256 * 1024;

/**
 * The import's write path on PostgreSQL, inside the import's transaction: every row is COPY'd into
 * a temporary staging table (dropped at commit) as the feed hands it over, then one set-based
 * upsert on (source, source_id) writes what is new or changed and says which (see finish). Same
 * outcome, row for row, as ImportWriter on SQLite: the same stored values, counts, outbox rows and
 * groups. The database's own statement triggers keep the day rollup. Each row's search document
 * (the stored `search` column, db/migrations-pg 0009) is computed here when its text is ASCII
 * (lib/search/ascii-search-doc.ts) and sent with the row, so the database parses a word list
 * instead of the text; other rows go with NULL and the database computes theirs.
 */
export class PgImportWriter {
  private readonly newGroups = new Map<string, GroupDef>();
  private ord = 0;
  private chunk = '';

  private constructor(
    private readonly tx: Store,
    private readonly copy: CopyIn,
    private readonly opts: { importBatchId: number; now: number },
    /** Whether the database lowercases ASCII as ASCII (not under a Turkish LC_CTYPE): then Node computes ASCII documents. */
    private readonly asciiDocs: boolean,
  ) {}

  static async open(tx: Store, opts: { importBatchId: number; now: number }): Promise<PgImportWriter> {
    // The staging table takes its column types from incidents, so COPY parses values as the
    // upsert will store them; ord keeps the file order (ids are handed out in it, as on SQLite);
    // search is the row's search document when Node computed it (NULL: the database computes it).
    await rowsOf(
      tx,
      sql.raw(
        `CREATE TEMPORARY TABLE ${STAGING} ON COMMIT DROP AS SELECT 0 AS ord, ${COLS.join(', ')}, search FROM incidents WITH NO DATA`,
      ),
    );
    const [{ ascii }] = await rowsOf<{ ascii: boolean }>(tx, sql`SELECT lower('I') = 'i' AS ascii`);
    const copy = new CopyIn(tx, `COPY ${STAGING} (ord, ${COLS.join(', ')}, search) FROM STDIN`);
    return new PgImportWriter(tx, copy, opts, ascii);
  }

  /** Ends a COPY the import gives up on (a bad row, a failed feed), before the transaction rolls back. */
  abort(): Promise<void> {
    return this.copy.abort('the import was rolled back');
  }

  async add(rows: readonly NormalizedIncident[]): Promise<void> {
    for (const { content, newGroup } of rows) this.line(encodeContent(content), newGroup);
    await this.flush(false);
  }

  async addPacked(rows: PackedRows): Promise<void> {
    unpackRows(rows, (values, newGroup) => this.line(values, newGroup));
    await this.flush(false);
  }

  private line(values: unknown[], newGroup: GroupDef | null): void {
    if (newGroup && !this.newGroups.has(newGroup.id)) this.newGroups.set(newGroup.id, newGroup);
    let line = String(this.ord++);
    for (const v of values) line += '\t' + copyText(v);
    const doc = this.asciiDocs ? asciiSearchDoc(SEARCH_AT.map((j) => values[j] as string | null)) : null;
    this.chunk += `${line}\t${doc ?? '\\N'}\n`;
  }

  private async flush(all: boolean): Promise<void> {
    if (this.chunk.length < (all ? 1 : CHUNK_CHARS)) return;
    const chunk = this.chunk;
    this.chunk = '';
    await this.copy.write(chunk);
  }

  /**
   * Ends the COPY, adds the new groups, and writes the staged rows in one statement: existing rows
   * are updated only where a content column differs (IS DISTINCT FROM, so NULLs compare as
   * values); absent ones are inserted in file order. Inserting only the absent rows, rather than
   * one INSERT … ON CONFLICT DO UPDATE over all, keeps unchanged rows from drawing ids off the
   * sequence (a re-import of a million rows would burn a million). A row another instance inserts
   * meanwhile meets ON CONFLICT, and `xmax = 0` tells whether that path inserted or updated.
   * RETURNING names the rows written; the rest were unchanged. Then the outbox, as
   * ImportWriter.finish writes it.
   */
  async finish(): Promise<WriteResult> {
    await this.flush(true);
    await this.copy.end();
    const db = builder(this.tx);
    if (this.newGroups.size) {
      const values = [...this.newGroups.values()].map((g) => ({ ...g, aliases: JSON.stringify(g.aliases) }));
      await db.insert(groups).values(values).onConflictDoNothing();
    }
    const { importBatchId, now } = this.opts;
    await bulkIndexing(this.tx);
    const cols = sql.raw(COLS.join(', '));
    const changedFrom = (a: string, b: string) =>
      sql.raw(`(${COLS.map((c) => `${a}.${c}`).join(', ')}) IS DISTINCT FROM (${COLS.map((c) => `${b}.${c}`).join(', ')})`);
    const changed = await rowsOf<{ id: number; inserted: boolean }>(
      this.tx,
      sql`WITH upd AS (
        UPDATE incidents AS i SET ${sql.raw(COLS.map((c) => `${c} = s.${c}`).join(', '))}, search = s.search, import_batch_id = ${importBatchId}::integer, updated_at = ${now}::bigint
        FROM ${sql.raw(STAGING)} s
        WHERE i.source = s.source AND i.source_id = s.source_id AND ${changedFrom('i', 's')}
        RETURNING i.id, s.ord, false AS inserted
      ),
      ins AS (
        INSERT INTO incidents AS i (${cols}, search, dataset, import_batch_id, created_at, updated_at)
        SELECT ${cols}, search, 'import', ${importBatchId}::integer, ${now}::bigint, ${now}::bigint
        FROM ${sql.raw(STAGING)} s
        WHERE NOT EXISTS (SELECT 1 FROM incidents e WHERE e.source = s.source AND e.source_id = s.source_id)
        ORDER BY s.ord
        ON CONFLICT (source, source_id) DO UPDATE SET ${sql.raw(COLS.map((c) => `${c} = excluded.${c}`).join(', '))}, search = excluded.search, import_batch_id = excluded.import_batch_id, updated_at = excluded.updated_at
        WHERE ${changedFrom('i', 'excluded')}
        RETURNING i.id, i.source, i.source_id, (i.xmax = 0) AS inserted
      )
      SELECT id, ord, inserted FROM upd
      UNION ALL
      SELECT ins.id, r.ord, ins.inserted FROM ins JOIN ${sql.raw(STAGING)} r USING (source, source_id)
      ORDER BY ord`,
    );
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
    await cleanPendingList(this.tx);
    return result;
  }
}

/**
 * Settings for the upsert, this transaction only. The search index is a GIN index with `fastupdate`
 * (PostgreSQL's default): new entries go to a pending list, which the inserting session merges into
 * the index each time it outgrows gin_pending_list_limit (4 MB), with work_mem (4 MB) to sort them.
 * With 64 MB an import merges 16 times less often, each merge adding many more rows' ids to a word
 * at once: about 15% less CPU for the upsert of 200,000 rows (docs/benchmarks.md, PostgreSQL
 * import). The larger work_mem also serves the upsert's hash join and sort.
 */
async function bulkIndexing(tx: Store): Promise<void> {
  await rowsOf(tx, sql`SELECT set_config('work_mem', '64MB', true), set_config('gin_pending_list_limit', '64MB', true)`);
}

/**
 * Merges what the import left in the search index's pending list before COMMIT: left there, up to
 * 64 MB of entries would be read by every search until a later write (a POST, paying for the
 * merge with the default 4 MB) or autovacuum merged them. gin_clean_pending_list needs the index's
 * owner (the role that ran the migrations); a role without it leaves the merge to autovacuum.
 */
async function cleanPendingList(tx: Store): Promise<void> {
  await rowsOf(
    tx,
    sql`SELECT gin_clean_pending_list(c.oid) FROM pg_class c
        WHERE c.oid = to_regclass('public.incidents_search_idx') AND pg_has_role(c.relowner, 'USAGE')`,
  );
}
