/**
 * The casualty verbs around a count: "three soldiers were martyred" (after), "killing two
 * policemen" (before), "a major among them, were martyred" (the first passive verb further on).
 */
export type Outcome = 'killed' | 'injured';

export const KILLED_WORDS =
  'killed|martyred|shot\\s+dead|gunned\\s+down|dead|died|lost\\s+(?:their|his|her)\\s+li(?:ves|fe)|' +
  'embraced\\s+(?:martyrdom|shahadat)|sent\\s+to\\s+hell|neutrali[sz]ed|eliminated|perished|' +
  'succumbed|slain';
const INJURED_WORDS = 'injured|wounded|hurt|sustained\\s+(?:\\w+\\s+)?injuries|received\\s+(?:\\w+\\s+)?injuries';
export const ADVERBS =
  '(?:(?:also|reportedly|allegedly|critically|seriously|severely|badly|grievously|later|all|both|' +
  'subsequently|mortally|brutally|instantly|on\\s+the\\s+spot)\\s+)*';
export const AFTER = new RegExp(
  `^\\s*,?\\s*(?:(?:who|which|that)\\s+)?(?:(?:were|was|have\\s+been|had\\s+been|has\\s+been|got|are|is|` +
    `have|had|has)\\s+)?${ADVERBS}(?:(${KILLED_WORDS})|(${INJURED_WORDS}))\\b`,
  'i',
);
export const BEFORE = new RegExp(
  `\\b(?:(killing|killed|kill|kills|martyring|martyred|martyrs|claimed\\s+the\\s+lives\\s+of|claiming\\s+the\\s+lives\\s+of|` +
    `(?:the\\s+)?(?:killing|murder|killings|murders|deaths?)\\s+of|shot\\s+dead|gunned\\s+down|toll\\b[^.]{0,60}?\\b(?:rose|risen|rises|climbed|climbs|reached|reaches|jumped|jumps|mounted|stands\\s+at|stood\\s+at)(?:\\s+to)?|(?:shahadat|martyrdom|martyred|killed|died|shot\\s+dead|gunned\\s+down)\\s+(?:along\\s+)?with|neutrali[sz]ing|neutrali[sz]ed|eliminating|eliminated|leaving|left)|` +
    `(injuring|injured|injures|wounding|wounded|wounds))\\s+(?:the\\s+[\\w-]+(?:\\s+[\\w-]+)?\\s+(?:and|,)\\s+)?(?:at\\s+least|as\\s+many\\s+as|more\\s+than|` +
    `over|some|about|around|nearly|almost|up\\s+to|another|other|all|all\\s+the)?\\s*$`,
  'i',
);
export const PASSIVE = new RegExp(
  `\\b(?:(?:were|was|have\\s+been|had\\s+been|has\\s+been|got)\\s+${ADVERBS}(?:(${KILLED_WORDS})|(${INJURED_WORDS}))|` +
    `(died|lost\\s+(?:their|his|her)\\s+li(?:ves|fe)|embraced\\s+(?:martyrdom|shahadat)|succumbed|perished))\\b`,
  'i',
);

export function outcomeOf(m: RegExpExecArray | null, killedGroup: number, injuredGroup: number, other = -1): Outcome | null {
  if (!m) return null;
  if (m[killedGroup] || (other > 0 && m[other])) return 'killed';
  return m[injuredGroup] ? 'injured' : null;
}
