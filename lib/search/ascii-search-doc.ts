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
/** PostgreSQL's MAXSTRLEN (longest word indexed, in bytes), MAXENTRYPOS - 1 and MAXNUMPOS. */
const MAX_WORD = 2047;
const MAX_POSITION = 16383;
const MAX_POSITIONS_PER_WORD = 256;

/** Character classes of the ASCII range: 1 digit, 2 letter, 0 anything else; -1 outside ASCII. */
const CLASS = (c: number): number => (c >= 48 && c <= 57 ? 1 : (c >= 97 && c <= 122) || (c >= 65 && c <= 90) ? 2 : c < 128 ? 0 : -1);
const TABLE = Int8Array.from({ length: 128 }, (_, c) => CLASS(c));

/** Words of one document and their positions ("3,9"), in a scan of plain character codes (a regex per word cost more than the database's parser). */
class Doc {
  readonly words = new Map<string, string>();
  position = 0;

  /** False when the document is past PostgreSQL's limits. */
  add(word: string): boolean {
    if (word.length >= MAX_WORD) return true;
    if (++this.position > MAX_POSITION) return false;
    const list = this.words.get(word);
    if (list === undefined) this.words.set(word, String(this.position));
    else {
      const next = `${list},${this.position}`;
      // Only a list that long can hold 256 positions: count them then.
      if (next.length > 2 * MAX_POSITIONS_PER_WORD && next.split(',').length > MAX_POSITIONS_PER_WORD) return false;
      this.words.set(word, next);
    }
    return true;
  }
}

/**
 * The `tsvector` text of the document of `parts` (NULL parts left out, as concat_ws does), or null
 * when the database must compute it: a character outside ASCII, or a document past the limits.
 * Lowercasing assumes the database lowercases ASCII as ASCII (any UTF-8 locale but a Turkish one:
 * the import checks `lower('I') = 'i'` before using this).
 */
export function asciiSearchDoc(parts: readonly (string | null | undefined)[]): string | null {
  const doc = new Doc();
  for (const part of parts) {
    if (part === null || part === undefined) continue;
    const text = part.toLowerCase();
    const end = text.length;
    let i = 0;
    while (i < end) {
      const c = text.charCodeAt(i);
      const kind = c < 128 ? TABLE[c] : -1;
      if (kind < 0) return null;
      if (kind === 0) {
        i++;
        continue;
      }
      let j = i + 1;
      let k: number;
      while (j < end && (k = text.charCodeAt(j)) < 128 && TABLE[k] > 0) j++;
      if (j < end && text.charCodeAt(j) >= 128) return null;
      // A digit-led word with e and a digit after its leading digits is scientific notation: that
      // number is a word, and the rest of the run another.
      let split = j;
      if (kind === 1) {
        let d = i + 1;
        while (d < j && TABLE[text.charCodeAt(d)] === 1) d++;
        if (d + 1 < j && text.charCodeAt(d) === 101 && TABLE[text.charCodeAt(d + 1)] === 1) {
          split = d + 2;
          while (split < j && TABLE[text.charCodeAt(split)] === 1) split++;
        }
      }
      if (!doc.add(text.slice(i, split))) return null;
      if (split < j && !doc.add(text.slice(split, j))) return null;
      i = j;
    }
  }
  // Two things spare the database's parser (tsvectorin) work; the import's database CPU is its
  // critical path and Node has time to spare (docs/benchmarks-history.md, "PostgreSQL import,
  // round 5"). The words come in the order the database stores them (bytewise, a prefix first:
  // for ASCII words JavaScript's default string order), so its sort finds them sorted after one
  // pass. And each is quoted: inside quotes the parser looks for the closing quote only, where
  // after a bare word's every character it asks the locale whether it is a space. Words hold
  // letters and digits only, so nothing needs escaping.
  const words = [...doc.words.keys()].sort();
  let out = '';
  for (const word of words) out += out ? ` '${word}':${doc.words.get(word)!}` : `'${word}':${doc.words.get(word)!}`;
  return out;
}
