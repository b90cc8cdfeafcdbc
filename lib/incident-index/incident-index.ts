import { buildBlocks, subtractRow, type Blocks } from './blocks';
import { allocColumns, buildColumns, Combos, DELETED, mergeColumns, sortColumns, type Columns, type IndexRow } from './columns';

/** Rows changed since the main columns were built are kept aside, sorted, until this many. */
export const MAX_EXTRA = 4096;

/**
 * The in-memory incident index: sorted main columns (with block totals) built from the whole
 * table, plus a small sorted side segment of rows created or changed since; their old main rows
 * are tombstoned and subtracted from the block totals. Scans visit both segments; past MAX_EXTRA
 * the two are merged in one O(n) pass. `seq` is the outbox sequence the index reflects.
 */
export class IncidentIndex {
  readonly combos: Combos;
  main: Columns;
  blocks: Blocks;
  extra: Columns = allocColumns(0);
  seq: number;
  /** id → position in main (−1: not there). */
  private pos: Int32Array;
  private deadInMain = 0;
  private readonly extraRows = new Map<number, IndexRow>();

  constructor(main: Columns, combos: Combos, seq: number) {
    this.main = main;
    this.combos = combos;
    this.seq = seq;
    this.pos = positions(main);
    this.blocks = buildBlocks(main, combos.size);
  }

  static fromRows(rows: readonly IndexRow[], seq: number): IncidentIndex {
    const combos = new Combos();
    return new IncidentIndex(buildColumns(rows, combos), combos, seq);
  }

  /** Bulk load: `fill` writes n rows in any order into fresh columns; they are sorted once. */
  static bulk(n: number, seq: number, fill: (c: Columns, combos: Combos) => void): IncidentIndex {
    const combos = new Combos();
    const c = allocColumns(n);
    fill(c, combos);
    return new IncidentIndex(sortColumns(c), combos, seq);
  }

  /** Incidents the index holds. */
  get size(): number {
    return this.main.n - this.deadInMain + this.extra.n;
  }

  /** Largest incident id the index holds (sizes id-indexed masks). */
  get maxId(): number {
    let m = this.pos.length - 1;
    for (const id of this.extraRows.keys()) if (id > m) m = id;
    return m;
  }

  /** Both segments, with the main one's block totals; scans visit each and add up. */
  segments(): readonly [Columns, Blocks | null][] {
    return [
      [this.main, this.blocks],
      [this.extra, null],
    ];
  }

  /** Inserts or replaces rows (by id). */
  upsert(rows: readonly IndexRow[]): void {
    if (!rows.length) return;
    for (const r of rows) {
      this.tombstone(r.id);
      this.extraRows.set(r.id, r);
    }
    this.rebuildExtra();
  }

  remove(ids: readonly number[]): void {
    if (!ids.length) return;
    for (const id of ids) {
      this.tombstone(id);
      this.extraRows.delete(id);
    }
    this.rebuildExtra();
  }

  private tombstone(id: number): void {
    const p = id < this.pos.length ? this.pos[id] : -1;
    if (p >= 0 && !(this.main.flags[p] & DELETED)) {
      subtractRow(this.blocks, this.main, p);
      this.main.flags[p] |= DELETED;
      this.deadInMain++;
    }
  }

  private rebuildExtra(): void {
    const extra = buildColumns([...this.extraRows.values()], this.combos);
    if (extra.n <= MAX_EXTRA) {
      this.extra = extra;
      return;
    }
    this.main = mergeColumns(this.main, extra);
    this.pos = positions(this.main);
    this.blocks = buildBlocks(this.main, this.combos.size);
    this.deadInMain = 0;
    this.extraRows.clear();
    this.extra = allocColumns(0);
  }
}

function positions(c: Columns): Int32Array {
  let max = 0;
  for (let i = 0; i < c.n; i++) if (c.id[i] > max) max = c.id[i];
  const pos = new Int32Array(max + 1).fill(-1);
  for (let i = 0; i < c.n; i++) pos[c.id[i]] = i;
  return pos;
}
