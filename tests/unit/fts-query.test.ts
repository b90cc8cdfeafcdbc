import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { toFtsQuery, toTsQuery } from '@/lib/validation/fts';

/** The options of incidents_fts (db/migrations/0005_incidents_fts_detail_none.sql). */
const INDEX_OPTIONS = "content='', contentless_delete=1, detail=none, tokenize='unicode61 remove_diacritics 2'";

describe('FTS query escaping', () => {
  it.each([
    ['police van', '"police"* "van"*'],
    ['"quoted phrase"', '"quoted"* "phrase"*'],
    ['bomb OR blast', '"bomb"* "OR"* "blast"*'],
    ['NEAR(a b, 3)', '"NEAR"* "a"* "b"* "3"*'],
    ['notes:bannu', '"notes"* "bannu"*'],
    ['-bannu +quetta ^x', '"bannu"* "quetta"* "x"*'],
    ['Dera Ismail Khan', '"Dera"* "Ismail"* "Khan"*'],
    ['پشاور', '"پشاور"*'],
    ['Jaïsh', '"Jaïsh"*'],
    ['snake_case name', '"snake"* "case"* "name"*'],
  ])('%s → %s', (input, expected) => {
    expect(toFtsQuery(input)).toBe(expected);
  });
  it('returns null when nothing searchable is left', () => {
    expect(toFtsQuery('"*" () : ^')).toBeNull();
    expect(toFtsQuery('   ')).toBeNull();
  });
  it('every output is accepted by FTS5 and matches as plain text', () => {
    const db = new Database(':memory:');
    db.exec(`CREATE VIRTUAL TABLE t USING fts5(location, notes, ${INDEX_OPTIONS})`);
    db.prepare('INSERT INTO t VALUES (?, ?)').run('Peshawar پشاور', 'NEAR the OR gate a notes: Jaish bomb');
    const inputs = [
      '"',
      '""',
      'a"b',
      'a_b',
      'OR',
      'AND NOT',
      'NEAR(',
      'notes:',
      'location:x',
      '*',
      '^',
      '(((',
      'پشاور',
      'jaïsh',
      'x'.repeat(200),
      "'; DROP TABLE t; --",
    ];
    for (const input of inputs) {
      const q = toFtsQuery(input);
      if (q) expect(() => db.prepare('SELECT count(*) FROM t WHERE t MATCH ?').get(q), input).not.toThrow();
    }
    const hits = (s: string) => (db.prepare('SELECT count(*) AS n FROM t WHERE t MATCH ?').get(toFtsQuery(s)) as { n: number }).n;
    expect(hits('OR')).toBe(1);
    expect(hits('notes:')).toBe(1);
    expect(hits('jaish')).toBe(1);
    expect(hits('پشاور')).toBe(1);
    expect(hits('pesh')).toBe(1);
    expect(hits('karachi')).toBe(0);
  });

  it('never builds a phrase: every letter or digit SQLite splits on splits the query too', () => {
    // detail=none rejects multi-token phrases; a word the tokenizer cuts in two would make one.
    const db = new Database(':memory:');
    db.exec(`CREATE VIRTUAL TABLE t USING fts5(x, ${INDEX_OPTIONS})`);
    db.prepare('INSERT INTO t(rowid, x) VALUES (1, ?)').run('a');
    const match = db.prepare('SELECT count(*) FROM t WHERE t MATCH ?').pluck();
    const wordChar = /[\p{L}\p{N}]/u;
    const rejected: string[] = [];
    let checked = 0;
    for (let cp = 0x80; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      if (!wordChar.test(ch.normalize('NFKC'))) continue;
      const q = toFtsQuery(`a${ch}a`)!;
      try {
        match.get(q);
      } catch (err) {
        rejected.push(`U+${cp.toString(16)} ${q}: ${(err as Error).message}`);
      }
      checked++;
    }
    expect(rejected).toEqual([]);
    expect(checked).toBeGreaterThan(100_000);
  });
});

describe('tsquery building for PostgreSQL', () => {
  it.each([
    ['police van', "'police':* & 'van':*"],
    ['bomb | blast & !x', "'bomb':* & 'blast':* & 'x':*"],
    ["O'Brien", "'O':* & 'Brien':*"],
    ['x:* <-> (y)', "'x':* & 'y':*"],
    ['snake_case', "'snake':* & 'case':*"],
    ['پشاور', "'پشاور':*"],
  ])('%s → %s', (input, expected) => {
    expect(toTsQuery(input)).toBe(expected);
  });
  it('searches the words FTS5 searches, and nothing when none is left', () => {
    for (const input of ['Dera Ismail Khan', 'a"b', 'NEAR(a b, 3)', 'Jaïsh-ul-Adl']) {
      expect(
        toTsQuery(input)!
          .match(/'([^']+)':\*/g)!
          .map((t) => t.slice(1, -3)),
      ).toEqual(
        toFtsQuery(input)!
          .match(/"([^"]+)"\*/g)!
          .map((t) => t.slice(1, -2)),
      );
    }
    expect(toTsQuery('"*" () : ^ & | !')).toBeNull();
  });
});
