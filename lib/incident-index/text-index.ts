/**
 * The free-text search in memory: word → the ids of the incidents whose search document holds it,
 * beside the incident index. On PostgreSQL the GIN search reads the heap row of every match (GIN
 * has no index-only scan), and the first search of a word reads cold pages: hundreds of
 * milliseconds at a million incidents. Here a prefix term is a binary search over the sorted words
 * and a walk over their posting lists.
 *
 * Posting lists are ascending ids, delta-encoded as unsigned LEB128 varints in one byte array: the
 * words of a report's location, actors and notes repeat over most rows (a delta of 1–3 is one
 * byte), so a million documents of ~30 words take ~30 MB instead of 120 MB as Int32Array.
 * Documents changed since the build sit in an overlay (word lists per id) until the next full
 * build; the ids they replace are masked out of the lists.
 */

import { PostingCursor } from './postings';
import { forEachAsciiWord, WordTable } from './text-ascii';

export interface TextDoc {
  id: number;
  /** The document's distinct words, folded as the engine folds them. */
  words: readonly string[];
}

/** Accumulates documents in ascending id order, then freezes into a TextIndex. */
export class TextIndexBuilder {
  private readonly slot = new Map<string, number>();
  /** Word of each slot, and the same words for ASCII documents split in place (text-ascii.ts). */
  private readonly slotWords: string[] = [];
  private readonly table = new WordTable(this.slotWords);
  private bufs: Uint8Array[] = [];
  private lens: number[] = [];
  private last: number[] = [];
  private maxId = 0;

  add(id: number, words: readonly string[]): void {
    this.next(id);
    for (const w of words) this.post(this.slot.get(w) ?? this.create(w), id);
  }

  /** An ASCII document's words as asciiDocWords (text-tokens.ts) gives them, without a string per word. */
  addAscii(id: number, text: string): void {
    this.next(id);
    forEachAsciiWord(text, this.table, this.create, (s) => this.post(s, id));
  }

  private next(id: number): void {
    if (id <= this.maxId && this.maxId > 0) throw new Error(`text index: ids must ascend (${id} after ${this.maxId})`);
    this.maxId = id;
  }

  private readonly create = (w: string): number => {
    const s = this.bufs.length;
    this.slot.set(w, s);
    this.slotWords.push(w);
    this.table.insert(w, s);
    this.bufs.push(new Uint8Array(8));
    this.lens.push(0);
    this.last.push(0);
    return s;
  };

  private post(s: number, id: number): void {
    if (this.last[s] === id) return; // a word twice in one document
    this.push(s, id - this.last[s]);
    this.last[s] = id;
  }

  private push(s: number, delta: number): void {
    let buf = this.bufs[s];
    let len = this.lens[s];
    if (len + 5 > buf.length) {
      const grown = new Uint8Array(buf.length * 2);
      grown.set(buf);
      this.bufs[s] = buf = grown;
    }
    while (delta >= 0x80) {
      buf[len++] = (delta & 0x7f) | 0x80;
      delta >>>= 7;
    }
    buf[len++] = delta;
    this.lens[s] = len;
  }

  finish(): TextIndex {
    const words = [...this.slot.keys()].sort();
    const offsets = new Uint32Array(words.length + 1);
    let total = 0;
    for (let k = 0; k < words.length; k++) {
      offsets[k] = total;
      total += this.lens[this.slot.get(words[k])!];
    }
    offsets[words.length] = total;
    const postings = new Uint8Array(total);
    for (let k = 0; k < words.length; k++) {
      const s = this.slot.get(words[k])!;
      postings.set(this.bufs[s].subarray(0, this.lens[s]), offsets[k]);
    }
    this.bufs = [];
    this.lens = [];
    this.last = [];
    return new TextIndex(words, offsets, postings, this.maxId);
  }
}

