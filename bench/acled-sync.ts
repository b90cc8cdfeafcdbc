/**
 * ACLED API sync: the backfill of 200,000 ACLED rows from the stand-in ACLED server on loopback
 * (tests/support/acled-standin.ts) into a fresh SQLite database, as the scheduler runs it
 * (pollSource: token, 40 pages of 5,000, each page and its cursor in one transaction, then the
 * deletions read). Target ≤ 30 s (issue 22).
 * The stand-in runs in a process of its own, as the real API is another machine. Floors measured
 * in the same run, on the same machine: the stand-in's paging alone (40 pages fetched and checked,
 * nothing stored), and the CSV import of the same 200,000 rows into another fresh database (one
 * file, one transaction: what the sync's per-page writes are weighed against).
 *
 * `npx tsx bench/acled-sync.ts [ROWS]` runs it alone; `npm run bench -- --only acled-sync` inside
 * the harness.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import { closeStore, openStore, type Store } from '@/db/store';
import { migrateDatabase } from '@/db/migrate';
import { createSource } from '@/db/services/sources';
import { getSource } from '@/db/queries/sources';
import { readRows, readUrl, ACLED_PAGE_LIMIT } from '@/lib/acled/api';
import { resetEnvCache } from '@/lib/env';
import { importCsv } from '@/server/import/import';
import { acledJson, DEFAULT_ACLED_LIMITS } from '@/server/intake/acled-http';
import { pollSource } from '@/server/intake/poll-source';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { acledCsv, syntheticAcled } from '../tests/support/api-acled';
import { standinSourceInput } from '../tests/support/acled-standin';
import { metric, type Metric } from './lib/metric';
import type { Scenario } from './scenarios/types';

const TIME_ZONE = 'Asia/Karachi';
const TARGET_S = 30;

async function freshStore(dir: string, name: string): Promise<Store> {
  const store = openStore(join(dir, name));
  await migrateDatabase(store, { reportTimeZone: TIME_ZONE });
  return store;
}

const seconds = async (run: () => Promise<unknown>) => {
  const t = performance.now();
  await run();
  return (performance.now() - t) / 1000;
};

interface Standin {
  base: string;
  email: string;
  password: string;
  child: ChildProcess;
}

/** The stand-in in its own process, serving `rows` events (the API is another machine in production). */
async function startStandin(rows: number): Promise<Standin> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/acled-standin-main.ts', String(rows)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the stand-in exited (${code})`)));
  });
  return { ...(JSON.parse(line) as Omit<Standin, 'child'>), child };
}

export async function measureAcledSync(rows = 200_000, log: (s: string) => void = console.log): Promise<Metric[]> {
  process.env.SECRETS_KEY ??= randomBytes(32).toString('hex');
  process.env.DEMO_DATA = 'false';
  process.env.LOG_LEVEL ??= 'warn';
  resetEnvCache();
  const dir = mkdtempSync(join(tmpdir(), 'fw-acled-bench-'));
  const api = await startStandin(rows);
  try {
    // Floor 1: the pages alone, fetched and checked as the sync fetches them (with a token the stand-in already knows).
    const today = new Date().toISOString().slice(0, 10);
    const paging = await seconds(async () => {
      for (let page = 1; ; page++) {
        const url = readUrl(api.base, { country: 'Pakistan', from: '2017-01-01', to: today, page });
        const got = readRows(
          await acledJson(url, { method: 'GET', headers: { authorization: 'Bearer bench-token' } }, DEFAULT_ACLED_LIMITS),
        );
        if (got.length < ACLED_PAGE_LIMIT) break;
      }
    });
    log(`acled-sync: paging alone ${paging.toFixed(1)} s`);

    // Floor 2: the same rows as one CSV file through the import.
    const csvStore = await freshStore(dir, 'csv.db');
    const csv = acledCsv(syntheticAcled(rows));
    const csvImport = await seconds(() => importCsv(csvStore, csv, { format: 'acled', timeZone: TIME_ZONE }));
    await closeStore(csvStore);
    log(`acled-sync: CSV import of the same rows ${csvImport.toFixed(1)} s`);

    const store = await freshStore(dir, 'sync.db');
    const source = await createSource(store, standinSourceInput(api));
    const sync = await seconds(() => pollSource(store, source.id, { timeZone: TIME_ZONE }));
    const after = await getSource(store, source.id);
    await closeStore(store);
    if (after.sync?.rows !== rows || after.lastError)
      throw new Error(`the sync did not complete: ${JSON.stringify(after.sync)} ${after.lastError}`);
    log(`acled-sync: backfill ${sync.toFixed(1)} s (${after.sync.pages} pages)`);
    const label = `${rows.toLocaleString('en')} rows`;
    return [
      metric(
        'acled-sync',
        `ACLED API backfill, ${label} from the stand-in (pages of 5,000)`,
        's',
        sync,
        'max',
        (TARGET_S * rows) / 200_000,
        {
          baseline: { name: 'the stand-in’s paging alone (fetch + JSON + checks)', value: paging },
        },
      ),
      metric('acled-sync', `ACLED CSV import of the same ${label} (reference)`, 's', csvImport, 'max', (TARGET_S * rows) / 200_000),
    ];
  } finally {
    api.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

export const acledSyncScenario: Scenario = {
  name: 'acled-sync',
  run: (ctx) => measureAcledSync(200_000, (s) => ctx.log(s)),
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = Number(process.argv[2] ?? 200_000);
  for (const m of await measureAcledSync(rows)) {
    const base = m.baseline ? ` (floor ${m.baseline.value.toFixed(1)} ${m.unit}: ${m.baseline.name})` : '';
    console.log(`${m.name}: ${m.value.toFixed(1)} ${m.unit}, target ≤ ${m.target} ${m.unit}${base}`);
  }
}
