/**
 * The PostgreSQL bench's databases, on the server named by --pg-url: a template per data set
 * (the cached SQLite database moved with the product's db:copy), a working copy per bench port
 * made from it with `CREATE DATABASE … TEMPLATE` (a file copy: seconds, like the SQLite bench's
 * copyFileSync), and scratch databases for the import runs.
 */
import { createHash } from 'node:crypto';
import { basename, join } from 'node:path';
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { copySqliteToPostgres } from '@/db/services/db-copy';
import { closeStore, openStore, type Store } from '@/db/store';
import { createApiToken } from '@/db/services/tokens';
import { importCsvFiles } from '@/server/import/import';
import { createTemplate, removeDb, REPORT_TIME_ZONE, type Dataset, type ImportRun } from '../data/dataset';

/** The server URL with another database name (user, password, host and options kept). */
export function databaseUrl(serverUrl: string, name: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Names are built from digits, [a-z_] and a hex digest only: safe to quote as identifiers. */
const ident = (name: string): string => {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unexpected database name ${name}`);
  return `"${name}"`;
};

/** One admin connection on the server (to the database named in the URL) for CREATE/DROP DATABASE. */
async function admin<T>(serverUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: serverUrl, application_name: 'frontier-watch-bench' });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const exists = async (c: pg.Client, name: string) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;

/**
 * Plain DROP first: it ends autovacuum workers on the database itself, where FORCE needs the right
 * to signal them (a superuser's processes) and fails without it. FORCE only when a client of ours
 * (a server that did not stop) is still connected.
 */
async function drop(c: pg.Client, name: string): Promise<void> {
  try {
    await c.query(`DROP DATABASE IF EXISTS ${ident(name)}`);
  } catch (err) {
    if ((err as { code?: string }).code !== '55006') throw err; // object_in_use
    await c.query(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`);
  }
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await admin(serverUrl, (c) => drop(c, name));
}

/** An empty database `name` (dropped first if present). */
export async function freshDatabase(serverUrl: string, name: string, template?: string): Promise<string> {
  await admin(serverUrl, async (c) => {
    await drop(c, name);
    await c.query(`CREATE DATABASE ${ident(name)}${template ? ` TEMPLATE ${ident(template)}` : ''}`);
  });
  return databaseUrl(serverUrl, name);
}

/** Follows the SQLite file (its name carries the SQLite cache key) and the PostgreSQL migrations. */
function templateName(ds: Dataset): string {
  const hash = createHash('sha256').update(basename(ds.loadedPath));
  for (const f of readdirSync('db/migrations-pg').sort()) if (f.endsWith('.sql')) hash.update(readFileSync(`db/migrations-pg/${f}`));
  return `fwbench_n${ds.count}_s${ds.seed}_${hash.digest('hex').slice(0, 8)}`;
}

export interface Template {
  name: string;
  /** Milliseconds the db:copy took when this call made the template (null: cached). */
  copyMs: number | null;
}

/**
 * The template database holding the data set (cached on the server across runs). Built under a
 * temporary name and renamed when complete, so an interrupted load is never taken for a template.
 */
export async function ensureTemplate(serverUrl: string, ds: Dataset, log: (s: string) => void): Promise<Template> {
  const name = templateName(ds);
  if (await admin(serverUrl, (c) => exists(c, name))) return { name, copyMs: null };
  const loading = `${name}_loading`;
  const url = await freshDatabase(serverUrl, loading);
  log(`copying ${ds.loadedPath} into PostgreSQL database ${name} (db:copy)…`);
  const store = openStore(url, { poolMax: 2, applicationName: 'frontier-watch-bench' });
  let ms: number;
  try {
    ms = (await copySqliteToPostgres({ from: ds.loadedPath, to: store, force: false })).ms;
  } finally {
    await closeStore(store);
  }
  await admin(serverUrl, async (c) => {
    // Templates of older migrations or data sets of this count and seed are stale: free their space.
    const stale = await c.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [
      // LIKE's _ matches any character: escaped, so only this count and seed match.
      `fwbench_n${ds.count}_s${ds.seed}_`.replaceAll('_', '\\_') + '%',
    ]);
    for (const { datname } of stale.rows) if (datname !== loading && /^[a-z0-9_]+$/.test(datname)) await drop(c, datname);
    await c.query(`ALTER DATABASE ${ident(loading)} RENAME TO ${ident(name)}`);
  });
  log(`copied in ${(ms / 1000).toFixed(1)} s`);
  return { name, copyMs: ms };
}

/** A private copy of the template for this bench port, with an admin token. */
export async function workingDatabase(serverUrl: string, template: string, port: number): Promise<{ url: string; token: string }> {
  const url = await freshDatabase(serverUrl, `fwbench_work_p${port}`, template);
  const store: Store = openStore(url, { poolMax: 1, applicationName: 'frontier-watch-bench' });
  try {
    const { token } = await createApiToken(store, { name: 'bench', role: 'admin' });
    return { url, token };
  } finally {
    await closeStore(store);
  }
}

/**
 * One timed ACLED import into a fresh database holding only the 200 bench rules (the SQLite
 * import template moved with db:copy, untimed), through the product's importCsvFiles as
 * `npm run import` runs it with DATABASE_URL set. The scratch database is dropped afterwards.
 */
export async function pgFreshImport(serverUrl: string, ds: Dataset, work: string, port: number): Promise<ImportRun> {
  const sqliteTemplate = join(work, 'run', 'import-template.db');
  await createTemplate(sqliteTemplate);
  const name = `fwbench_import_p${port}`;
  const store = openStore(await freshDatabase(serverUrl, name), { poolMax: 4, applicationName: 'frontier-watch-bench' });
  try {
    await copySqliteToPostgres({ from: sqliteTemplate, to: store, force: false });
    removeDb(sqliteTemplate);
    const t = performance.now();
    const reports = await importCsvFiles(store, ds.parts, { format: 'acled', timeZone: REPORT_TIME_ZONE });
    const ms = performance.now() - t;
    const rejected = reports.find((r) => r.errors.length);
    if (rejected) throw new Error(`import of ${rejected.file} rejected: ${JSON.stringify(rejected.errors.slice(0, 5))}`);
    return { ms, inserted: reports.reduce((n, r) => n + r.inserted, 0) };
  } finally {
    await closeStore(store);
    // A scratch database left behind is dropped by the next run: not worth losing the timing for.
    await dropDatabase(serverUrl, name).catch((err: unknown) => console.warn(`bench: could not drop ${name}: ${String(err)}`));
  }
}
