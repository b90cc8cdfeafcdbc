/**
 * Sentence bounds of the analysed text. Counts and their verbs are matched within one sentence, so
 * a split must not fall inside "D.I. Khan" or "Lt. Col.": a full stop ends a sentence only after a
 * word that is not a known abbreviation or a lone initial.
 */
export interface Bounds {
  start: number;
  end: number;
}

const END = /[.!?]["”’']?(?=\s+["“‘']?[A-Z0-9])|\n+/g;
const ABBREVIATION =
  /(?:^|[\s(])(?:[A-Z]|[A-Z]\.[A-Z]|Lt|Col|Maj|Capt|Gen|Brig|Mr|Mrs|Ms|Dr|No|St|Sgt|Insp|Sub|Hav|Nk|Sep|Rs|Jan|Feb|Aug|Sept?|Oct|Nov|Dec|vs|approx|Govt|Prof)$/;

export function sentences(text: string): Bounds[] {
  const out: Bounds[] = [];
  let start = 0;
  END.lastIndex = 0;
  for (let m = END.exec(text); m; m = END.exec(text)) {
    if (m[0][0] === '.' && ABBREVIATION.test(text.slice(Math.max(0, m.index - 12), m.index))) continue;
    const end = m[0][0] === '\n' ? m.index : m.index + m[0].length;
    if (end > start) out.push({ start, end });
    start = m.index + m[0].length;
  }
  if (start < text.length) out.push({ start, end: text.length });
  return out;
}

/**
 * Background that newsrooms append ("last month, five soldiers were martyred in a similar attack")
 * is another event: past the headline and the first sentence, such a sentence is left out.
 */
const BACKGROUND =
  /\b(?:(?:last|previous)\s+(?:week|month|year|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|earlier\s+this\s+(?:week|month|year)|in\s+(?:19|20)\d\d\b|similar\s+(?:attacks?|incidents?)|(?:earlier|separate|previous)\s+(?:attacks?|incidents?)|since\s+(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:19|20)\d\d)|so\s+far\s+this\s+year|this\s+year|in\s+recent\s+(?:months|weeks|years))\b/i;

/** The sentences that tell this report's event: all but background past the lede. */
export function foreground(text: string): Bounds[] {
  const titleEnd = text.indexOf('\n');
  return sentences(text).filter((b, index) => {
    const lede = index === 0 || (index === 1 && titleEnd >= 0 && b.start > titleEnd);
    return lede || !BACKGROUND.test(text.slice(b.start, b.end));
  });
}
