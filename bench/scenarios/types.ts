import type { BenchArgs, ScenarioName } from '../lib/args';
import type { Dataset } from '../data/dataset';
import type { HttpClient } from '../lib/http';
import type { Metric } from '../lib/metric';
import type { Db } from '@/db/connection';
import type { Engine, Store } from '@/db/store';

/** The filter window that holds min(100k, N) incidents: the newest days of the data set. */
export interface FilterWindow {
  from: string;
  to: string;
  count: number;
}

export interface BenchContext {
  args: BenchArgs;
  ds: Dataset;
  /** What the servers run on (--engine). */
  engine: Engine;
  /** Working copy of the loaded database served by the bench server (SQLite). */
  dbPath: string;
  /** Admin bearer token valid on `dbPath`. */
  token: string;
  window: FilterWindow;
  /** Lazily started production server on the working copy. */
  baseUrl(): Promise<string>;
  /** PostgreSQL: base URL of a second instance on the same database (started lazily). */
  secondInstance?(): Promise<string>;
  /** Process group id of the started server (its resident memory is sampled), once started. */
  serverPid?(): number | undefined;
  /** Loopback client with `connections` keep-alive sockets (closed by the harness). */
  client(connections?: number): Promise<HttpClient>;
  /** In-process connection to the same working copy (for floors and in-process scenarios); SQLite only. */
  db(): Db;
  /** In-process store on the same working copy, either engine (the SQLite one is `db()`). */
  store(): Store;
  log(s: string): void;
}

export interface Scenario {
  name: ScenarioName;
  /** One run; the harness calls it `--runs` times and reports medians. */
  run(ctx: BenchContext, run: number): Promise<Metric[]>;
}
