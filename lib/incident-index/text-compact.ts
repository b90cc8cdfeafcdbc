import { PostingCursor } from './postings';
import { TextIndex } from './text-index';

/**
 * Folds a word index's overlay into its lists: one pass over every list (decode, drop the ids the
 * overlay replaces, merge in the overlay's ids, encode), O(total bytes) like the incident index's
 * merge of its side segment. Keeps the overlay short, which every search scans.
 */
export function compactText(index: TextIndex): TextIndex {
  const changes = index.changes;
  if (!changes.size) return index;
  let maxId = index.maxBuiltId;
  for (const id of changes.keys()) if (id > maxId) maxId = id;
  const replaced = new Uint8Array(maxId + 1);
  const added = new Map<string, number[]>();
  for (const [id, words] of changes) {
    replaced[id] = 1;
    for (const w of words ?? []) {
      let ids = added.get(w);
      if (!ids) added.set(w, (ids = []));
      ids.push(id);
    }
  }
  for (const ids of added.values()) ids.sort((a, b) => a - b);
  const oldSlot = new Map(index.words.map((w, k) => [w, k]));
  const words = [...new Set([...index.words, ...added.keys()])].sort();
  const out = new Writer(index.postings.length + 4 * changes.size);
  const kept: string[] = [];
  const offsets: number[] = [];
  const list = new PostingCursor();
  for (const w of words) {
    const start = out.length;
    const old = oldSlot.get(w);
    const extra = added.get(w) ?? [];
    let e = 0;
    let last = 0;
    const emit = (id: number) => {
      out.varint(id - last);
      last = id;
    };
    if (old !== undefined) {
      list.open(index.postings, index.offsets[old], index.offsets[old + 1]);
      for (let id = list.next(); id >= 0; id = list.next()) {
        while (e < extra.length && extra[e] < id) emit(extra[e++]);
        if (!replaced[id]) emit(id);
      }
    }
    while (e < extra.length) emit(extra[e++]);
    if (out.length > start) {
      kept.push(w);
      offsets.push(start);
    }
  }
  offsets.push(out.length);
  return new TextIndex(kept, Uint32Array.from(offsets), out.bytes(), maxId);
}

/** A growable byte buffer of LEB128 varints. */
class Writer {
  private buf: Uint8Array;
  length = 0;

  constructor(capacity: number) {
    this.buf = new Uint8Array(Math.max(capacity, 16));
  }

  varint(v: number): void {
    if (this.length + 5 > this.buf.length) {
      const grown = new Uint8Array(this.buf.length * 2);
      grown.set(this.buf);
      this.buf = grown;
    }
    while (v >= 0x80) {
      this.buf[this.length++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buf[this.length++] = v;
  }

  bytes(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}
