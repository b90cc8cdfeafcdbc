import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { toFtsQuery } from '@/lib/validation/fts';

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
    ['snake_case', '"snake"* "case"*'],
  ])('%s → %s', (input, expected) => {
    expect(toFtsQuery(input)).toBe(expected);
  });
  it('returns null when nothing searchable is left', () => {
    expect(toFtsQuery('"*" () : ^')).toBeNull();
    expect(toFtsQuery('   ')).toBeNull();
  });
  it('every output is accepted by FTS5 and matches as plain text', () => {
    const db = new Database(':memory:');
    // The product's table options (db/migrations/0005): no positions, so no phrase may reach it.
    db.exec("CREATE VIRTUAL TABLE t USING fts5(location, notes, content='', contentless_delete=1, detail=none, tokenize='unicode61 remove_diacritics 2')");
    db.prepare('INSERT INTO t (rowid, location, notes) VALUES (1, ?, ?)').run('Peshawar پشاور', 'NEAR the OR gate a notes: Jaish bomb snake_case');
    const inputs = ['"', '""', 'a"b', 'OR', 'AND NOT', 'NEAR(', 'notes:', 'location:x', '*', '^', '(((', 'پشاور', 'jaïsh', 'x'.repeat(200), "'; DROP TABLE t; --", 'snake_case', 'a_b_c', 'Jai\u0308sh'];
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
    expect(hits('snake_case')).toBe(1);
  });
  it('never builds a phrase: any text gives a query the position-free index accepts', () => {
    const db = new Database(':memory:');
    db.exec("CREATE VIRTUAL TABLE t USING fts5(a, content='', contentless_delete=1, detail=none, tokenize='unicode61 remove_diacritics 2')");
    const stmt = db.prepare('SELECT count(*) FROM t WHERE t MATCH ?');
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (input) => {
        const q = toFtsQuery(input);
        if (q) stmt.get(q);
      }),
      { numRuns: 3000 },
    );
  });
});
