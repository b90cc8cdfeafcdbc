/**
 * The counts of one sentence with what happened to them: "three soldiers were martyred", "killing
 * two policemen and a civilian", "12 people, including five soldiers, were injured". A count
 * with no casualty verb ("two attackers opened fire") is kept out, never guessed.
 */
import { NUMBER_SOURCE, numberValue } from '@/lib/intake/numbers';
import { ROLE_SOURCE, roleOf, type Role } from '@/lib/intake/roles';
import { AFTER, BEFORE, PASSIVE, outcomeOf, type Outcome } from '@/lib/intake/casualty-verbs';
import { partitiveMentions } from '@/lib/intake/casualty-parts';

export type { Outcome } from '@/lib/intake/casualty-verbs';
export interface Mention {
  value: number;
  role: Role | null;
  /** Part of the count before it ("including five soldiers"): splits, does not add. */
  sub: boolean;
  outcome: Outcome | null;
  /** "Two more succumbed", "a policeman was also killed": more dead on top of those already told. */
  adds: boolean;
  start: number;
  end: number;
}

const UNIT =
  '(?:days?|hours?|minutes?|weeks?|months?|years?|-year|km|kilometres?|kilometers?|miles?|metres?|meters?|' +
  'kg|kilograms?|million|billion|lakh|crore|per\\s*cent|percent|%|am|pm|o.clock|rupees|vehicles?|' +
  'houses?|shops?|schools?|rounds?|of\\s+(?:them|the|whom|those|these|his|her|their)|January|February|March|April|May|' +
  'June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\b';
const GAP_WORD =
  '(?!(?:and|or|of|in|on|at|to|from|by|with|were|was|are|is|have|has|had|been|the|who|which|that|killed|' +
  'injured|martyred|wounded|dead|died|including|while|after|before|during|as|for|but|when|where)\\b)' +
  "[\\w'’-]+";
const MENTION = new RegExp(
  `\\b(${NUMBER_SOURCE}|another(?!\\s+${NUMBER_SOURCE}\\b)|(?:his|her)(?!\\s+${NUMBER_SOURCE}\\b))\\b(?!\\s*-?\\s*${UNIT})(?:(?:\\s+${GAP_WORD}){0,2}?\\s+(${ROLE_SOURCE}|commanders?))?\\b`,
  'gi',
);
const NOT_A_COUNT_BEFORE =
  /(?:January|February|March|April|May|June|July|August|September|October|November|December|Rs\.?|No\.?|aged|age|Section|Article|Corps|Brigade|Division|Wing|Regiment|\$|#|PKR|page|Vol\.?|Dec|Sept?|Oct|Nov|Jan|Feb|Aug)\s*$/i;
/** "None of the roughly 600 cadets was killed": a count the text says was spared. */
const NEGATED = /\b(?:none|no\s+one|not\s+one)\s+of\s+(?:the\s+)?(?:roughly|about|around|some|nearly|over|more\s+than)?\s*$/i;
/** "two of his guards": the possessive belongs to a partitive count (lib/intake/casualty-parts.ts). */
const PARTITIVE_OF = new RegExp(`\\b(?:${NUMBER_SOURCE})\\s+of\\s*$`, 'i');
const SUB_BEFORE = /(?:including|among\s+them|among\s+whom|of\s+whom|of\s+them|incl\.)\s*(?:at\s+least\s+)?$/i;

/** A named soldier or policeman is one of them: ISPR names the fallen ("Sepoy Ali (age 24, resident of Kohat)"). */
const RANK =
  /\b(?:Lance\s+Naik|Naib\s+Subedar|Sepoy|Sipahi|Naik|Havildar|Subedar|Captain|Capt\.?|Major|Maj\.?|Lieutenant\s+Colonel|Lt\.?\s+Col\.?|Lieutenant|Lt\.?|Colonel|Head\s+Constable|Constable|Sub-Inspector|Inspector|ASI|SHO)\s+(?:[A-Z][a-z]+\s*){1,4}(?:\([^)]{0,80}\))?/g;
const HEAD_NOUN = new RegExp(`^\\s+(${ROLE_SOURCE})\\b`, 'i');
const COORDINATION = /^\s*(?:,|,?\s*and|as\s+well\s+as|&|plus|besides)(?:\s+(?:his|her|their|its|the))?\s*$/i;

/**
 * The complement of a noun before "and": "a member [of the local peace committee] and his driver".
 * It holds no verb: in "three personnel of the FC were martyred and two others injured" the
 * "and" joins two clauses, each with its own outcome.
 */
const OF_PHRASE = /^\s+of\s+(?:the\s+)?(?:(?!\b(?:were|was|is|are|had|have|has|been|got)\b)[^,.;:]){0,40}?(?=\s+and\b)/i;

/** A state force around "commander" ("FC commander", "commander of the Levies"): one of theirs. */
const STATE_FORCE =
  /\b(?:FC|Frontier\s+Corps|Levies|police|army|Rangers|CTD|battalion|company|sector|brigade|corps|wing|border|station)\b/i;
