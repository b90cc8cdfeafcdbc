/**
 * Counts as the press writes them: numerals and English number words up to ninety-nine, "a dozen",
 * "half a dozen". Vague amounts ("dozens", "scores of", "several") are deliberately absent: a
 * vague amount must leave a count null rather than become a guess.
 */
const ONES = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
] as const;
const TENS = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'] as const;
const DIGITS = ONES.slice(1, 10).join('|');

/** Regex source of one count; the longest forms come first so "twenty-one" is not read as "twenty". */
export const NUMBER_SOURCE =
  `(?:half\\s+a\\s+dozen|(?:a|one|two)\\s+dozen|(?:${TENS.join('|')})(?:[-\\s](?:${DIGITS}))?` +
  `|${[...ONES].reverse().join('|')}|\\d{1,3}(?![\\d,.]\\d)|an?)`;

const WORD_VALUE = new Map<string, number>();
ONES.forEach((w, i) => WORD_VALUE.set(w, i));
TENS.forEach((w, i) => WORD_VALUE.set(w, 20 + 10 * i));

/** The value of a count matched by NUMBER_SOURCE ("a"/"an" are 1: "a soldier"). */
export function numberValue(token: string): number | null {
  const t = token.toLowerCase().replace(/\s+/g, ' ').trim();
  if (/^\d+$/.test(t)) return Number(t);
  if (t === 'a' || t === 'an') return 1;
  if (t === 'half a dozen') return 6;
  const dozen = /^(a|one|two) dozen$/.exec(t);
  if (dozen) return dozen[1] === 'two' ? 24 : 12;
  const [tens, ones] = t.split(/[- ]/);
  const base = WORD_VALUE.get(tens ?? '');
  if (base === undefined) return null;
  if (ones === undefined) return base;
  const unit = WORD_VALUE.get(ones);
  return unit !== undefined && unit < 10 ? base + unit : null;
}
