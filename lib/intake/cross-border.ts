/**
 * Whether an attack came across an international border. A cue counts only in a sentence about
 * the event (a verb of attack, firing or infiltration) and not in a sentence of policy or
 * history: Pakistani reports routinely add that "Islamabad has asked Kabul not to let Afghan soil
 * be used", which says nothing about this attack.
 * - Always: "across the border", "cross-border", "infiltrated from ..."; and "from Afghanistan",
 *   "Afghan soil/territory", "from the Afghan side" unless the place is itself in Afghanistan
 *   (likewise "from Tajikistan" unless the place is in Tajikistan).
 * - When the place is in Pakistan: "Afghan forces/troops/shelling" firing on it.
 * - When the incident's place is in Afghanistan or Tajikistan, attacks from the other side:
 *   "from Pakistani territory", "Pakistani shelling/airstrikes/forces" (AF) and "from Afghanistan",
 *   "from the Afghan side" (TJ, already above).
 * The place is any value with a `country` (ISO alpha-2), such as an IntakePlace.
 */
import type { Span } from './types';
import { sentenceAt, sentenceBounds } from './sentence-bounds';

const ANY_SIDE = /\b(?:across the (?:border|frontier|Durand Line)|cross[- ]border|from (?:across|beyond) the border|infiltrat\w*)\b/giu;
/** Cues naming Afghanistan as the origin: they say nothing when the place itself is in Afghanistan. */
const FROM_AFGHANISTAN =
  /\b(?:from Afghanistan|from (?:the )?Afghan (?:side|soil|territory|border)|(?:on|using|use of|from) Afghan (?:soil|territory))\b/giu;
const FROM_TAJIKISTAN = /\b(?:from Tajikistan|from (?:the )?Tajik (?:side|territory))\b/giu;
const FROM_PAKISTAN =
  /\b(?:from Pakistan(?:i (?:side|soil|territory))?|from the Pakistani side|Pakistani (?:shelling|airstrikes?|air strikes?|drone strikes?|jets|forces|military|troops|rockets?|mortars?))\b/giu;

const AFGHAN_FORCES =
  /\b(?:Afghan (?:Taliban )?(?:forces|troops|border (?:forces|guards)|shelling|mortars?|rockets?)|Taliban (?:forces|fighters) (?:fired|opened fire|attacked|shelled))\b/giu;

/** The sentence reports this event: something was fired, struck, crossed or attacked. */
const EVENT =
  /\b(?:attack\w*|fir(?:ed|ing)|shell(?:ed|ing|s)?|struck|hit|(?:air|drone )?strikes?|airstrikes?|ambush\w*|infiltrat\w*|crossed|crossing|entered|intruded|sneaked|kill\w*|martyr\w*|injur\w*|wound\w*|targeted|launched|rockets?|mortars?|clash\w*|exchange of fire|bomb\w*)\b/iu;
/** Policy, demands and background: the cue is about relations, not this attack. */
const POLICY =
  /\b(?:urged|urges|asked|asks|demanded|demands|called on|accused|accuses|has long|repeatedly|harbou?r\w*|sanctuar\w*|safe havens?|hideouts?|based in|operat(?:e|es|ing) from|allegedly|not to allow|not to let|should not|must not|warned|policy|talks)\b/iu;

export function crossBorder(text: string, place: { country: string } | null): { crossBorder: boolean; spans: Span[] } {
  const bounds = sentenceBounds(text);
  const spans: Span[] = [];
  const scan = (re: RegExp) => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const s = sentenceAt(bounds, m.index);
      const sentence = text.slice(s.start, s.end);
      if (!EVENT.test(sentence) || POLICY.test(sentence)) continue;
      // "infiltrat..." alone is a cue only when the sentence says from where (a border or a country).
      if (/^infiltrat/iu.test(m[0]) && !/\b(?:border|Afghan\w*|Tajik\w*|Pakistan\w*)\b/u.test(sentence)) continue;
      spans.push({ field: 'crossBorder', start: m.index, end: m.index + m[0].length, text: m[0] });
    }
  };
  const country = place?.country ?? null;
  scan(ANY_SIDE);
  if (country !== 'AF') scan(FROM_AFGHANISTAN);
  if (country !== 'TJ') scan(FROM_TAJIKISTAN);
  if (country === 'AF' || country === 'TJ') scan(FROM_PAKISTAN);
  if (country === 'PK') scan(AFGHAN_FORCES);
  spans.sort((a, b) => a.start - b.start);
  return { crossBorder: spans.length > 0, spans };
}
