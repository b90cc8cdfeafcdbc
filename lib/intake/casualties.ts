/**
 * Killed and injured, with the split into security forces, civilians and militants, from the
 * text of a report. Rules (docs/intake.md repeats them):
 * - counts are read per sentence (lib/intake/casualty-mentions.ts) and only where a casualty verb
 *   governs them; "dozens" or "scores" leave the count null;
 * - a story repeats its figures (headline, lede, quote), so across sentences each role keeps its
 *   largest count instead of adding up; within one sentence the counts add;
 * - "including five soldiers" splits a total without adding to it;
 * - a later "death toll rose to 7" sets the total;
 * - a group's claimed figures ("its fighters killed 15") count only where no one else gives any;
 * - the bomber counts as one militant killed only where the text says he died;
 * - the total is never below the sum of the split.
 */
import { foreground } from '@/lib/intake/clauses';
import { compositionOf, type Composition } from '@/lib/intake/casualty-composition';
import { sentenceMentions, type Mention, type Outcome } from '@/lib/intake/casualty-mentions';
import { NUMBER_SOURCE, numberValue } from '@/lib/intake/numbers';
import type { Role } from '@/lib/intake/roles';
import type { CasualtySplit, Span } from '@/lib/intake/types';

export interface Casualties {
  killed: number | null;
  injured: number | null;
  killedBy: CasualtySplit | null;
  injuredBy: CasualtySplit | null;
  /** The roles known so far even where some deaths have none ("nine people, including two policemen"). */
  killedRoles: Record<Role, number>;
  injuredRoles: Record<Role, number>;
  spans: Span[];
}

const TOLL = new RegExp(
  `\\b(?:(?:death|casualty|fatality)\\s+toll|number\\s+of\\s+(?:the\\s+)?(?:dead|deaths|fatalities|those\\s+killed|(?:[\\w-]+\\s+)?(?:killed|martyred)))\\b[^.\\n]{0,100}?\\b(?:rose|risen|rises|climbed|climbs|` +
    `jumped|jumps|reached|reaches|increased|mounted|stands?\\s+at|stood\\s+at|to|at|is|was)\\s+` +
    `(?:to\\s+)?(?:at\\s+least\\s+)?(${NUMBER_SOURCE})\\b`,
  'gi',
);
/** "The bomber blew himself up", "the attacker was also killed": one militant, said to have died. */
const LONE_ATTACKER =
  /\bthe\s+(?:suicide\s+)?(?:bomber|attacker|assailant|terrorist|militant)\s+(?:who\s+\w+\s+(?:\w+\s+)?)?(?:was\s+(?:also\s+)?(?:killed|shot\s+dead|neutrali[sz]ed|gunned\s+down)|died)\b/gi;

/** A sentence that reports what a group says it did: its figures are claims, often inflated. */
const CLAIMED_FIGURES =
  /\bclaim(?:s|ed|ing)?\s+(?:responsibility\b[^.]{0,80}?\b(?:saying|said|adding)|to\s+have|that)|\b(?:its|their)\s+(?:fighters|men|mujahideen|militants)\b|\bthe\s+(?:group|militants|outfit)\s+(?:said|claimed)/i;

/** "No one was killed", "no casualties were reported", "no loss of life": a toll of zero, said outright. */
const NO_DEATHS =
  /\b(?:(?:no\s+one|nobody|none)\s+(?:else\s+)?(?:was|were|has\s+been|had\s+been|got)\s+(?:killed|hurt|injured|harmed)|no\s+(?:casualties|fatalities|deaths|loss\s+of\s+(?:life|lives))|no\s+(?:one|body)\s+died)\b/i;

const ROLES = ['security', 'civilians', 'militants'] as const;

interface Tally {
  total: number;
  by: Record<Role, number>;
  roleKnown: boolean;
  /** Every count of the sentence is "more" or "also": it adds to the figures before it. */
  adds: boolean;
  /** Where the sentence starts (a toll later in the text already includes it). */
  at: number;
}
const emptyTally = (at = 0): Tally => ({ total: 0, by: { security: 0, civilians: 0, militants: 0 }, roleKnown: false, adds: false, at });

/** One sentence's figures for one outcome: counts add, parts split their container. */
function tallySentence(mentions: Mention[], outcome: Outcome, sentence: string, at: number, earlierRole: Role | null): Tally {
  const t = emptyTally(at);
  const counted = mentions.filter((m) => m.outcome === outcome && !m.sub);
  t.adds = counted.length > 0 && counted.every((m) => m.adds) && !sentence.includes('toll');
  // "Two more succumbed": more of the victims told before.
  for (const m of counted) if (m.adds) m.role ??= earlierRole;
  let container: Mention | null = null;
  let parts = 0;
  const closeContainer = () => {
    if (container && parts < container.value) {
      const rest = container.value - parts;
      if (container.role) {
        t.by[container.role] += rest;
        t.roleKnown = true;
      }
    }
  };
  for (const m of mentions) {
    if (m.outcome !== outcome) continue;
    if (m.sub && container) {
      // A part of unknown role ("including a commander") leaves the container's role as it is.
      if (m.role) {
        parts += m.value;
        t.by[m.role] += m.value;
        t.roleKnown = true;
      }
      continue;
    }
    closeContainer();
    container = m;
    parts = 0;
    t.total += m.value;
  }
  closeContainer();
  return t;
}

