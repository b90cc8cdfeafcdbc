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

  it('lists the words quoted, in the order the database stores them, so its parser finds them sorted', async () => {
    const next = rng(7);
    const words = ['b', 'a', 'ab', 'aa', 'a1', '1a', '10', '9', 'z', 'za', 'ba', 'abc', 'ab0'];
    const docs = Array.from({ length: 200 }, () =>
      Array.from({ length: COLUMNS }, () =>
        Array.from({ length: 1 + Math.floor(next() * 6) }, () => words[Math.floor(next() * words.length)]).join(' '),
      ),
    );
    const ours = docs.map((d) =>
      asciiSearchDoc(d)!
        .split(' ')
        .map((w) => w.slice(1, w.lastIndexOf(':') - 1)),
    );
    const cols = Array.from({ length: COLUMNS }, (_, j) => docs.map((d) => d[j]));
    const args = cols.map((_, j) => `c${j}`).join(', ');
    const { rows } = await p.pool.query<{ lexemes: string[] }>(
      `SELECT tsvector_to_array(incidents_search_doc(${args})) AS lexemes
       FROM unnest(${cols.map((_, j) => `$${j + 1}::text[]`).join(', ')}) WITH ORDINALITY AS d(${args}, i) ORDER BY i`,
      cols,
    );
    expect(ours).toEqual(rows.map((r) => r.lexemes));
    expect(asciiSearchDoc(['Bannu b ab 1a b'])).toBe("'1a':4 'ab':3 'b':2,5 'bannu':1");
  });

  it('keeps the stored document (db/migrations-pg 0009) equal to the function through inserts and updates', async () => {
    const q = (text: string, params: unknown[] = []) => p.pool.query(text, params);
    await q(`INSERT INTO groups (id, name, colour) VALUES ('g1', 'Group one', '#123456')`);
    const insert = (sourceId: string, notes: string, search: string | null) =>
      q(
        `INSERT INTO incidents (source, source_id, occurred_at, occurred_day, country, lat, lon, event_type, sub_event_type, group_id, location, notes, search, created_at, updated_at)
         VALUES ('t', $1, 0, 0, 'PK', 33, 71, 'Battles', 'Armed clash', 'g1', 'Bannu', $2, $3::tsvector, 0, 0)`,
        [sourceId, notes, search],
      );
    const stale = async () =>
      (
        await q(`SELECT source_id FROM incidents WHERE search IS DISTINCT FROM
          incidents_search_doc(location, admin3, admin2, admin1, actor1, assoc_actors, actor2, group_id, notes) ORDER BY source_id`)
      ).rows.map((r: { source_id: string }) => r.source_id);
    const search = async (sourceId: string) =>
      (await q(`SELECT search::text AS s FROM incidents WHERE source_id = $1`, [sourceId])).rows[0].s as string;
    await insert('none', 'Émigré convoy', null);
    await insert('given', 'Remote IED', asciiSearchDoc(['Bannu', null, null, null, null, null, null, 'g1', 'Remote IED']));
    expect(await stale()).toEqual([]);
    // A writer's own document is kept as given (only the import gives one, computed as above).
    await insert('kept', 'Remote IED', "'x':1");
    expect(await search('kept')).toBe("'x':1");
    await q(`UPDATE incidents SET notes = 'Suicide attack at the checkpost' WHERE source_id IN ('none', 'given')`);
    await q(`UPDATE incidents SET search = NULL, notes = notes WHERE source_id = 'kept'`);
    expect(await stale()).toEqual([]);
    expect(await search('given')).toContain("'checkpost'");
    // An update of other columns leaves the document alone; one of a searched column refreshes it.
    await q(`UPDATE incidents SET killed = 3 WHERE source_id = 'given'`);
    await q(`UPDATE incidents SET admin1 = 'Khyber Pakhtunkhwa' WHERE source_id = 'none'`);
    expect(await stale()).toEqual([]);
    expect(await search('none')).toContain("'pakhtunkhwa'");
  });

  it('leaves to the database what it cannot compute the same way', () => {
    expect(asciiSearchDoc(['Émigré'])).toBeNull();
    expect(asciiSearchDoc(['Peshawar', 'پشاور'])).toBeNull();
    expect(asciiSearchDoc([Array.from({ length: 16_384 }, (_, i) => `w${i}`).join(' ')])).toBeNull();
    expect(asciiSearchDoc([Array.from({ length: 257 }, () => 'again').join(' ')])).toBeNull();
    expect(asciiSearchDoc([Array.from({ length: 256 }, () => 'again').join(' ')])).not.toBeNull();
  });
});
