/**
 * The day rollup (incident_day_stats) of an import's inserted rows, summed on the writing thread
 * from the values it binds anyway, then written as one upsert per (day, region, group, event type)
 * key. The set-based pass it replaces read every new incident row back (wide rows: notes, actors)
 * and upserted once per row: 2.6 CPU s per 1M rows, most of it reading (docs/benchmarks.md).
 *
 * It mirrors the `incident_day_stats_ai` trigger of migration 0003 in JavaScript. The trigger's
 * stored SQL is checked against the text this mirror was written for (ROLLUP_TRIGGER_SQL): a
 * database whose trigger differs keeps the generic pass (deferred-triggers.ts), so a later
 * migration that changes the trigger can never make an import store other sums than the trigger.
 */
import type Database from 'better-sqlite3';
import { CONTENT_COLUMNS } from '@/db/row-batch';

export const ROLLUP_TRIGGER = 'incident_day_stats_ai';

/** The trigger's SQL (whitespace collapsed) as migration 0003 creates it: what `add` mirrors. */
const ROLLUP_TRIGGER_SQL = `CREATE TRIGGER \`incident_day_stats_ai\` AFTER INSERT ON \`incidents\` BEGIN INSERT INTO incident_day_stats (day, region, group_id, event_type, incidents, killed, injured, killed_security, killed_civilians, killed_militants, killed_unattributed, injured_security, injured_civilians, injured_militants, injured_unattributed, imprecise, cross_border, claimed, demo, imported, live) VALUES (NEW.occurred_day, COALESCE(NEW.region, 'none'), NEW.group_id, NEW.event_type, 1, COALESCE(NEW.killed, 0), COALESCE(NEW.injured, 0), COALESCE(NEW.killed_security, 0), COALESCE(NEW.killed_civilians, 0), COALESCE(NEW.killed_militants, 0), MAX(0, COALESCE(NEW.killed, 0) - COALESCE(NEW.killed_security, 0) - COALESCE(NEW.killed_civilians, 0) - COALESCE(NEW.killed_militants, 0)), COALESCE(NEW.injured_security, 0), COALESCE(NEW.injured_civilians, 0), COALESCE(NEW.injured_militants, 0), MAX(0, COALESCE(NEW.injured, 0) - COALESCE(NEW.injured_security, 0) - COALESCE(NEW.injured_civilians, 0) - COALESCE(NEW.injured_militants, 0)), (NEW.time_precision > 1), (NEW.cross_border <> 0), (NEW.claim_status = 'claimed'), (NEW.dataset = 'demo'), (NEW.dataset = 'import'), (NEW.dataset = 'live')) ON CONFLICT (day, region, group_id, event_type) DO UPDATE SET incidents = incidents + excluded.incidents, killed = killed + excluded.killed, injured = injured + excluded.injured, killed_security = killed_security + excluded.killed_security, killed_civilians = killed_civilians + excluded.killed_civilians, killed_militants = killed_militants + excluded.killed_militants, killed_unattributed = killed_unattributed + excluded.killed_unattributed, injured_security = injured_security + excluded.injured_security, injured_civilians = injured_civilians + excluded.injured_civilians, injured_militants = injured_militants + excluded.injured_militants, injured_unattributed = injured_unattributed + excluded.injured_unattributed, imprecise = imprecise + excluded.imprecise, cross_border = cross_border + excluded.cross_border, claimed = claimed + excluded.claimed, demo = demo + excluded.demo, imported = imported + excluded.imported, live = live + excluded.live; END`;

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim().replace(/;?$/, '');

/** True when the database's rollup trigger is exactly the one ImportRollup mirrors. */
export function rollupTriggerMirrored(client: Database.Database): boolean {
  const sql = client.prepare(`SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?`).pluck().get(ROLLUP_TRIGGER);
  return typeof sql === 'string' && collapse(sql) === collapse(ROLLUP_TRIGGER_SQL);
}

/** The summed columns after the key, in the order of the upsert's values. */
export const SUMS = [
  'incidents',
  'killed',
  'injured',
  'killed_security',
  'killed_civilians',
  'killed_militants',
  'killed_unattributed',
  'injured_security',
  'injured_civilians',
  'injured_militants',
  'injured_unattributed',
  'imprecise',
  'cross_border',
  'claimed',
  'demo',
  'imported',
  'live',
] as const;

const UPSERT = `INSERT INTO incident_day_stats (day, region, group_id, event_type, ${SUMS.join(', ')})
  VALUES (?, ?, ?, ?, ${SUMS.map(() => '?').join(', ')})
  ON CONFLICT (day, region, group_id, event_type) DO UPDATE SET ${SUMS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`;

const at = (key: string) => {
  const i = CONTENT_COLUMNS.findIndex(([k]) => k === key);
  if (i < 0) throw new Error(`import rollup: no content column ${key}`);
  return i;
};
const DAY = at('occurredDay');
const REGION = at('region');
const GROUP = at('groupId');
const TYPE = at('eventType');
const KILLED = at('killed');
const INJURED = at('injured');
const KILLED_BY = [at('killedSecurity'), at('killedCivilians'), at('killedMilitants')];
const INJURED_BY = [at('injuredSecurity'), at('injuredCivilians'), at('injuredMilitants')];
const PRECISION = at('timePrecision');
const CROSS_BORDER = at('crossBorder');
const CLAIM = at('claimStatus');

