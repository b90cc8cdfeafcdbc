/**
 * Where a search word ends: anything that is not a letter or digit, and the few letters FTS5's
 * unicode61 tokenizer (SQLite 3.53) still treats as separators (New Tai Lue vowel signs, two
 * Vedic signs; its tables predate their reclassification). Each term must be exactly one token:
 * the index is built with detail=none, which cannot evaluate a phrase of several tokens.
 */
const SEPARATORS = /(?:[^\p{L}\p{N}]|[\u19B0-\u19C0\u19C8\u19C9\u1CF2\u1CF3])+/u;

/**
 * Turns free text into a safe FTS5 MATCH expression: every word becomes a quoted prefix
 * term, so operators, quotes and column filters typed by a user are searched as text
 * instead of being parsed as FTS5 syntax (which would throw). Words are split where the
 * tokenizer splits them (`a_b` searches `a` and `b`), so no term is a multi-token phrase.
 */
export function toFtsQuery(input: string): string | null {
  const words = ftsWords(input);
  if (!words.length) return null;
  return words.map((w) => `"${w.replace(/"/g, '""')}"*`).join(' ');
}

/** The words of a text split where the tokenizer splits it (a search keeps its first 16). */
export function ftsWords(input: string, max = 16): string[] {
  return input.normalize('NFKC').split(SEPARATORS).filter(Boolean).slice(0, max);
}

/**
 * The same search for PostgreSQL: every word a quoted prefix lexeme, AND-ed, for
 * `to_tsquery('public.frontier_search', …)` against the search documents of db/migrations-pg
 * (0001). Words are split exactly as for FTS5, so both engines search the same terms, and quoting
 * keeps `&`, `|`, `!`, `:` and parentheses typed by a user from being read as tsquery syntax.
 */
export function toTsQuery(input: string): string | null {
  const words = ftsWords(input);
  if (!words.length) return null;
  return words.map((w) => `'${w.replace(/\\/g, '\\\\').replace(/'/g, "''")}':*`).join(' & ');
}
