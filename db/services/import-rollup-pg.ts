import { sql } from 'drizzle-orm';
import type { Store } from '@/db/connection';
import { rows as rowsOf } from '@/db/engine';
import { addRollupRow, datasetFlags, RollupKeys, SUMS } from './import-writer-rollup';

/**
 * The day rollup (incident_day_stats) of the rows a PostgreSQL import inserts, summed in Node from
 * the values it COPYs anyway, instead of by the `incident_day_stats_ai` statement trigger's pass
 * over the whole inserted rows (~6% of the import's database CPU; docs/benchmarks-history.md
 * "PostgreSQL import, round 3"). The trigger skips while the transaction-local setting
 * `frontier.import_rollup` is on (db/migrations-pg 0011), which the import turns on around its own
 * INSERT statements only. Rows of a batch that took the ON CONFLICT path (another instance
 * inserted them meanwhile) or the UPDATE are not counted here: their update fires the update
 * trigger, which the setting does not touch. Each row's terms are the trigger's, in JavaScript
 * (addRollupRow, shared with SQLite's import); tests/integration/import-engines checks the sums
 * against SQLite's rollup, row for row.
 */

/** The setting that tells the insert trigger the import sums the rollup itself. */
const SETTING = 'frontier.import_rollup';
const W = SUMS.length;
const IMPORTED = datasetFlags('import');

/** Turns the insert trigger's pass off (true) or on again for the rest of the transaction. */
export async function importSumsRollup(tx: Store, on: boolean): Promise<void> {
  await rowsOf(tx, sql`SELECT set_config(${SETTING}, ${on ? 'on' : 'off'}, true)`);
}

/** The rollup terms of one staged batch, row by row, until its upsert says which rows it inserted. */
export class BatchRollup {
  private readonly keys = new RollupKeys();
  /** Per row of the batch, its key's number in `keys`. */
  private readonly rowKey: number[] = [];
  /** Per row, its W terms. */
  private terms = new Float64Array(W * 4096);

  /** Adds the next row of the batch (its encoded content values). */
  add(v: readonly unknown[]): void {
    const k = this.keys.of(v);
    const at = this.rowKey.length * W;
    this.rowKey.push(k);
    if (at + W > this.terms.length) {
      const grown = new Float64Array(this.terms.length * 2);
      grown.set(this.terms);
      this.terms = grown;
    }
    addRollupRow(v, this.terms, at, IMPORTED);
  }

  /**
   * Adds the rows at `inserted` (indexes in the batch) to the rollup: one upsert of their sums per
   * key, in key order as the trigger writes them (writers lock rollup rows in one order: no
   * deadlock), adding to what is stored as the trigger does.
   */
  async write(tx: Store, inserted: readonly number[]): Promise<void> {
    const sums = new Float64Array(this.keys.parts.length * W);
    const used = new Uint8Array(this.keys.parts.length);
    for (const row of inserted) {
      const k = this.rowKey[row];
      used[k] = 1;
      for (let j = 0, from = row * W, to = k * W; j < W; j++) sums[to + j] += this.terms[from + j];
    }
    const records: Record<string, unknown>[] = [];
    this.keys.parts.forEach(([day, region, group_id, event_type], k) => {
      if (!used[k]) return;
      const r: Record<string, unknown> = { day, region, group_id, event_type };
      SUMS.forEach((c, j) => (r[c] = sums[k * W + j]));
      records.push(r);
    });
    if (!records.length) return;
    const cols = sql.raw(['day', 'region', 'group_id', 'event_type', ...SUMS].join(', '));
    const types = sql.raw(
      ['day integer', 'region text', 'group_id text', 'event_type text', ...SUMS.map((c) => `${c} integer`)].join(', '),
    );
    await rowsOf(
      tx,
      sql`INSERT INTO incident_day_stats AS s (${cols})
        SELECT ${cols} FROM json_to_recordset(${JSON.stringify(records)}::json) AS d(${types})
        ORDER BY day, region, group_id, event_type
        ON CONFLICT (day, region, group_id, event_type) DO UPDATE SET ${sql.raw(SUMS.map((c) => `${c} = s.${c} + excluded.${c}`).join(', '))}`,
    );
  }
}