/** COALESCE(v, 0) of an integer column's bound value. */
const n = (v: unknown) => (v === null || v === undefined ? 0 : (v as number));

/** The key's parts: day, region (COALESCE 'none'), group, event type. */
export const rollupKeyParts = (v: readonly unknown[]): [unknown, unknown, unknown, unknown] => [
  v[DAY],
  v[REGION] ?? 'none',
  v[GROUP],
  v[TYPE],
];

/** The three dataset columns' flags of rows inserted with `dataset`. */
export const datasetFlags = (dataset: string): readonly [number, number, number] => [
  dataset === 'demo' ? 1 : 0,
  dataset === 'import' ? 1 : 0,
  dataset === 'live' ? 1 : 0,
];

/**
 * Adds one inserted row's contribution (the trigger's per-row terms, SUMS order) to s[at …], given
 * the encoded content values the writer binds or COPYs and its dataset's flags.
 */
export function addRollupRow(v: readonly unknown[], s: number[] | Float64Array, at: number, flags: readonly number[]): void {
  const killed = n(v[KILLED]);
  const injured = n(v[INJURED]);
  const ks = n(v[KILLED_BY[0]]);
  const kc = n(v[KILLED_BY[1]]);
  const km = n(v[KILLED_BY[2]]);
  const is = n(v[INJURED_BY[0]]);
  const ic = n(v[INJURED_BY[1]]);
  const im = n(v[INJURED_BY[2]]);
  s[at] += 1;
  s[at + 1] += killed;
  s[at + 2] += injured;
  s[at + 3] += ks;
  s[at + 4] += kc;
  s[at + 5] += km;
  s[at + 6] += Math.max(0, killed - ks - kc - km);
  s[at + 7] += is;
  s[at + 8] += ic;
  s[at + 9] += im;
  s[at + 10] += Math.max(0, injured - is - ic - im);
  s[at + 11] += (v[PRECISION] as number) > 1 ? 1 : 0;
  s[at + 12] += v[CROSS_BORDER] !== 0 ? 1 : 0;
  s[at + 13] += v[CLAIM] === 'claimed' ? 1 : 0;
  s[at + 14] += flags[0];
  s[at + 15] += flags[1];
  s[at + 16] += flags[2];
}

/** One level of RollupKeys' look-up: a key part → the next level (or, for the event type, the key's number). */
type Level<T> = Map<unknown, T>;

function nextLevel<T>(level: Level<Level<T>>, part: unknown): Level<T> {
  let next = level.get(part);
  if (!next) level.set(part, (next = new Map<unknown, T>()));
  return next;
}

/**
 * Rows' rollup keys (day, region or 'none', group, event type), numbered in the order they first
 * appear, the order the imports upsert them in. Found through day → region → group → event type
 * maps: the bound values the parts come from are shared strings (one JS string per distinct value
 * in a posted batch, db/row-batch.ts) whose hashes are computed once, where a key string per row
 * was a fresh string to build and hash: the look-ups and sums cost ~1/3 of that per row
 * (docs/benchmarks-history.md, import round 6). SQLite's import (ImportRollup) and PostgreSQL's
 * (import-rollup-pg.ts) both key their sums by it.
 */
export class RollupKeys {
  private readonly byDay: Level<Level<Level<Level<number>>>> = new Map();
  /** Each key's parts, by its number. */
  readonly parts: [unknown, unknown, unknown, unknown][] = [];

  /** The number of the key of a row (its encoded content values). */
  of(v: readonly unknown[]): number {
    const key = rollupKeyParts(v);
    const types = nextLevel(nextLevel(nextLevel(this.byDay, key[0]), key[1]), key[2]);
    let k = types.get(key[3]);
    if (k === undefined) {
      types.set(key[3], (k = this.parts.length));
      this.parts.push(key);
    }
    return k;
  }
}

/** Sums of the rows inserted with `dataset` (one value per import), flushed as upserts. */
export class ImportRollup {
  private keys = new RollupKeys();
  /** Per key number, its sums (SUMS order). */
  private sums: number[][] = [];
  private readonly upsert: Database.Statement;
  private readonly datasetFlags: readonly [number, number, number];

  constructor(client: Database.Database, dataset: string) {
    this.upsert = client.prepare(UPSERT);
    this.datasetFlags = datasetFlags(dataset);
  }

  /** Counts one inserted row, given as the encoded content values the writer bound. */
  add(v: readonly unknown[]): void {
    const k = this.keys.of(v);
    addRollupRow(v, (this.sums[k] ??= new Array<number>(SUMS.length).fill(0)), 0, this.datasetFlags);
  }

  /** Writes the sums counted since the last flush (one upsert per key) and starts over. */
  flush(): void {
    this.keys.parts.forEach((key, k) => this.upsert.run(...key, ...this.sums[k]));
    this.keys = new RollupKeys();
    this.sums = [];
  }
}