function combine(
  tallies: Tally[],
  toll: { value: number; at: number } | null,
  told: Composition[] = [],
  titleEnd = -1,
): { total: number | null; by: CasualtySplit | null; roles: Record<Role, number> } {
  if (tallies.length === 0 && toll === null) return { total: null, by: null, roles: emptyTally().by };
  const by = { security: 0, civilians: 0, militants: 0 };
  const sum = () => by.security + by.civilians + by.militants;
  let titleTotal = 0;
  let bodyTotal = 0;
  let roleKnown = told.length > 0;
  for (const t of tallies.filter((x) => !x.adds)) {
    if (t.at < titleEnd) titleTotal = Math.max(titleTotal, t.total);
    else bodyTotal = Math.max(bodyTotal, t.total);
    roleKnown ||= t.roleKnown;
    for (const r of ROLES) by[r] = Math.max(by[r], t.by[r]);
  }
  for (const c of told) for (const r of ROLES) by[r] = Math.max(by[r], c.parts[r]);
  // "More" and "also" add to what was told before them; a toll already counts what precedes it.
  const before = tallies.filter((x) => x.adds && (!toll || x.at <= toll.at));
  const after = tallies.filter((x) => x.adds && toll && x.at > toll.at);
  for (const t of before) {
    bodyTotal += t.total;
    for (const r of ROLES) by[r] += t.by[r];
  }
  let total = Math.max(titleTotal, bodyTotal, sum());
  if (toll !== null) {
    total = Math.max(toll.value, sum());
    // A rising toll of a one-sided attack is more of the same victims.
    const sides = ROLES.filter((r) => by[r] > 0);
    if (sides.length === 1 && sides[0]) by[sides[0]] += total - sum();
  }
  for (const t of after) {
    total += t.total;
    roleKnown ||= t.roleKnown;
    for (const r of ROLES) by[r] += t.by[r];
  }
  const all = told.find((c) => c.all)?.all;
  if (all && ROLES.every((r) => r === all || by[r] === 0)) {
    by[all] = total;
    roleKnown = true;
  }
  // A split is given only when every death has a known role, so it always sums to the total.
  return { total, by: roleKnown && sum() === total ? by : null, roles: by };
}

export function parseCasualties(text: string): Casualties {
  const spans: Span[] = [];
  const killed: Tally[] = [];
  const injured: Tally[] = [];
  const claimed: { killed: Tally[]; injured: Tally[]; spans: Span[] } = { killed: [], injured: [], spans: [] };
  const told: Composition[] = [];
  let earlierRole: Role | null = null;
  for (const b of foreground(text)) {
    const composition = compositionOf(text, b.start, b.end);
    if (composition) told.push(composition);
    const mentions = sentenceMentions(text, b.start, b.end);
    const claim = CLAIMED_FIGURES.test(text.slice(b.start, b.end));
    const into = claim ? claimed : { killed, injured, spans };
    LONE_ATTACKER.lastIndex = 0;
    const lone = LONE_ATTACKER.exec(text.slice(b.start, b.end));
    if (lone && !mentions.some((m) => m.outcome === 'killed' && m.role === 'militants')) {
      const start = b.start + lone.index;
      mentions.push({ value: 1, role: 'militants', sub: false, outcome: 'killed', adds: false, start, end: start + lone[0].length });
    }
    for (const m of mentions) into.spans.push({ field: m.outcome!, start: m.start, end: m.end, text: text.slice(m.start, m.end) });
    if (mentions.some((m) => m.outcome === 'killed'))
      into.killed.push(tallySentence(mentions, 'killed', text.slice(b.start, b.end), b.start, earlierRole));
    if (mentions.some((m) => m.outcome === 'injured')) into.injured.push(tallySentence(mentions, 'injured', '', b.start, null));
    earlierRole = mentions.findLast((m) => m.outcome === 'killed' && m.role)?.role ?? earlierRole;
  }
  let toll: { value: number; at: number } | null = null;
  TOLL.lastIndex = 0;
  for (let m = TOLL.exec(text); m; m = TOLL.exec(text)) {
    const v = numberValue(m[1] ?? '');
    if (v === null || v === 0) continue;
    toll = { value: v, at: m.index }; // the latest figure wins
    spans.push({ field: 'killed', start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  // A group's own figures are used only where nobody else gives any, outcome by outcome.
  const claimedKilled = killed.length === 0 && toll === null && claimed.killed.length > 0;
  const claimedInjured = injured.length === 0 && claimed.injured.length > 0;
  if (claimedKilled) killed.push(...claimed.killed);
  if (claimedInjured) injured.push(...claimed.injured);
  spans.push(...claimed.spans.filter((sp) => (sp.field === 'killed' ? claimedKilled : claimedInjured)));
  const zero = killed.length === 0 && toll === null ? NO_DEATHS.exec(text) : null;
  if (zero) spans.push({ field: 'killed', start: zero.index, end: zero.index + zero[0].length, text: zero[0] });
  // A headline compresses ("Two labourers and a guard killed" for a private guard): where the body
  // tells who died, the headline may raise the total but not the split.
  const titleEnd = text.indexOf('\n');
  if (killed.some((t) => t.at > titleEnd && t.roleKnown))
    for (const t of killed.filter((x) => x.at < titleEnd)) Object.assign(t, { by: emptyTally().by, roleKnown: false });
  const k = zero ? { total: 0, by: null, roles: emptyTally().by } : combine(killed, toll, told, titleEnd);
  const i = combine(injured, null);
  spans.sort((a, b) => a.start - b.start);
  return { killed: k.total, injured: i.total, killedBy: k.by, injuredBy: i.by, killedRoles: k.roles, injuredRoles: i.roles, spans };
}
