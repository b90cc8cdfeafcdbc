import { ftsWords } from '@/lib/validation/fts';

/**
 * The words of the full-text search as both engines index them, where that can be decided here
 * without the database: for text made of ASCII characters only.
 *
 * On ASCII text the two engines agree exactly and simply. SQLite's unicode61 tokenizer and
 * PostgreSQL's search document (db/migrations-pg 0001/0005: punctuation to spaces, then the
 * `simple` configuration, which an ASCII document takes without `unaccent`) both cut at every
 * character that is not [A-Za-z0-9] and fold case; NFKC changes no ASCII text. Beyond ASCII they
 * differ in ways no small table here could follow exactly (unaccent maps `ł`, `ø` and `ß`, FTS5
 * keeps them; glibc's and Unicode's letter classes differ by version; FTS5 does not NFKC a
 * document), so the caller asks the engine for those words (db/queries/incident-text-pg.ts).
 */

/** PostgreSQL skips a word longer than this ("word is too long to be indexed"), in documents and queries. */
export const MAX_WORD_LENGTH = 2047;

const NON_ASCII = /[\u0080-\u{10ffff}]/u;
const LOWER_SEPARATORS = /[^a-z0-9]+/;

export const isAscii = (text: string): boolean => !NON_ASCII.test(text);

/**
 * The distinct words of an ASCII document, lower-cased; null when the text is not all ASCII.
 * `maxWord`: PostgreSQL's limit by default (SQLite's FTS5 has none: Infinity).
 */
export function asciiDocWords(text: string, maxWord = MAX_WORD_LENGTH): string[] | null {
  if (!isAscii(text)) return null;
  const out = new Set<string>();
  for (const w of text.toLowerCase().split(LOWER_SEPARATORS)) if (w && w.length <= maxWord) out.add(w);
  return [...out];
}

/**
 * A free-text query as prefix terms. `none`: no searchable word (the search matches nothing, as in
 * SQL); `engine`: a word outside ASCII, whose folding only the database can tell; else the terms,
 * every one a prefix and all required (lib/validation/fts.ts builds the same query for SQL).
 */
export type QueryTerms = { kind: 'none' } | { kind: 'engine' } | { kind: 'terms'; terms: string[] };

export function queryTerms(q: string, maxWord = MAX_WORD_LENGTH): QueryTerms {
  const words = ftsWords(q);
  if (!words.length) return { kind: 'none' };
  if (!words.every(isAscii)) return { kind: 'engine' };
  // A word PostgreSQL skips drops out of its query (the others still apply); none left matches nothing.
  const terms = [...new Set(words.filter((w) => w.length <= maxWord).map((w) => w.toLowerCase()))];
  return terms.length ? { kind: 'terms', terms } : { kind: 'none' };
}
