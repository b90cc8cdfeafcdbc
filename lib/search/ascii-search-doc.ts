/**
 * PostgreSQL's search document of an incident (`incidents_search_doc`, db/migrations-pg 0001 and
 * 0005), computed here for the common case of a document of ASCII characters only, as the text of
 * a `tsvector` an import sends with its COPY: the database then parses a ready list of words
 * (tsvectorin) instead of running its text parser over every row, most of what an import spent
 * on the search index. Every other document answers null and the database computes it.
 *
 * For ASCII text the database's document is `to_tsvector('pg_catalog.simple', …)` of the columns
 * joined by spaces with every run of non-alphanumerics made one space (search_doc's ASCII branch:
 * ASCII is its own NFKC form and has no accent to remove). Its parser then reads each run of
 * letters and digits as one word, except one led by digits whose first letter is an e/E followed by
 * a digit: that is a number in scientific notation (`1e5`) and what follows it a word of its own
 * (`1e5x` → `1e5`, `x`). Words are lowercased (`simple`), numbered from 1, and a word of 2,047
 * bytes or more is skipped without a number. Documents past PostgreSQL's limits (positions above
 * 16,383 or more than 256 per word) are left to the database. tests/integration/pg-search-doc
 * checks every rule against the database.
 */

/** Any character outside ASCII (U+0080 and above). */
const NON_ASCII = /[\u0080-\uffff]/;
const RUN = /[A-Za-z0-9]+/g;
const SCIENTIFIC = /^[0-9]+[eE][0-9]+/;
/** PostgreSQL's MAXSTRLEN (longest word indexed, in bytes), MAXENTRYPOS - 1 and MAXNUMPOS. */
const MAX_WORD = 2047;
const MAX_POSITION = 16383;
const MAX_POSITIONS_PER_WORD = 256;

/**
 * The `tsvector` text of the document of `parts` (NULL parts left out, as concat_ws does), or null
 * when the database must compute it: a character outside ASCII, or a document past the limits.
 * Lowercasing assumes the database lowercases ASCII as ASCII (any UTF-8 locale but a Turkish one:
 * the import checks `lower('I') = 'i'` before using this).
 */
export function asciiSearchDoc(parts: readonly (string | null | undefined)[]): string | null {
  const positions = new Map<string, number[]>();
  let position = 0;
  const add = (token: string): boolean => {
    if (token.length >= MAX_WORD) return true;
    if (++position > MAX_POSITION) return false;
    const word = token.toLowerCase();
    const list = positions.get(word);
    if (!list) positions.set(word, [position]);
    else if (list.push(position) > MAX_POSITIONS_PER_WORD) return false;
    return true;
  };
  for (const part of parts) {
    if (part === null || part === undefined) continue;
    if (NON_ASCII.test(part)) return null;
    for (const [run] of part.matchAll(RUN)) {
      const number = run.charCodeAt(0) <= 57 ? SCIENTIFIC.exec(run) : null;
      if (!number) {
        if (!add(run)) return null;
        continue;
      }
      if (!add(number[0])) return null;
      if (number[0].length < run.length && !add(run.slice(number[0].length))) return null;
    }
  }
  let out = '';
  for (const [word, list] of positions) out += `${out ? ' ' : ''}${word}:${list.join(',')}`;
  return out;
}
