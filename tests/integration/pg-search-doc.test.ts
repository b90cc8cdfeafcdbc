import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asciiSearchDoc } from '@/lib/search/ascii-search-doc';
import { freshPgDatabase, pgSkipReason, type FreshPg } from '../support/pg-fresh';

/**
 * lib/search/ascii-search-doc.ts against the database it stands in for: for every document it
 * answers, the tsvector it gives is the one incidents_search_doc computes (same words, same
 * positions). PostgreSQL only: the document exists on no other engine.
 */
let p: FreshPg;
const run = pgSkipReason ? describe.skip : describe;
if (pgSkipReason) console.warn(`tests/integration/pg-search-doc.test.ts skipped: ${pgSkipReason}`);

const COLUMNS = 9; // location, admin3, admin2, admin1, actor1, assoc_actors, actor2, group_id, notes

/** Documents where our text and the database's differ, as [document, ours, theirs]. */
async function differences(docs: (string | null)[][]): Promise<[string, string, string][]> {
  const ours = docs.map((d) => asciiSearchDoc(d));
  expect(ours.every((o) => o !== null)).toBe(true);
  const cols = Array.from({ length: COLUMNS }, (_, j) => docs.map((d) => d[j] ?? null));
  const args = cols.map((_, j) => `c${j}`).join(', ');
  const { rows } = await p.pool.query<{ i: number; theirs: string }>(
    `SELECT i, incidents_search_doc(${args})::text AS theirs
     FROM unnest($1::text[], ${cols.map((_, j) => `$${j + 2}::text[]`).join(', ')}) WITH ORDINALITY AS d(ours, ${args}, i)
     WHERE ours::tsvector IS DISTINCT FROM incidents_search_doc(${args})`,
    [ours, ...cols],
  );
  return rows.map(({ i, theirs }) => [JSON.stringify(docs[i - 1]), ours[i - 1]!, theirs]);
}

/** A small deterministic generator (the test must not flake on a seed). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

run(`ASCII search documents computed in Node${pgSkipReason ? ` (skipped: ${pgSkipReason})` : ''}`, () => {
  beforeAll(async () => {
    p = await freshPgDatabase();
  });
  afterAll(async () => {
    await p?.drop();
  });

  it('gives the database’s document for words, numbers, scientific notation and punctuation', async () => {
    const cases = [
      'Bannu',
      'al-Qaeda TTP/JuA a.b.c example.com x@y.org http://foo.bar/baz?q=1&r=2',
      "Peshawar's 3.5 -12 +7 1e5 0x1F v1.2.3 a_b 10% #x $5 [1] {2} |3| ^4 `5` ~/f.txt <b>tag</b> &amp;",
      '3rd 10th 2nd 1st 12abc34 12a3e5 1ex 12e 1e5e5 007e1 e5 ab1e5 a1e5x 1e0 00e00 1ee5 1e5E5 1E5x 55e55e5 1e-5 2e+3',
      'tab\there\nnewline \u0001ctl\u007f',
      'Same same SAME sAmE same',
      '99999999999999999999999999 000 0',
      '',
      `${'x'.repeat(2046)} ${'y'.repeat(2047)} ${'z'.repeat(3000)} after`,
    ];
    const docs = cases.map((c, i) => [c, null, i % 2 ? '' : 'Khyber', null, 'TTP', null, null, 'ttp', c]);
    expect(await differences(docs)).toEqual([]);
  });

  it('gives the database’s document for 20,000 random ASCII documents', async () => {
    const next = rng(19);
    const alphabet = 'aeEbxZ0123456789          .-_/@:+&<>\'"\t\n';
    const text = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
    const docs = Array.from({ length: 20_000 }, () =>
      Array.from({ length: COLUMNS }, () => (next() < 0.2 ? null : text(Math.floor(next() * 40)))),
    );
    expect(await differences(docs)).toEqual([]);
  });

  it('leaves to the database what it cannot compute the same way', () => {
    expect(asciiSearchDoc(['Émigré'])).toBeNull();
    expect(asciiSearchDoc(['Peshawar', 'پشاور'])).toBeNull();
    expect(asciiSearchDoc([Array.from({ length: 16_384 }, (_, i) => `w${i}`).join(' ')])).toBeNull();
    expect(asciiSearchDoc([Array.from({ length: 257 }, () => 'again').join(' ')])).toBeNull();
    expect(asciiSearchDoc([Array.from({ length: 256 }, () => 'again').join(' ')])).not.toBeNull();
  });
});
