import { BLOCK_SHIFT, type Blocks } from './blocks';
import { DELETED, DEMO, firstAtOrBefore, positionAfter, type Columns } from './columns';
import { CLAIM_MASK, type CompiledFilter } from './compile';

/** Positions [lo, hi) of `c` that can hold rows of the filter's time range. */
export function scanRange(c: Columns, f: CompiledFilter): [number, number] {
  return [f.atHi === Infinity ? 0 : firstAtOrBefore(c, f.atHi), f.atLo === -Infinity ? c.n : firstAtOrBefore(c, f.atLo, true)];
}

/** The per-row tests beyond time: casualty and source floors, claim status, viewport, text. */
function rowChecksPass(c: Columns, i: number, f: CompiledFilter): boolean {
  if (f.minKilled > 0 && c.killed[i] < f.minKilled) return false;
  if (f.minSources > 0 && c.sources[i] < f.minSources) return false;
  if (f.claim !== null && f.claim[c.flags[i] & CLAIM_MASK] !== 1) return false;
  const b = f.bbox;
  if (b !== null) {
    const lat = c.lat[i];
    const lon = c.lon[i];
    if (lat < b.south || lat > b.north || lon < b.west || lon > b.east) return false;
  }
  return f.text === null || f.text[c.id[i]] === 1;
}

/** Every test but the combo's: live row, exact time, and the row checks. */
export function rowPasses(c: Columns, i: number, f: CompiledFilter): boolean {
  if (c.flags[i] & DELETED) return false;
  const at = c.at[i];
  if (at < f.atMin || at > f.atMax) return false;
  const day = c.day[i];
  if (day < f.dayMin || day > f.dayMax) return false;
  return !f.rowChecks || rowChecksPass(c, i, f);
}

/** Rows, killed and demo rows per combo code, over rows passing every test but the combo's. */
export interface ComboTotals {
  n: Float64Array;
  killed: Float64Array;
  demo: Float64Array;
}

export const newTotals = (size: number): ComboTotals => ({
  n: new Float64Array(size),
  killed: new Float64Array(size),
  demo: new Float64Array(size),
});

function addRow(c: Columns, i: number, t: ComboTotals): void {
  const k = c.combo[i];
  t.n[k]++;
  const killed = c.killed[i];
  if (killed > 0) t.killed[k] += killed;
  if (c.flags[i] & DEMO) t.demo[k]++;
}

function addRows(c: Columns, lo: number, hi: number, f: CompiledFilter, t: ComboTotals): void {
  for (let i = lo; i < hi; i++) if (rowPasses(c, i, f)) addRow(c, i, t);
}

/** Rows of a block known to lie inside the time bounds: only the row checks remain. */
function addCheckedRows(c: Columns, lo: number, hi: number, f: CompiledFilter, t: ComboTotals): void {
  // One loop with every check hoisted (this is the hot path of minKilled/bbox/q filters).
  const { flags, killed, lat, lon, combo, id, sources } = c;
  const minKilled = f.minKilled > 0 ? f.minKilled : -Infinity;
  const minSources = f.minSources;
  const claim = f.claim;
  const text = f.text;
  const b = f.bbox;
  const south = b ? b.south : -Infinity;
  const north = b ? b.north : Infinity;
  const west = b ? b.west : -Infinity;
  const east = b ? b.east : Infinity;
  const tn = t.n;
  const tk = t.killed;
  const td = t.demo;
  for (let i = lo; i < hi; i++) {
    const fl = flags[i];
    if (fl & DELETED) continue;
    const k = killed[i];
    if (k < minKilled) continue;
    // Tested first for being unset: the common filters then never touch the sources column.
    if (minSources > 0 && sources[i] < minSources) continue;
    if (claim !== null && claim[fl & CLAIM_MASK] !== 1) continue;
    const y = lat[i];
    const x = lon[i];
    if (y < south || y > north || x < west || x > east) continue;
    if (text !== null && text[id[i]] !== 1) continue;
    const cb = combo[i];
    tn[cb]++;
    if (k > 0) tk[cb] += k;
    if (fl & DEMO) td[cb]++;
  }
}

function blockInside(b: Blocks, i: number, f: CompiledFilter): boolean {
  return b.atMin[i] >= f.atMin && b.atMax[i] <= f.atMax && b.dayMin[i] >= f.dayMin && b.dayMax[i] <= f.dayMax;
}

function addBlock(b: Blocks, i: number, t: ComboTotals): void {
  for (let e = b.start[i]; e < b.start[i + 1]; e++) {
    const k = b.combo[e];
    t.n[k] += b.n[e];
    t.killed[k] += b.killed[e];
    t.demo[k] += b.demo[e];
  }
}

/**
 * Adds the segment's rows in the filter's time range to the per-combo totals. Whole blocks
 * inside the time bounds are added from their totals when no per-row test applies (else
 * visited without time tests); only the partial blocks at the ends get every test.
 */
export function accumulate(c: Columns, blocks: Blocks | null, f: CompiledFilter, t: ComboTotals): void {
  if (f.none) return;
  const [lo, hi] = scanRange(c, f);
  if (!blocks) return addRows(c, lo, hi, f, t);
  let i = lo;
  while (i < hi) {
    const b = i >> BLOCK_SHIFT;
    const end = Math.min((b + 1) << BLOCK_SHIFT, c.n);
    if (i === b << BLOCK_SHIFT && end <= hi && blockInside(blocks, b, f)) {
      if (f.rowChecks) addCheckedRows(c, i, end, f, t);
      else addBlock(blocks, b, t);
    } else addRows(c, i, Math.min(end, hi), f, t);
    i = Math.min(end, hi);
  }
}

/** True when row i matches the whole filter. */
export function matches(c: Columns, i: number, f: CompiledFilter): boolean {
  return f.status[c.combo[i]] === 0 && rowPasses(c, i, f);
}

/** Calls `fn(i)` for every matching row of `c` in list order (newest first). */
export function forEachMatch(c: Columns, f: CompiledFilter, fn: (i: number) => void): void {
  if (f.none) return;
  const [lo, hi] = scanRange(c, f);
  for (let i = lo; i < hi; i++) if (matches(c, i, f)) fn(i);
}

/** Up to `limit` matching positions strictly after the cursor (at, id), in list order. */
export function pagePositions(c: Columns, f: CompiledFilter, limit: number, cursor: { at: number; id: number } | null): number[] {
  const out: number[] = [];
  if (f.none || limit <= 0) return out;
  const [lo, hi] = scanRange(c, f);
  for (let i = Math.max(lo, cursor ? positionAfter(c, cursor.at, cursor.id) : 0); i < hi && out.length < limit; i++) {
    if (matches(c, i, f)) out.push(i);
  }
  return out;
}
