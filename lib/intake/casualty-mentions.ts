/**
 * The counts of one sentence with what happened to them: "three soldiers were martyred", "killing
 * two policemen and a civilian", "12 people, including five soldiers, were injured". A count
 * with no casualty verb ("two attackers opened fire") is kept out, never guessed.
 */
import { NUMBER_SOURCE, numberValue } from '@/lib/intake/numbers';
import { ROLE_SOURCE, roleOf, type Role } from '@/lib/intake/roles';

export type Outcome = 'killed' | 'injured';
export interface Mention {
  value: number;
  role: Role | null;
  /** Part of the count before it ("including five soldiers"): splits, does not add. */
  sub: boolean;
  outcome: Outcome | null;
  start: number;
  end: number;
}

const UNIT =
  '(?:days?|hours?|minutes?|weeks?|months?|years?|-year|km|kilometres?|kilometers?|miles?|metres?|meters?|' +
  'kg|kilograms?|million|billion|lakh|crore|per\\s*cent|percent|%|am|pm|o.clock|rupees|vehicles?|' +
  'houses?|shops?|schools?|rounds?|of\\s+(?:them|the|whom|those|these)|January|February|March|April|May|' +
  'June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\b';
const GAP_WORD =
  '(?!(?:and|or|of|in|on|at|to|from|by|with|were|was|are|is|have|has|had|been|the|who|which|that|killed|' +
  'injured|martyred|wounded|dead|died|including|while|after|before|during|as|for|but|when|where)\\b)' +
  "[\\w'’-]+";
const MENTION = new RegExp(
  `\\b(${NUMBER_SOURCE}|another(?!\\s+${NUMBER_SOURCE}\\b))\\b(?!\\s*-?\\s*${UNIT})(?:(?:\\s+${GAP_WORD}){0,2}?\\s+(${ROLE_SOURCE}))?\\b`,
  'gi',
);
const NOT_A_COUNT_BEFORE =
  /(?:January|February|March|April|May|June|July|August|September|October|November|December|Rs\.?|No\.?|aged|age|Section|Article|Corps|Brigade|Division|Wing|Regiment|\$|#|PKR|page|Vol\.?|Dec|Sept?|Oct|Nov|Jan|Feb|Aug)\s*$/i;
const SUB_BEFORE = /(?:including|among\s+them|among\s+whom|of\s+whom|of\s+them|incl\.)\s*(?:at\s+least\s+)?$/i;

const KILLED_WORDS =
  'killed|martyred|shot\\s+dead|gunned\\s+down|dead|died|lost\\s+(?:their|his|her)\\s+li(?:ves|fe)|' +
  'embraced\\s+(?:martyrdom|shahadat)|sent\\s+to\\s+hell|neutrali[sz]ed|eliminated|perished|' +
  'succumbed|blew\\s+(?:himself|themselves)\\s+up|slain';
const INJURED_WORDS = 'injured|wounded|hurt|sustained\\s+(?:\\w+\\s+)?injuries|received\\s+(?:\\w+\\s+)?injuries';
const ADVERBS =
  '(?:(?:also|reportedly|allegedly|critically|seriously|severely|badly|grievously|later|all|both|' +
  'subsequently|mortally|brutally|instantly|on\\s+the\\s+spot)\\s+)*';
const AFTER = new RegExp(
  `^\\s*,?\\s*(?:(?:who|which|that)\\s+)?(?:(?:were|was|have\\s+been|had\\s+been|has\\s+been|got|are|is|` +
    `have|had|has)\\s+)?${ADVERBS}(?:(${KILLED_WORDS})|(${INJURED_WORDS}))\\b`,
  'i',
);
const BEFORE = new RegExp(
  `\\b(?:(killing|killed|kill|kills|martyring|martyred|martyrs|claimed\\s+the\\s+lives\\s+of|claiming\\s+the\\s+lives\\s+of|` +
    `shot\\s+dead|gunned\\s+down|toll\\b[^.]{0,60}?\\b(?:rose|risen|rises|climbed|climbs|reached|reaches|jumped|jumps|mounted|stands\\s+at|stood\\s+at)(?:\\s+to)?|(?:shahadat|martyrdom|martyred|killed|died)\\s+along\\s+with|neutrali[sz]ing|neutrali[sz]ed|eliminating|eliminated|leaving|left)|` +
    `(injuring|injured|injures|wounding|wounded|wounds))\\s+(?:at\\s+least|as\\s+many\\s+as|more\\s+than|` +
    `over|some|about|around|nearly|almost|up\\s+to|another|other|all|all\\s+the)?\\s*$`,
  'i',
);
const PASSIVE = new RegExp(
  `\\b(?:(?:were|was|have\\s+been|had\\s+been|has\\s+been|got)\\s+${ADVERBS}(?:(${KILLED_WORDS})|(${INJURED_WORDS}))|` +
    `(died|lost\\s+(?:their|his|her)\\s+li(?:ves|fe)|embraced\\s+(?:martyrdom|shahadat)|succumbed|perished))\\b`,
  'i',
);
/** A named soldier or policeman is one of them: ISPR names the fallen ("Sepoy Ali (age 24, resident of Kohat)"). */
const RANK =
  /\b(?:Lance\s+Naik|Naib\s+Subedar|Sepoy|Sipahi|Naik|Havildar|Subedar|Captain|Capt\.?|Major|Maj\.?|Lieutenant\s+Colonel|Lt\.?\s+Col\.?|Lieutenant|Lt\.?|Colonel|Head\s+Constable|Constable|Sub-Inspector|Inspector|ASI|SHO)\s+(?:[A-Z][a-z]+\s*){1,4}(?:\([^)]{0,80}\))?/g;
