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
const SUMS = [
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

interface Entry {
  day: unknown;
  region: unknown;
  group: unknown;
  type: unknown;
  sums: number[];
}

/** Sums of the rows inserted with `dataset` (one value per import), flushed as upserts. */
export class ImportRollup {
  private readonly entries = new Map<string, Entry>();
  private readonly upsert: Database.Statement;
  private readonly datasetFlags: [number, number, number];

  constructor(client: Database.Database, dataset: string) {
    this.upsert = client.prepare(UPSERT);
    this.datasetFlags = [dataset === 'demo' ? 1 : 0, dataset === 'import' ? 1 : 0, dataset === 'live' ? 1 : 0];
  }

  /** Counts one inserted row, given as the encoded content values the writer bound. */
  add(v: readonly unknown[]): void {
    const region = v[REGION] ?? 'none';
    // The key's parts are text but for the day; NUL appears in none of them as stored.
    const key = `${v[DAY] as number}\u0000${region as string}\u0000${v[GROUP] as string}\u0000${v[TYPE] as string}`;
    let e = this.entries.get(key);
    if (!e)
      this.entries.set(key, (e = { day: v[DAY], region, group: v[GROUP], type: v[TYPE], sums: new Array<number>(SUMS.length).fill(0) }));
    const s = e.sums;
    const killed = n(v[KILLED]);
    const injured = n(v[INJURED]);
    const ks = n(v[KILLED_BY[0]]);
    const kc = n(v[KILLED_BY[1]]);
    const km = n(v[KILLED_BY[2]]);
    const is = n(v[INJURED_BY[0]]);
    const ic = n(v[INJURED_BY[1]]);
    const im = n(v[INJURED_BY[2]]);
    s[0] += 1;
    s[1] += killed;
    s[2] += injured;
    s[3] += ks;
    s[4] += kc;
    s[5] += km;
    s[6] += Math.max(0, killed - ks - kc - km);
    s[7] += is;
    s[8] += ic;
    s[9] += im;
    s[10] += Math.max(0, injured - is - ic - im);
    s[11] += (v[PRECISION] as number) > 1 ? 1 : 0;
    s[12] += v[CROSS_BORDER] !== 0 ? 1 : 0;
    s[13] += v[CLAIM] === 'claimed' ? 1 : 0;
    s[14] += this.datasetFlags[0];
    s[15] += this.datasetFlags[1];
    s[16] += this.datasetFlags[2];
  }

  /** Writes the sums counted since the last flush (one upsert per key) and starts over. */
  flush(): void {
    for (const e of this.entries.values()) this.upsert.run(e.day, e.region, e.group, e.type, ...e.sums);
    this.entries.clear();
  }
}
