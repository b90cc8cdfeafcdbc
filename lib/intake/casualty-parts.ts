/**
 * Counts the press gives as parts of a group: "One of the attackers was killed", "shot dead seven
 * of them", "shot nine of them dead" ("of them" takes the role of the last group the sentence
 * named), and single people whose role the text leaves open: "a former MPA was gunned down".
 */
import type { Mention } from '@/lib/intake/casualty-mentions';
import { ADVERBS, AFTER, BEFORE, KILLED_WORDS, outcomeOf } from '@/lib/intake/casualty-verbs';
import { NUMBER_SOURCE, numberValue } from '@/lib/intake/numbers';
import { ROLE_SOURCE, roleOf, type Role } from '@/lib/intake/roles';

const PARTITIVE = new RegExp(
  `\\b(${NUMBER_SOURCE})\\s+of\\s+(?:them|(the|his|her|their)\\s+(?:[\\w-]+\\s+)?(${ROLE_SOURCE}))\\b(\\s+dead\\b)?`,
  'gi',
);
/** A person's own guards share his side: a commander's guards are militants, anyone else's are private guards. */
const GUARDS = /^(?:body)?guards?$/i;
/** "A former MPA was gunned down": one person, of a role the noun does not tell. */
const SINGLE = new RegExp(
  `\\b(?:an?|one)\\s+(?:[\\w'’.-]+\\s+){1,3}?(?:was|has\\s+been|had\\s+been)\\s+${ADVERBS}(?:${KILLED_WORDS})\\b`,
  'gi',
);
/** "An official of the irrigation department and his driver were killed": one person before "and his". */
const SINGLE_AND = /\b(?:an?|one)\s+(?:[\w'’.-]+\s+){1,3}?(?:of\s+[^,.;:]{0,40}?\s+)?(?=and\s+(?:his|her)\b)/gi;
const ROLE_NOUN = new RegExp(`\\b(${ROLE_SOURCE})\\b`, 'gi');

/** The role of the last group named in `s` ("offloaded passengers … shot dead seven of them"). */
function lastRole(s: string): Role | null {
  let role: Role | null = null;
  ROLE_NOUN.lastIndex = 0;
  for (let m = ROLE_NOUN.exec(s); m; m = ROLE_NOUN.exec(s)) role = roleOf(m[1] ?? '') ?? role;
  return role;
}

/** Partitive counts in the sentence `s` that no mention in `found` covers yet. */
export function partitiveMentions(s: string, found: Mention[]): Mention[] {
  const out: Mention[] = [];
  PARTITIVE.lastIndex = 0;
  for (let m = PARTITIVE.exec(s); m; m = PARTITIVE.exec(s)) {
    const value = numberValue(m[1] ?? '');
    if (!value || found.some((f) => f.start < m.index + m[0].length && m.index < f.end)) continue;
    const at = m.index + m[0].length;
    const shotDead = m[4] && /\bshot\s+$/i.test(s.slice(Math.max(0, m.index - 10), m.index)) ? 'killed' : null;
    const outcome =
      shotDead ??
      outcomeOf(AFTER.exec(s.slice(at, at + 80)), 1, 2) ??
      outcomeOf(BEFORE.exec(s.slice(Math.max(0, m.index - 100), m.index)), 1, 2);
    const owner = [...found, ...out].findLast((f) => f.start < m.index)?.role;
    const own = m[2] && m[2].toLowerCase() !== 'the' && GUARDS.test(m[3] ?? '');
    const role = own ? (owner === 'militants' ? 'militants' : 'civilians') : m[3] ? roleOf(m[3]) : lastRole(s.slice(0, m.index));
    out.push({ value, role, sub: false, outcome, adds: false, start: m.index, end: at });
  }
  SINGLE.lastIndex = 0;
  for (let m = SINGLE.exec(s); m; m = SINGLE.exec(s)) {
    const end = m.index + m[0].length;
    if ([...found, ...out].some((f) => f.start < end && m.index < f.end)) continue;
    // "A policeman escorting a polio team was martyred": the verb belongs to the policeman.
    const head = found.find((f) => f.role && !f.outcome && f.end <= m.index && /^[^,.;:]{0,40}$/.test(s.slice(f.end, m.index)));
    if (head) {
      head.outcome = 'killed';
      continue;
    }
    out.push({ value: 1, role: null, sub: false, outcome: 'killed', adds: /\balso\b/i.test(m[0]), start: m.index, end });
  }
  SINGLE_AND.lastIndex = 0;
  for (let m = SINGLE_AND.exec(s); m; m = SINGLE_AND.exec(s)) {
    const end = m.index + m[0].trimEnd().length;
    if ([...found, ...out].some((f) => f.start < end && m.index < f.end)) continue;
    // The outcome comes from the person after "and", like any count joined to another.
    out.push({ value: 1, role: null, sub: false, outcome: null, adds: false, start: m.index, end });
  }
  return out;
}
