/**
 * `npm run bench -- [--count 1000000] [--only list,map,…] [--runs 3]`: generates (or reuses) a
 * deterministic ACLED data set, loads it through the product import, starts the production
 * server on loopback and measures every target of docs/benchmarks.md. Exits 1 on any miss.
 * `--engine postgres` runs the scenarios that apply on PostgreSQL instead (bench/pg/run-postgres.ts).
 */
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { parseBenchArgs, type ScenarioName } from './lib/args';
import { prepareDataset, workingCopy, type Dataset } from './data/dataset';
import { LAST_DAY } from './data/acled-generator';
import { ensureBuild, startServer, type Server } from './lib/server';
import { HttpClient } from './lib/http';
import { aggregate, type AggregatedMetric, type Metric } from './lib/metric';
import { runScenarios } from './lib/loop';
import { runPostgres } from './pg/run-postgres';
import { markdownTable, textTable } from './lib/report';
import { openDatabase, type Db } from '@/db/connection';
import { dayToDate } from '@/lib/time/zone';
import { redactPostgresUrl } from '@/lib/postgres-url';
import { importScenario } from './scenarios/import';
import { listScenario } from './scenarios/list';
import { mapScenario } from './scenarios/map-api';
import { weeklyScenario } from './scenarios/weekly';
import { alertsScenario } from './scenarios/alerts';
import { frontendScenario } from './scenarios/frontend';
import { lighthouseScenario } from './scenarios/lighthouse';
import { browserMapScenario, closeSharedBrowser } from './scenarios/browser-map';
import { ingestScenario } from './scenarios/ingest';
import { liveScenario } from './scenarios/live';
import { pollScenario } from './scenarios/poll';
import { reportsScenario } from './scenarios/reports';
import { intakeScenario } from './intake-extract';
import { exportScenario } from './scenarios/export';
import { acledSyncScenario } from './acled-sync';
import type { BenchContext, FilterWindow, Scenario } from './scenarios/types';

/** Read-only scenarios first; ingest and live add rows to the working copy, so they run last. */
const ORDER: Scenario[] = [
  intakeScenario,
  listScenario,
  mapScenario,
  weeklyScenario,
  alertsScenario,
  frontendScenario,
  lighthouseScenario,
  browserMapScenario,
  exportScenario,
  // Adds 100,000 reports (not incidents): the incident scenarios above are unaffected.
  reportsScenario,
  ingestScenario,
  liveScenario,
  pollScenario,
  // Its own fresh databases and stand-in ACLED server: independent of the data set.
  acledSyncScenario,
];
const WINDOW_SIZE = 100_000;

const args = parseBenchArgs(process.argv.slice(2));
const started = performance.now();
const log = (s: string) => console.log(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${s}`);
const want = (n: ScenarioName) => args.only.includes(n);

function filterWindow(db: Db, count: number): FilterWindow {
  const fromDay = db.$client
    .prepare('SELECT occurred_day FROM incidents ORDER BY occurred_day DESC LIMIT 1 OFFSET ?')
    .pluck()
    .get(Math.min(WINDOW_SIZE, count) - 1) as number;
  const n = db.$client
    .prepare('SELECT count(*) FROM incidents WHERE occurred_day BETWEEN ? AND ?')
    .pluck()
    .get(fromDay, LAST_DAY) as number;
  return { from: dayToDate(fromDay), to: dayToDate(LAST_DAY), count: n };
}

async function main(): Promise<number> {
  const ds = await prepareDataset(args.work, args.count, args.seed, log);
  if (args.engine === 'postgres') return finish(ds, await runPostgres(args, ds, log, (runs) => writeResults(ds, runs, false)));
  const runs: Metric[][] = [];
  if (want('import')) runs.push(...(await importScenario(ds, args.work, args.importRuns ?? args.runs, log)));
  const scenarios = ORDER.filter((s) => want(s.name));
  let server: Server | null = null;
  const clients = new Map<number, HttpClient>();
  let db: Db | null = null;
  if (scenarios.length) {
    const { dbPath, token } = await workingCopy(ds, args.work);
    db = openDatabase(dbPath);
    const window = filterWindow(db, args.count);
    log(`filter window ${window.from}…${window.to}: ${window.count.toLocaleString('en')} incidents`);
    let serverStart: Promise<Server> | null = null;
    const baseUrl = async () => {
      serverStart ??= Promise.resolve()
        .then(() => ensureBuild(args.build, log))
        .then(() => startServer({ port: args.port, dbPath }))
        .then((s) => (server = s));
      return (await serverStart).baseUrl;
    };
    const ctx: BenchContext = {
      args,
      engine: 'sqlite',
      ds,
      dbPath,
      token,
      window,
      baseUrl,
      serverPid: () => server?.pid,
      client: async (n = 1) => {
        const url = await baseUrl();
        if (!clients.has(n)) clients.set(n, new HttpClient(url, token, n));
        return clients.get(n)!;
      },
      db: () => db!,
      store: () => db!,
      log,
    };
    await runScenarios(scenarios, ctx, runs, () => writeResults(ds, runs, false));
  }
  for (const c of clients.values()) c.close();
  await closeSharedBrowser();
  await (server as Server | null)?.stop();
  db?.$client.close();
  return finish(ds, runs);
}

function finish(ds: Dataset, runs: Metric[][]): number {
  const results = writeResults(ds, runs, true);
  const missed = results.filter((m) => !m.passed);
  log(`${results.length} metrics, ${missed.length} missed; wrote ${latest}`);
  return missed.length ? 1 : 0;
}

const stamp = new Date().toISOString().replace(/[:.]/g, '-');
/** The PostgreSQL bench writes beside the SQLite results rather than over them. */
const engineTag = args.engine === 'postgres' ? '-postgres' : '';
const latest = `bench/results/latest${engineTag}.md`;

/** Medians so far to bench/results (after every scenario, so a crash late in a 1M run keeps the rest). */
function writeResults(ds: Dataset, runs: Metric[][], final: boolean): AggregatedMetric[] {
  const results = aggregate(runs);
  const machine = {
    nproc: cpus().length,
    cpu: cpus()[0]?.model,
    ramGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    sqlite: openDatabase(':memory:').$client.prepare('SELECT sqlite_version()').pluck().get() as string,
  };
  const data = {
    csvMB: Math.round(ds.parts.reduce((n, p) => n + statSync(p).size, 0) / 1e6),
    databaseMB: Math.round(statSync(ds.loadedPath).size / 1e6),
  };
  if (final) console.log(`\n${textTable(results)}\n`);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(
    `bench/results/n${args.count}${engineTag}-${stamp}.json`,
    JSON.stringify({ args: { ...args, pgUrl: args.pgUrl && redactPostgresUrl(args.pgUrl) }, machine, data, results }, null, 2),
  );
  writeFileSync(
    latest,
    `${args.engine === 'postgres' ? 'PostgreSQL, ' : ''}N = ${args.count}, runs = ${args.runs}${final ? '' : ' (partial)'}, ${JSON.stringify(machine)}, ${JSON.stringify(data)}\n\n${markdownTable(results)}\n`,
  );
  return results;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(2);
  },
);
