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
