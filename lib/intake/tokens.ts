/**
 * Word tokens of the analysed text with their offsets, folded for matching: lowercase, accents
 * gone ("Kŭlob" = "kulob"). Offsets stay those of the original text so spans can be highlighted.
 */
export interface Token {
  start: number;
  end: number;
  /** The token as written. */
  raw: string;
  /** Lowercase, diacritics removed. */
  fold: string;
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const ASCII = /^[\x20-\x7e]*$/;

/** Lowercases and strips diacritics; ASCII words (nearly all of English news) skip NFKD. */
export function foldWord(w: string): string {
  if (ASCII.test(w)) return w.toLowerCase();
  return w
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    out.push({ start, end: start + m[0].length, raw: m[0], fold: foldWord(m[0]) });
  }
  return out;
}

/** Folded tokens of a place name or alias ("D.I. Khan" → ["d", "i", "khan"]). */
export function nameTokens(name: string): string[] {
  return tokenize(name).map((t) => t.fold);
}