const COORDINATION = /^\s*(?:,|,?\s*and|as\s+well\s+as|&|plus|besides)(?:\s+(?:his|her|their|its|the))?\s*$/i;

function outcomeOf(m: RegExpExecArray | null, killedGroup: number, injuredGroup: number, other = -1): Outcome | null {
  if (!m) return null;
  if (m[killedGroup] || (other > 0 && m[other])) return 'killed';
  return m[injuredGroup] ? 'injured' : null;
}

/** The counts in text[start, end) with their outcomes; offsets are into text. */
export function sentenceMentions(text: string, start: number, end: number): Mention[] {
  const s = text.slice(start, end);
  const found: Mention[] = [];
  MENTION.lastIndex = 0;
  for (let m = MENTION.exec(s); m; m = MENTION.exec(s)) {
    const token = m[1] ?? '';
    // "A policeman was martyred and another injured": "another" is one more of the same.
    const role = m[2] ? roleOf(m[2]) : /^another$/i.test(token) ? (found.at(-1)?.role ?? null) : null;
    const before = s.slice(Math.max(0, m.index - 30), m.index);
    if ((/^(?:an?|one)$/i.test(token) && !role) || NOT_A_COUNT_BEFORE.test(before)) continue;
    const value = /^another$/i.test(token) ? 1 : numberValue(token);
    if (value === null || value === 0) continue;
    const after = outcomeOf(AFTER.exec(s.slice(m.index + m[0].length, m.index + m[0].length + 80)), 1, 2);
    const prior = outcomeOf(BEFORE.exec(s.slice(Math.max(0, m.index - 100), m.index)), 1, 2);
    found.push({
      value,
      role,
      sub: SUB_BEFORE.test(before),
      outcome: after ?? prior,
      start: m.index,
      end: m.index + m[0].length,
    });
  }
  RANK.lastIndex = 0;
  for (let m = RANK.exec(s); m; m = RANK.exec(s)) {
    if (found.some((f) => f.start < m.index + m[0].length && m.index < f.end)) continue;
    const at = m.index + m[0].length;
    const after = outcomeOf(AFTER.exec(s.slice(at, at + 80)), 1, 2);
    const prior = outcomeOf(BEFORE.exec(s.slice(Math.max(0, m.index - 100), m.index)), 1, 2);
    found.push({ value: 1, role: 'security', sub: false, outcome: after ?? prior, start: m.index, end: at });
  }
  found.sort((a, b) => a.start - b.start);
  // "including five soldiers and 13 civilians": the list of parts goes on across "and".
  for (let i = 1; i < found.length; i++) {
    const prev = found[i - 1];
    if (prev.sub && COORDINATION.test(s.slice(prev.end, found[i].start))) found[i].sub = true;
  }
  // A count without its own verb takes the verb of a count joined to it by "and" (either side),
  // else the first passive verb before the next count: "three soldiers, a major among them, were
  // martyred".
  for (let i = found.length - 1; i >= 0; i--) {
    const cur = found[i];
    if (cur.outcome || cur.sub) continue;
    let j = i + 1;
    while (j < found.length && found[j].sub) j++;
    const next = found[j];
    if (next?.outcome && COORDINATION.test(s.slice(cur.end, next.start))) cur.outcome = next.outcome;
    else {
      const p = PASSIVE.exec(s.slice(cur.end, next ? next.start : s.length));
      cur.outcome = outcomeOf(p, 1, 2, 3);
    }
  }
  for (let i = 1; i < found.length; i++) {
    const cur = found[i];
    const prev = found[i - 1];
    if (!cur.outcome && prev.outcome && COORDINATION.test(s.slice(prev.end, cur.start))) cur.outcome = prev.outcome;
  }
  let container: Mention | null = null;
  for (const m of found) {
    if (!m.sub) container = m;
    else m.outcome = container?.outcome ?? m.outcome;
  }
  return found.filter((m) => m.outcome !== null).map((m) => ({ ...m, start: m.start + start, end: m.end + start }));
}
