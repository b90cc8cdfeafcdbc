import Database from 'better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { MIGRATIONS_FOLDER } from '../migrate';
import { schemaTableNames } from './copy-plan';

/**
 * The SQLite side of `npm run db:copy`: the file opened read-only and checked before anything is
 * written to PostgreSQL. The copy reads everything inside one read transaction (see openSource),
 * so a server still writing to the file cannot make the tables disagree with each other.
 */

/** The copy will not start, for a reason the operator can fix (printed as is; the CLI exits 2). */
export class CopyRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CopyRefusedError';
  }
}

/** Opens `path` read-only and starts the read transaction every later read of the copy sees. */
export function openSource(path: string): Database.Database {
  let sqlite: Database.Database;
  try {
    sqlite = new Database(path, { readonly: true, fileMustExist: true });
    // WAL mode: the snapshot is fixed at the first read after BEGIN, so read once right away.
    sqlite.prepare('BEGIN').run();
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (err) {
    throw new CopyRefusedError(`${path} cannot be read as a SQLite database: ${err instanceof Error ? err.message : String(err)}`);
  }
  return sqlite;
}

/** Ends the read transaction and closes the file. */
export function closeSource(sqlite: Database.Database): void {
  if (!sqlite.open) return;
  if (sqlite.inTransaction) sqlite.prepare('COMMIT').run();
  sqlite.close();
}

/**
 * Refuses a file that is not a Frontier Watch database at exactly this version's last migration:
 * an older one has other columns (migrate it first), a newer one may hold tables this version
 * would silently leave behind.
 */
export function checkSourceVersion(sqlite: Database.Database, path: string): void {
  const known = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER });
  const want = Math.max(...known.map((m) => m.folderMillis));
  const hasLog = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
  if (!hasLog) throw new CopyRefusedError(`${path} is not a Frontier Watch database (it records no migrations)`);
  const { n, last } = sqlite.prepare('SELECT count(*) AS n, max(created_at) AS last FROM __drizzle_migrations').get() as {
    n: number;
    last: number | null;
  };
  const migrate = `run \`DATABASE_PATH=${path} npm run db:migrate\` (or start the app on it once), then copy again`;
  if (last === null || Number(last) < want)
    throw new CopyRefusedError(`${path} is not migrated to this version (${n} of ${known.length} migrations applied): ${migrate}`);
  if (Number(last) > want)
    throw new CopyRefusedError(`${path} was migrated by a newer version of Frontier Watch; copy it with that version`);
}

/**
 * Refuses a file whose tables are not exactly those of db/schema-pg: a table the copy does not
 * know would be left behind without a word. FTS5 tables (and their shadow tables), SQLite's own
 * tables and the migration log have no counterpart to copy.
 */
export function checkSourceTables(sqlite: Database.Database, path: string): void {
  const all = sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table'").all() as { name: string; sql: string | null }[];
  const virtual = all.filter((t) => /^CREATE VIRTUAL TABLE/i.test(t.sql ?? '')).map((t) => t.name);
  const own = all
    .map((t) => t.name)
    .filter((n) => !n.startsWith('sqlite_') && n !== '__drizzle_migrations')
    .filter((n) => !virtual.some((v) => n === v || n.startsWith(`${v}_`)));
  const expected = new Set(schemaTableNames());
  const unknown = own.filter((n) => !expected.has(n));
  const missing = [...expected].filter((n) => !own.includes(n));
  if (unknown.length > 0) throw new CopyRefusedError(`${path} has tables this version does not copy: ${unknown.join(', ')}`);
  if (missing.length > 0) throw new CopyRefusedError(`${path} lacks the tables ${missing.join(', ')}`);
}

/** The report time zone recorded in the file (every migrated file has one). */
export function sourceTimeZone(sqlite: Database.Database): string | undefined {
  const row = sqlite.prepare("SELECT value FROM meta WHERE key = 'report_time_zone'").get() as { value: string } | undefined;
  return row?.value;
}

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Rows of `table` in the snapshot. */
export const sourceCount = (sqlite: Database.Database, table: string): number =>
  (sqlite.prepare(`SELECT count(*) AS n FROM ${quote(table)}`).get() as { n: number }).n;

/** The rows of `table`, `columns` in that order, as arrays, one at a time (memory stays flat). */
export function sourceRows(sqlite: Database.Database, table: string, columns: string[]): IterableIterator<unknown[]> {
  return sqlite
    .prepare(`SELECT ${columns.map(quote).join(', ')} FROM ${quote(table)}`)
    .raw(true)
    .iterate() as IterableIterator<unknown[]>;
}
