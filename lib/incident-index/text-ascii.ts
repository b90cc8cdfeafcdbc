/**
 * Splitting ASCII documents without a string per word: the index load meets every word of a
 * million documents (~30 each), and creating those substrings and looking them up in a Map was
 * most of the word index's load time. The words of a lower-cased document are hashed in place
 * (runs of [a-z0-9], as lib/incident-index/text-tokens.ts splits them) and found in an
 * open-addressing table by comparing characters; a string is made only for a new word.
 */
import { MAX_WORD_LENGTH } from './text-tokens';

const isWordChar = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);

function hashRange(s: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Word → slot, for words given as a range of a string or as a string. */
export class WordTable {
  private keys = new Int32Array(1024); // slot + 1; 0 = empty
  private hashes = new Uint32Array(1024);
  private count = 0;

  constructor(private readonly words: string[]) {}

  /** The slot of s[start, end), or -1. */
  find(s: string, start: number, end: number, h = hashRange(s, start, end)): number {
    const mask = this.keys.length - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const k = this.keys[i];
      if (k === 0) return -1;
      if (this.hashes[i] === h && this.same(this.words[k - 1], s, start, end)) return k - 1;
    }
  }

  insert(word: string, slot: number): void {
    if ((this.count + 1) * 2 > this.keys.length) this.grow();
    this.place(hashRange(word, 0, word.length), slot);
    this.count++;
  }

  private same(w: string, s: string, start: number, end: number): boolean {
    if (w.length !== end - start) return false;
    for (let i = 0; i < w.length; i++) if (w.charCodeAt(i) !== s.charCodeAt(start + i)) return false;
    return true;
  }

  private place(h: number, slot: number): void {
    const mask = this.keys.length - 1;
    let i = h & mask;
    while (this.keys[i] !== 0) i = (i + 1) & mask;
    this.keys[i] = slot + 1;
    this.hashes[i] = h;
  }

  private grow(): void {
    const { keys, hashes } = this;
    this.keys = new Int32Array(keys.length * 2);
    this.hashes = new Uint32Array(keys.length * 2);
    for (let i = 0; i < keys.length; i++) if (keys[i] !== 0) this.place(hashes[i], keys[i] - 1);
  }
}

/**
 * Calls `fn(slot)` for every word of an ASCII text (PostgreSQL's length limit applied), creating
 * slots for new words with `create(word)`; the same word may come more than once.
 */
export function forEachAsciiWord(text: string, table: WordTable, create: (word: string) => number, fn: (slot: number) => void): void {
  const lower = text.toLowerCase();
  const n = lower.length;
  let i = 0;
  while (i < n) {
    while (i < n && !isWordChar(lower.charCodeAt(i))) i++;
    const start = i;
    while (i < n && isWordChar(lower.charCodeAt(i))) i++;
    if (i === start || i - start > MAX_WORD_LENGTH) continue;
    const h = hashRange(lower, start, i);
    let slot = table.find(lower, start, i, h);
    if (slot < 0) slot = create(lower.slice(start, i));
    fn(slot);
  }
}
