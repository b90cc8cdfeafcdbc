/**
 * `npm run bench -- --engine postgres`: the scenarios that apply to a PostgreSQL deployment, on
 * servers started with DATABASE_URL on a working copy of the data set's template database, with
 * the in-process floors measured through a pool on the same database.
 */
import { sql } from 'drizzle-orm';
import { rows } from '@/db/engine';
import { closeStore, openStore, type Store } from '@/db/store';
import type { Db } from '@/db/connection';
import { dayToDate } from '@/lib/time/zone';
import { LAST_DAY } from '../data/acled-generator';
import type { Dataset } from '../data/dataset';
import type { BenchArgs } from '../lib/args';
import { HttpClient } from '../lib/http';
import { runScenarios } from '../lib/loop';
import type { Metric } from '../lib/metric';
import { ensureBuild, startServer, type Server } from '../lib/server';
import { importScenario } from '../scenarios/import';
import { instancesScenario } from '../scenarios/instances';
import { ingestScenario } from '../scenarios/ingest';
import { listScenario } from '../scenarios/list';
import { mapScenario } from '../scenarios/map-api';
import { weeklyScenario } from '../scenarios/weekly';
import type { BenchContext, FilterWindow, Scenario } from '../scenarios/types';
import { ensureTemplate, pgFreshImport, workingDatabase } from './database';

/** Read-only first; ingest adds rows, so it runs last. The other scenarios are SQLite-only. */
const ORDER: Scenario[] = [listScenario, mapScenario, weeklyScenario, instancesScenario, ingestScenario];
const WINDOW_SIZE = 100_000;
/** PostgreSQL's import target (issue 19): 60 s per 1M rows. */
const IMPORT_SECONDS_PER_1M = 60;

async function filterWindow(store: Store, count: number): Promise<FilterWindow> {
  const [first] = await rows<{ day: number }>(
    store,
    sql`SELECT occurred_day AS day FROM incidents ORDER BY occurred_day DESC LIMIT 1 OFFSET ${Math.min(WINDOW_SIZE, count) - 1}`,
  );
  const [n] = await rows<{ n: number }>(
    store,
    sql`SELECT count(*) AS n FROM incidents WHERE occurred_day BETWEEN ${first.day} AND ${LAST_DAY}`,
  );
  return { from: dayToDate(first.day), to: dayToDate(LAST_DAY), count: Number(n.n) };
}

export async function runPostgres(
  args: BenchArgs,
  ds: Dataset,
  log: (s: string) => void,
  partial: (runs: Metric[][]) => void,
): Promise<Metric[][]> {
  const serverUrl = args.pgUrl!;
  const runs: Metric[][] = [];
  const skipped = args.only.filter((n) => n !== 'import' && !ORDER.some((s) => s.name === n));
  if (skipped.length) log(`not on PostgreSQL (SQLite-only scenarios): ${skipped.join(', ')}`);
  const template = await ensureTemplate(serverUrl, ds, log);
  if (args.only.includes('import')) {
    const fresh = () => pgFreshImport(serverUrl, ds, args.work, args.port);
    runs.push(...(await importScenario(ds, args.work, args.importRuns ?? args.runs, log, { fresh, secondsPer1M: IMPORT_SECONDS_PER_1M })));
    partial(runs);
  }
  const scenarios = ORDER.filter((s) => args.only.includes(s.name));
  if (!scenarios.length) return runs;

  const { url, token } = await workingDatabase(serverUrl, template.name, args.port);
  const store = openStore(url, { poolMax: 4, applicationName: 'frontier-watch-bench' });
  const servers: Server[] = [];
  const clients = new Map<number, HttpClient>();
  const byPort = new Map<number, Server>();
  // The comparison page of the SQLite bench takes port + 1: the second instance takes port + 2.
  const lazyServer = (port: number) => {
    let start: Promise<Server> | null = null;
    return async () => {
      start ??= Promise.resolve()
        .then(() => ensureBuild(args.build, log))
        .then(() => startServer({ port, databaseUrl: url }))
        .then((s) => (servers.push(s), byPort.set(port, s), s));
      return (await start).baseUrl;
    };
  };
  const baseUrl = lazyServer(args.port);
  try {
    const window = await filterWindow(store, args.count);
    log(`filter window ${window.from}…${window.to}: ${window.count.toLocaleString('en')} incidents`);
    const ctx: BenchContext = {
      args,
      engine: 'postgres',
      ds,
      dbPath: '',
      token,
      window,
      baseUrl,
      secondInstance: lazyServer(args.port + 2),
      serverPid: () => byPort.get(args.port)?.pid,
      client: async (n = 1) => {
        const base = await baseUrl();
        if (!clients.has(n)) clients.set(n, new HttpClient(base, token, n));
        return clients.get(n)!;
      },
      db: (): Db => {
        throw new Error('this scenario reads SQLite directly');
      },
      store: () => store,
      log,
    };
    await runScenarios(scenarios, ctx, runs, () => partial(runs));
  } finally {
    for (const c of clients.values()) c.close();
    for (const s of servers) await s.stop();
    await closeStore(store);
  }
  return runs;
}
