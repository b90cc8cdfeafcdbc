import { describe, expect, it } from 'vitest';
import { TextIndex, TextIndexBuilder } from '@/lib/incident-index/text-index';
import { compactText } from '@/lib/incident-index/text-compact';
import { PostingCursor } from '@/lib/incident-index/postings';
import { asciiDocWords, queryTerms } from '@/lib/incident-index/text-tokens';
import { Rng } from '@/lib/demo/prng';

const VOCAB = [
  'bannu',
  'ban',
  'banner',
  'quetta',
  'quettaa',
  'police',
  'pol',
  'a',
  'ab',
  'abc',
  '2024',
  '20',
  'پشاور',
  'پش',
  'x'.repeat(300),
];

/** Brute force: ids whose words hold a word starting with every term. */
const brute = (docs: Map<number, readonly string[]>, terms: string[]) =>
  [...docs]
    .filter(([, words]) => terms.every((t) => words.some((w) => w.startsWith(t))))
    .map(([id]) => id)
    .sort((a, b) => a - b);

describe('in-memory word index', () => {
  it('answers AND-ed prefix terms like a scan of every document, before and after edits and removals', () => {
    const rng = new Rng(11);
    const docs = new Map<number, readonly string[]>();
    const b = new TextIndexBuilder();
    // Ids with gaps up to 20,000 so deltas need one to three varint bytes.
    for (let id = 1, k = 0; k < 400; k++, id += rng.chance(0.05) ? rng.int(130, 20_000) : rng.int(1, 3)) {
      const words = [...new Set(Array.from({ length: rng.int(0, 6) }, () => rng.pick(VOCAB)))];
      docs.set(id, words);
      b.add(id, words);
    }
    let index = b.finish();
    const maxId = Math.max(...docs.keys());
    const check = () => {
      for (let k = 0; k < 200; k++) {
        const terms = Array.from({ length: rng.int(1, 3) }, () =>
          rng.pick([...VOCAB, 'b', 'q', 'zz', 'پ', '2', 'quettaaa']).slice(0, rng.int(1, 8)),
        );
        const { mask, ids } = index.match(terms, maxId + 1);
        const want = brute(docs, terms);
        expect([...ids], terms.join(' ')).toEqual(want);
        let set = 0;
        for (let id = 0; id < mask.length; id++) set += mask[id];
        expect(set).toBe(want.length);
        for (const id of want) expect(mask[id]).toBe(1);
      }
    };
    check();
    // Edits, removals and new ids above the built ones (the outbox catch-up).
    for (let k = 0; k < 60; k++) {
      const id = rng.chance(0.3) ? maxId + rng.int(1, 50) : rng.pick([...docs.keys()]);
      if (rng.chance(0.3)) {
        docs.delete(id);
        index.set(id, null);
      } else {
        const words = [rng.pick(VOCAB), rng.pick(VOCAB)];
        docs.set(id, words);
        index.set(id, words);
      }
    }
    check();
    // The overlay folded into the lists answers the same, with an empty overlay.
    index = compactText(index);
    expect(index.changes.size).toBe(0);
    check();
    index.set(maxId + 100, ['bannu', 'zz']);
    docs.set(maxId + 100, ['bannu', 'zz']);
    check();
    index = compactText(index);
    expect(index.words).toContain('zz');
    check();
  });

  it('splits ASCII documents in place exactly as asciiDocWords does', () => {
    const rng = new Rng(5);
    const alphabet = ['a', 'B', 'z', 'Q', '0', '9', ' ', '-', '_', ':', '.', '\n', "'", '(', '~', 'ab', 'AB12', 'x9'];
    const byList = new TextIndexBuilder();
    const inPlace = new TextIndexBuilder();
    const docs: string[] = [];
    for (let id = 1; id <= 300; id++) {
      let text = Array.from({ length: rng.int(0, 80) }, () => rng.pick(alphabet)).join('');
      if (id % 50 === 0) text += ` ${'k'.repeat(2047)} ${'m'.repeat(2048)} `;
      docs.push(text);
      byList.add(id, asciiDocWords(text)!);
      inPlace.addAscii(id, text);
    }
    const [a, b] = [byList.finish(), inPlace.finish()];
    expect(b.words).toEqual(a.words);
    expect(b.offsets).toEqual(a.offsets);
    expect(b.postings).toEqual(a.postings);
    expect(b.words).toContain('k'.repeat(2047));
    expect(b.words).not.toContain('m'.repeat(2048));
  });

  it('reads each posting list back to its ids, across 1- to 4-byte deltas, with one reused cursor', () => {
    // Deltas of 1, 1, 127, 128 (two bytes), 16,384 (three), 2,097,152 (four) and 1.
    const ids = [1, 2, 129, 257, 16_641, 2_113_793, 2_113_794];
    const index = TextIndex.build([...ids.map((id) => ({ id, words: ['w'] })), { id: 3, words: ['v'] }]);
    const read = (list: PostingCursor, word: string) => {
      const k = index.words.indexOf(word);
      const out: number[] = [];
      list.open(index.postings, index.offsets[k], index.offsets[k + 1]);
      for (let id = list.next(); id >= 0; id = list.next()) out.push(id);
      expect(list.next()).toBe(-1);
      return out;
    };
    const w = index.words.indexOf('w');
    expect(index.offsets[w + 1] - index.offsets[w]).toBe(1 + 1 + 1 + 2 + 3 + 4 + 1);
    const list = new PostingCursor();
    expect(read(list, 'w')).toEqual(ids);
    // Reopened, it starts again from id 0.
    expect(read(list, 'v')).toEqual([3]);
    expect(read(list, 'w')).toEqual(ids);
    expect(list.open(index.postings, 0, 0).next()).toBe(-1);
  });

  it('refuses ids out of order and keeps a word once per document', () => {
    const b = new TextIndexBuilder();
    b.add(5, ['a', 'a']);
    expect(() => b.add(5, ['b'])).toThrow(/ascend/);
    expect([...b.finish().match(['a'], 10).ids]).toEqual([5]);
    expect(() => TextIndex.build([{ id: 1, words: ['a'] }]).match([], 2)).toThrow();
  });

  it('splits ASCII documents and queries as both engines do, and leaves other scripts to the engine', () => {
    expect(asciiDocWords('Jaish-ul-Adl: AND/OR "x" 12,5 snake_case BANNU bannu')!.sort()).toEqual(
      ['12', '5', 'adl', 'and', 'bannu', 'case', 'jaish', 'or', 'snake', 'ul', 'x'].sort(),
    );
    expect(asciiDocWords('Mīr Ali')).toBeNull();
    expect(asciiDocWords(`a ${'y'.repeat(2048)} b`)).toEqual(['a', 'b']);
    expect(queryTerms('Bannu  POLICE bannu')).toEqual({ kind: 'terms', terms: ['bannu', 'police'] });
    expect(queryTerms('"*" () : ^')).toEqual({ kind: 'none' });
    expect(queryTerms('پشاور police')).toEqual({ kind: 'engine' });
    // NFKC first, as toTsQuery does: the ligature is two ASCII letters.
    expect(queryTerms('ﬁre')).toEqual({ kind: 'terms', terms: ['fire'] });
    expect(queryTerms('z'.repeat(2048))).toEqual({ kind: 'none' });
  });
});