/** Index of the first word ≥ `term` in the sorted list. */
function lowerBound(words: readonly string[], term: string): number {
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (words[mid] < term) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class TextIndex {
  /** Changed or removed since the build: id → its current words (null: gone). */
  private readonly overlay = new Map<number, readonly string[] | null>();

  constructor(
    /** Distinct words, sorted by UTF-16 code units (so a prefix's words are contiguous). */
    readonly words: readonly string[],
    /** Word k's postings are postings[offsets[k], offsets[k + 1]). */
    readonly offsets: Uint32Array,
    readonly postings: Uint8Array,
    /** Largest id in the lists. */
    readonly maxBuiltId: number,
  ) {}

  static build(docs: Iterable<TextDoc>): TextIndex {
    const b = new TextIndexBuilder();
    for (const d of [...docs].sort((x, y) => x.id - y.id)) b.add(d.id, d.words);
    return b.finish();
  }

  /** Documents replaced since the build (the catch-up's overlay): id → words, null when gone. */
  get changes(): ReadonlyMap<number, readonly string[] | null> {
    return this.overlay;
  }

  /** Bytes held by the lists and offsets (the word strings aside). */
  get bytes(): number {
    return this.postings.byteLength + this.offsets.byteLength;
  }

  /** Replaces a document's words (an insert or an edit) or, with null, removes it. */
  set(id: number, words: readonly string[] | null): void {
    this.overlay.set(id, words);
  }

  /**
   * Ids holding a word that starts with every term (AND of prefix terms), as an id-indexed mask
   * of length `size` (≥ every id the caller tests) and the count of matches. Terms are visited
   * rarest first; each one's posting lists promote an id from level j to j + 1 only once, so
   * several words under one prefix count once.
   */
  match(terms: readonly string[], size: number): { mask: Uint8Array; ids: Int32Array } {
    const unique = [...new Set(terms)];
    if (!unique.length) throw new Error('text index: a search needs at least one term');
    let length = Math.max(size, this.maxBuiltId + 1);
    for (const id of this.overlay.keys()) if (id >= length) length = id + 1;
    const mask = new Uint8Array(length);
    const ranges = unique.map((t) => this.range(t)).sort((a, b) => this.listBytes(a) - this.listBytes(b));
    // A term that promotes no id ends the walk: no listed id can reach the last level.
    for (let level = 0; level < ranges.length && this.promote(mask, ranges[level], level); level++);
    const want = unique.length;
    for (const [id, words] of this.overlay) mask[id] = words && holdsAll(words, unique) ? want : 0;
    // One term: level 1 is the answer already. Several: only the last level matched them all.
    if (want > 1) for (let id = 0; id < length; id++) mask[id] = mask[id] === want ? 1 : 0;
    let ids: Int32Array | null = null;
    return {
      mask,
      // Listed only when asked for (the scans read the mask).
      get ids() {
        return (ids ??= idsOf(mask));
      },
    };
  }

  private listBytes([lo, hi]: [number, number]): number {
    return this.offsets[hi] - this.offsets[lo];
  }

  /** Word positions [lo, hi) starting with `term`. */
  private range(term: string): [number, number] {
    const lo = lowerBound(this.words, term);
    let hi = lo;
    while (hi < this.words.length && this.words[hi].startsWith(term)) hi++;
    return [lo, hi];
  }

  /** Sets ids at `level` in the words [lo, hi) to level + 1; false when none was promoted. */
  private promote(mask: Uint8Array, [lo, hi]: [number, number], level: number): boolean {
    const list = new PostingCursor();
    let any = false;
    for (let k = lo; k < hi; k++) {
      list.open(this.postings, this.offsets[k], this.offsets[k + 1]);
      for (let id = list.next(); id >= 0; id = list.next()) {
        if (mask[id] === level) {
          mask[id] = level + 1;
          any = true;
        }
      }
    }
    return any;
  }
}

function idsOf(mask: Uint8Array): Int32Array {
  let n = 0;
  for (let id = 0; id < mask.length; id++) n += mask[id];
  const ids = new Int32Array(n);
  for (let id = 0, k = 0; k < n; id++) if (mask[id] === 1) ids[k++] = id;
  return ids;
}

function holdsAll(words: readonly string[], terms: readonly string[]): boolean {
  return terms.every((t) => words.some((w) => w.startsWith(t)));
}
