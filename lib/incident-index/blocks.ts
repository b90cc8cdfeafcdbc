import { DELETED, DEMO, type Columns } from './columns';

export const BLOCK_SHIFT = 12;
/** Rows per block of the main columns. */
export const BLOCK = 1 << BLOCK_SHIFT;

/**
 * Per-combo totals of each block of BLOCK consecutive rows of the sorted main columns, with the
 * block's time bounds: a query whose time range covers a whole block (and tests nothing else per
 * row) adds the block's few hundred totals instead of visiting its 4,096 rows. Entries are sorted
 * by combo within a block so a tombstone can subtract its row.
 */
export interface Blocks {
  count: number;
  atMin: Float64Array;
  atMax: Float64Array;
  dayMin: Int32Array;
  dayMax: Int32Array;
  /** Entries of block b are [start[b], start[b + 1]). */
  start: Int32Array;
  combo: Uint32Array;
  n: Float64Array;
  killed: Float64Array;
  demo: Float64Array;
}

export function buildBlocks(c: Columns, comboCount: number): Blocks {
  const count = Math.ceil(c.n / BLOCK);
  const atMin = new Float64Array(count);
  const atMax = new Float64Array(count);
  const dayMin = new Int32Array(count);
  const dayMax = new Int32Array(count);
  const start = new Int32Array(count + 1);
  const scratch = { n: new Float64Array(comboCount), killed: new Float64Array(comboCount), demo: new Float64Array(comboCount) };
  const entries: { combo: number[]; n: number[]; killed: number[]; demo: number[] } = { combo: [], n: [], killed: [], demo: [] };
  for (let b = 0; b < count; b++) {
    const lo = b << BLOCK_SHIFT;
    const hi = Math.min(lo + BLOCK, c.n);
    atMax[b] = c.at[lo];
    atMin[b] = c.at[hi - 1];
    let dMin = Infinity;
    let dMax = -Infinity;
    const touched: number[] = [];
    for (let i = lo; i < hi; i++) {
      const d = c.day[i];
      if (d < dMin) dMin = d;
      if (d > dMax) dMax = d;
      if (c.flags[i] & DELETED) continue;
      const k = c.combo[i];
      if (scratch.n[k] === 0) touched.push(k);
      scratch.n[k]++;
      if (c.killed[i] > 0) scratch.killed[k] += c.killed[i];
      if (c.flags[i] & DEMO) scratch.demo[k]++;
    }
    dayMin[b] = dMin;
    dayMax[b] = dMax;
    start[b] = entries.combo.length;
    touched.sort((x, y) => x - y);
    for (const k of touched) {
      entries.combo.push(k);
      entries.n.push(scratch.n[k]);
      entries.killed.push(scratch.killed[k]);
      entries.demo.push(scratch.demo[k]);
      scratch.n[k] = scratch.killed[k] = scratch.demo[k] = 0;
    }
  }
  start[count] = entries.combo.length;
  return {
    count,
    atMin,
    atMax,
    dayMin,
    dayMax,
    start,
    combo: Uint32Array.from(entries.combo),
    n: Float64Array.from(entries.n),
    killed: Float64Array.from(entries.killed),
    demo: Float64Array.from(entries.demo),
  };
}

/** Takes row `i` of the main columns out of its block's totals (called when it is tombstoned). */
export function subtractRow(b: Blocks, c: Columns, i: number): void {
  const block = i >> BLOCK_SHIFT;
  const k = c.combo[i];
  let lo = b.start[block];
  let hi = b.start[block + 1];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (b.combo[mid] < k) lo = mid + 1;
    else hi = mid;
  }
  if (lo >= b.start[block + 1] || b.combo[lo] !== k) throw new Error(`incident index: combo ${k} missing from block ${block}`);
  b.n[lo]--;
  if (c.killed[i] > 0) b.killed[lo] -= c.killed[i];
  if (c.flags[i] & DEMO) b.demo[lo]--;
}
