import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { NEW_DATABASE_PAGE_SIZE, openDatabase } from '@/db/connection';
import { migrateSqlite } from '@/db/migrate';
import { createApiToken } from '@/db/services/tokens';
import { importCsvFiles } from '@/server/import/import';
import { generateAcledCsv, GENERATOR_VERSION, PART_ROWS } from './acled-generator';
import { benchRuleBodies, insertBenchRules } from '../lib/rules';

export const REPORT_TIME_ZONE = 'Asia/Karachi';
export const BENCH_RULES = 200;

export interface Dataset {
  count: number;
  seed: number;
  dir: string;
  parts: string[];
  /** Loaded through the product import, checkpointed; never modified after creation. */
  loadedPath: string;
  /** The import run that created `loadedPath` (null when it came from the cache). */
  load: ImportRun | null;
}

export interface ImportRun {
  ms: number;
  inserted: number;
}

/**
 * Changes whenever a migration is added, the bench rules change or new databases get another page
 * size, so cached databases follow the schema, the rule set and the file format (the site ids are
 * placeholders: the fingerprint is of the generator).
 */
function cacheKey(): string {
  const rules = JSON.stringify(benchRuleBodies(BENCH_RULES, [1, 2, 3, 4, 5, 6, 7, 8]));
  const journal = readFileSync('db/migrations/meta/_journal.json');
  return createHash('sha256').update(journal).update(rules).update(String(NEW_DATABASE_PAGE_SIZE)).digest('hex').slice(0, 8);
}

const removeDb = (path: string) => {
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
};

/** A freshly migrated database file holding the 200 benchmark rules, as an import target. */
export async function createTemplate(path: string): Promise<void> {
  removeDb(path);
  const db = openDatabase(path);
  migrateSqlite(db, { reportTimeZone: REPORT_TIME_ZONE });
  await insertBenchRules(db, BENCH_RULES);
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  db.$client.close();
}

/**
 * Imports every part with the product's importCsvFiles, as `npm run import -- PART…` does
 * (validation, normalisation, writes, alert evaluation; one batch per part), timing reading +
 * importing; the connection is opened like the CLI opens it.
 */
export async function importParts(parts: string[], dbPath: string): Promise<ImportRun> {
  const db = openDatabase(dbPath);
  migrateSqlite(db, { reportTimeZone: REPORT_TIME_ZONE });
  const t = performance.now();
  try {
    const reports = await importCsvFiles(db, parts, { format: 'acled', timeZone: REPORT_TIME_ZONE });
    const ms = performance.now() - t;
    const rejected = reports.find((r) => r.errors.length);
    if (rejected) throw new Error(`import of ${rejected.file} rejected: ${JSON.stringify(rejected.errors.slice(0, 5))}`);
    db.$client.pragma('wal_checkpoint(TRUNCATE)');
    return { ms, inserted: reports.reduce((n, r) => n + r.inserted, 0) };
  } finally {
    db.$client.close();
  }
}

/** Imports the dataset into a fresh template at `path`; the caller removes it. */
export async function freshImport(ds: Pick<Dataset, 'parts'>, path: string): Promise<ImportRun> {
  await createTemplate(path);
  return importParts(ds.parts, path);
}

/** Generates (or reuses) the CSV parts and the loaded database for (count, seed). */
export async function prepareDataset(work: string, count: number, seed: number, log: (s: string) => void): Promise<Dataset> {
  const dir = join(work, 'data', `n${count}-s${seed}-g${GENERATOR_VERSION}`);
  mkdirSync(dir, { recursive: true });
  const done = join(dir, 'parts.done');
  const partName = (i: number) => join(dir, `acled-${String(i).padStart(3, '0')}.csv`);
  if (!existsSync(done)) {
    log(`generating ${count.toLocaleString('en')} ACLED rows in ${Math.ceil(count / PART_ROWS)} file(s) under ${dir}`);
    generateAcledCsv(partName, count, seed);
    writeFileSync(done, new Date().toISOString());
  }
  const parts = readdirSync(dir).filter((f) => /^acled-\d{3}\.csv$/.test(f)).sort().map((f) => join(dir, f));
  const loadedPath = join(dir, `loaded-m${cacheKey()}.db`);
  // Databases loaded under older migrations are stale: free their space.
  for (const f of readdirSync(dir)) if (f.startsWith('loaded-') && join(dir, f) !== loadedPath) rmSync(join(dir, f), { force: true });
  let load: ImportRun | null = null;
  if (!existsSync(loadedPath)) {
    const tmp = `${loadedPath}.loading`;
    log(`importing ${parts.length} file(s) through the product import (importCsvFiles)…`);
    load = await freshImport({ parts }, tmp);
    if (load.inserted !== count) throw new Error(`expected ${count} inserted rows, the import reported ${load.inserted}`);
    renameSync(tmp, loadedPath);
    removeDb(tmp);
    log(`loaded ${load.inserted.toLocaleString('en')} rows in ${(load.ms / 1000).toFixed(1)} s`);
  }
  return { count, seed, dir, parts, loadedPath, load };
}

/** A private copy of the loaded database for one bench invocation, with an admin token. */
export async function workingCopy(ds: Dataset, work: string): Promise<{ dbPath: string; token: string }> {
  const dbPath = join(work, 'run', 'work.db');
  mkdirSync(join(work, 'run'), { recursive: true });
  removeDb(dbPath);
  copyFileSync(ds.loadedPath, dbPath);
  const db = openDatabase(dbPath);
  const { token } = await createApiToken(db, { name: 'bench', role: 'admin' });
  db.$client.close();
  return { dbPath, token };
}

export { removeDb };
