/**
 * Posting lists of the word index (text-index.ts): ascending ids, each stored as its delta from the
 * previous one in unsigned LEB128 (7 bits a byte, high bit set on every byte but the last).
 */

/**
 * Reads one list's ids in ascending order: `open` a list, then `next()` until it answers -1.
 * A method of one class rather than a callback per id: the search's hot loop (TextIndex.promote)
 * and the compaction each pass their own closure, and a callback site that has seen two closures
 * was not inlined (the search took ~40% more CPU); the decode into an array first, ~35% more
 * (docs/benchmarks.md).
 */
export class PostingCursor {
  private p: Uint8Array = new Uint8Array(0);
  private pos = 0;
  private end = 0;
  private id = 0;

  /** Starts on the list in postings[pos, end). */
  open(postings: Uint8Array, pos: number, end: number): this {
    this.p = postings;
    this.pos = pos;
    this.end = end;
    this.id = 0;
    return this;
  }

  /** The next id, or -1 at the end of the list. */
  next(): number {
    if (this.pos >= this.end) return -1;
    const p = this.p;
    let b = p[this.pos++];
    let delta = b & 0x7f;
    for (let shift = 7; b & 0x80; shift += 7) {
      b = p[this.pos++];
      delta |= (b & 0x7f) << shift;
    }
    return (this.id += delta);
  }
}