/** A militant cue around "commander" ("TTP commander", "commander of the Tehreek-e-Taliban"). */
const ARMED_GROUP =
  /\b(?:[A-Z]{2,5}|Taliban|Tehr[e\w]*-[ei]-\w+|Lashkar|Jaish|Daesh|Islamic\s+State|Fitna|khawarij|khwarij|militants?|terrorists?|insurgents?|rebels?|separatists?|banned|proscribed|outlawed|group|faction|outfit|network)\b/;

/**
 * "Commander" has no role of its own: a state force's commander is security, an armed group's
 * (named before it or in its "of" phrase) a militant; otherwise the role is left open.
 */
function commanderRole(before: string, after: string): Role | null {
  const of = /^\s+of\s+(?:the\s+)?[^,.;:]{0,50}/i.exec(after)?.[0] ?? '';
  const around = `${before} ${of}`;
  if (STATE_FORCE.test(around)) return 'security';
  return ARMED_GROUP.test(around) ? 'militants' : null;
}

/** The counts in text[start, end) with their outcomes; offsets are into text. */
export function sentenceMentions(text: string, start: number, end: number): Mention[] {
  const s = text.slice(start, end);
  const found: Mention[] = [];
  MENTION.lastIndex = 0;
  for (let m = MENTION.exec(s); m; m = MENTION.exec(s)) {
    const token = m[1] ?? '';
    // "A policeman was martyred and another injured": "another" is one more of the same.
    const commander = /^commanders?$/i.test(m[2] ?? '');
    let role = commander
      ? commanderRole(m[0], s.slice(m.index + m[0].length))
      : m[2]
        ? roleOf(m[2])
        : /^another$/i.test(token)
          ? (found.at(-1)?.role ?? null)
          : null;
    // A person's own guard ("shot dead along with his guard") is a private guard: a civilian.
    if (/^(?:his|her)$/i.test(token) && /guard/i.test(m[2] ?? '')) role = 'civilians';
    const before = s.slice(Math.max(0, m.index - 30), m.index);
    // "a tribal elder and his nephew": a singular article or possessive counts one only before a role noun.
    if (/^(?:his|her)$/i.test(token) && PARTITIVE_OF.test(before)) continue;
    if ((/^(?:an?|one|his|her)$/i.test(token) && !role && !commander) || NOT_A_COUNT_BEFORE.test(before) || NEGATED.test(before)) continue;
    const value = /^(?:another|his|her)$/i.test(token) ? 1 : numberValue(token);
    if (value === null || value === 0) continue;
    let end = m.index + m[0].length;
    // "A Levies naib risaldar": the noun phrase runs on to its head noun, which names the role.
    for (let x = m[2] ? HEAD_NOUN.exec(s.slice(end)) : null; x; x = HEAD_NOUN.exec(s.slice(end))) {
      role = roleOf(x[1] ?? '') ?? role;
      end += x[0].length;
    }
    const afterMatch = AFTER.exec(s.slice(end, end + 80));
    const prior = outcomeOf(BEFORE.exec(s.slice(Math.max(0, m.index - 100), m.index)), 1, 2);
    found.push({
      value,
      role,
      sub: SUB_BEFORE.test(before),
      outcome: outcomeOf(afterMatch, 1, 2) ?? prior,
      adds: /^\s+more\b/i.test(s.slice(end)) || /\balso\b/i.test(afterMatch?.[0] ?? ''),
      start: m.index,
      end,
    });
  }
  RANK.lastIndex = 0;
  for (let m = RANK.exec(s); m; m = RANK.exec(s)) {
    if (found.some((f) => f.start < m.index + m[0].length && m.index < f.end)) continue;
    const at = m.index + m[0].length;
    const after = outcomeOf(AFTER.exec(s.slice(at, at + 80)), 1, 2);
    const prior = outcomeOf(BEFORE.exec(s.slice(Math.max(0, m.index - 100), m.index)), 1, 2);
    found.push({ value: 1, role: 'security', sub: false, outcome: after ?? prior, adds: false, start: m.index, end: at });
  }
  found.push(...partitiveMentions(s, found));
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
    if (next?.outcome && COORDINATION.test(s.slice(cur.end, next.start).replace(OF_PHRASE, ''))) cur.outcome = next.outcome;
    else {
      const p = PASSIVE.exec(s.slice(cur.end, next ? next.start : s.length));
      cur.outcome = outcomeOf(p, 1, 2, 3);
      cur.adds ||= /\balso\b/i.test(p?.[0] ?? '');
    }
  }
  for (let i = 1; i < found.length; i++) {
    const cur = found[i];
    const prev = found[i - 1];
    if (!cur.outcome && prev.outcome && COORDINATION.test(s.slice(prev.end, cur.start).replace(OF_PHRASE, ''))) cur.outcome = prev.outcome;
  }
  let container: Mention | null = null;
  for (const m of found) {
    if (!m.sub) container = m;
    else m.outcome = container?.outcome ?? m.outcome;
  }
  return found.filter((m) => m.outcome !== null).map((m) => ({ ...m, start: m.start + start, end: m.end + start }));
}
