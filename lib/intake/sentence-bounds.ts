/**
 * Sentence boundaries of an analysed text, as UTF-16 offsets: the one splitter of the intake.
 * Attribution, cross-border cues, casualty counts and event cues are judged per sentence ("police blamed the TTP" binds the TTP to the blaming, not to a
 * ceasefire mentioned two sentences later). The press abbreviates heavily ("D.I. Khan",
 * "Lt. Col.", "Dec. 3"), so a full stop after a capital initial or a known short word does not
 * end a sentence.
 */

export interface Bounds {
  start: number;
  end: number;
}

const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'dr',
  'st',
  'no',
  'lt',
  'col',
  'gen',
  'maj',
  'capt',
  'brig',
  'sgt',
  'insp',
  'sub',
  'ret',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'vs',
  'etc',
  'ms',
  'hav',
  'nk',
  'rs',
  'approx',
  'govt',
  'prof',
]);

/** A candidate end: terminal punctuation followed by space and a capital, a digit or a quote; or a newline. */
const END = /[.!?]["'\u2019\u201d)]?(?=\s+["'\u2018\u201c(]?[\p{Lu}\d])|\n+/gu;

export function sentenceBounds(text: string): Bounds[] {
  const out: Bounds[] = [];
  let start = 0;
  END.lastIndex = 0;
  for (let m = END.exec(text); m; m = END.exec(text)) {
    if (m[0][0] === '.' && isAbbreviation(text, m.index)) continue;
    const end = m.index + m[0].length;
    if (end > start) out.push({ start, end });
    start = end;
  }
  if (start < text.length) out.push({ start, end: text.length });
  return out;
}

/** Whether the full stop at `dot` closes an abbreviation ("D.I.", "Lt.", "Dec.") rather than a sentence. */
function isAbbreviation(text: string, dot: number): boolean {
  let i = dot;
  while (i > 0 && /[\p{L}]/u.test(text[i - 1])) i--;
  const word = text.slice(i, dot);
  if (word.length === 1 && word === word.toUpperCase()) return true;
  return ABBREVIATIONS.has(word.toLowerCase());
}

/** The sentence holding offset `at` (binary search over sorted bounds). */
export function sentenceAt(bounds: readonly Bounds[], at: number): Bounds {
  let lo = 0;
  let hi = bounds.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (bounds[mid].start <= at) lo = mid;
    else hi = mid - 1;
  }
  return bounds[lo] ?? { start: 0, end: 0 };
}

/**
 * The text with accents folded one UTF-16 unit for one ("Peshāwar" → "Peshawar"), so offsets found
 * in it are offsets in the original. Characters whose folded form is not a single unit stay as they are.
 */
export function foldAccents(text: string): string {
  // Only the non-ASCII characters are looked at (curly quotes are in most reports), each folded once.
  // eslint-disable-next-line no-control-regex
  return text.replace(/[^\x00-\x7f]/g, foldChar);
}

const FOLDED = new Map<string, string>();
function foldChar(ch: string): string {
  let out = FOLDED.get(ch);
  if (out === undefined) {
    const base = ch.normalize('NFKD').replace(/\p{M}+/gu, '');
    out = base.length === 1 ? base : ch;
    if (FOLDED.size < 4096) FOLDED.set(ch, out);
  }
  return out;
}
