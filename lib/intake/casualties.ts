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
import { sentenceMentions, type Mention, type Outcome } from '@/lib/intake/casualty-mentions';
import { NUMBER_SOURCE, numberValue } from '@/lib/intake/numbers';
import type { Role } from '@/lib/intake/roles';
import type { CasualtySplit, Span } from '@/lib/intake/types';

export interface Casualties {
  killed: number | null;
  injured: number | null;
  killedBy: CasualtySplit | null;
  injuredBy: CasualtySplit | null;
  spans: Span[];
}

const TOLL = new RegExp(
  `\\b(?:(?:death|casualty|fatality)\\s+toll|number\\s+of\\s+(?:the\\s+)?(?:dead|deaths|fatalities|those\\s+killed))\\b[^.\\n]{0,60}?\\b(?:rose|risen|rises|climbed|climbs|` +
    `jumped|jumps|reached|reaches|increased|mounted|stands?\\s+at|stood\\s+at|to|at|is|was)\\s+` +
    `(?:to\\s+)?(?:at\\s+least\\s+)?(${NUMBER_SOURCE})\\b`,
  'gi',
);
/** "The bomber blew himself up", "the attacker was also killed": one militant, said to have died. */
const LONE_ATTACKER =
  /\bthe\s+(?:suicide\s+)?(?:bomber|attacker|assailant|terrorist|militant)\s+(?:who\s+\w+\s+(?:\w+\s+)?)?(?:was\s+(?:also\s+)?(?:killed|shot\s+dead|neutrali[sz]ed|gunned\s+down)|died|blew\s+himself\s+up)\b/gi;

/** A sentence that reports what a group says it did: its figures are claims, often inflated. */
const CLAIMED_FIGURES =
  /\bclaim(?:s|ed|ing)?\s+(?:responsibility|to\s+have|that)|\b(?:its|their)\s+(?:fighters|men|mujahideen|militants)\b|\bthe\s+(?:group|militants|outfit)\s+(?:said|claimed)/i;

interface Tally {
  total: number;
  by: Record<Role, number>;
  roleKnown: boolean;
}
const emptyTally = (): Tally => ({ total: 0, by: { security: 0, civilians: 0, militants: 0 }, roleKnown: false });

/** One sentence's figures for one outcome: counts add, parts split their container. */
function tallySentence(mentions: Mention[], outcome: Outcome): Tally {
  const t = emptyTally();
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

function combine(tallies: Tally[], toll: number | null): { total: number | null; by: CasualtySplit | null } {
  if (tallies.length === 0 && toll === null) return { total: null, by: null };
  const by = { security: 0, civilians: 0, militants: 0 };
  let maxTotal = 0;
  let roleKnown = false;
  for (const t of tallies) {
    maxTotal = Math.max(maxTotal, t.total);
    roleKnown ||= t.roleKnown;
    for (const r of ['security', 'civilians', 'militants'] as const) by[r] = Math.max(by[r], t.by[r]);
  }
  const splitSum = by.security + by.civilians + by.militants;
  let total = Math.max(maxTotal, splitSum);
  if (toll !== null) {
    total = Math.max(toll, splitSum);
    // A rising toll of a one-sided attack is more of the same victims.
    const sides = (['security', 'civilians', 'militants'] as const).filter((r) => by[r] > 0);
    if (sides.length === 1 && sides[0]) by[sides[0]] += total - splitSum;
  }
  return { total, by: roleKnown ? by : null };
}

export function parseCasualties(text: string): Casualties {
  const spans: Span[] = [];
  const killed: Tally[] = [];
  const injured: Tally[] = [];
  const claimed: { killed: Tally[]; injured: Tally[]; spans: Span[] } = { killed: [], injured: [], spans: [] };
  for (const b of foreground(text)) {
    const mentions = sentenceMentions(text, b.start, b.end);
    const claim = CLAIMED_FIGURES.test(text.slice(b.start, b.end));
    const into = claim ? claimed : { killed, injured, spans };
    LONE_ATTACKER.lastIndex = 0;
    const lone = LONE_ATTACKER.exec(text.slice(b.start, b.end));
    if (lone && !mentions.some((m) => m.outcome === 'killed' && m.role === 'militants')) {
      const start = b.start + lone.index;
      mentions.push({ value: 1, role: 'militants', sub: false, outcome: 'killed', start, end: start + lone[0].length });
    }
    for (const m of mentions) into.spans.push({ field: m.outcome!, start: m.start, end: m.end, text: text.slice(m.start, m.end) });
    if (mentions.some((m) => m.outcome === 'killed')) into.killed.push(tallySentence(mentions, 'killed'));
    if (mentions.some((m) => m.outcome === 'injured')) into.injured.push(tallySentence(mentions, 'injured'));
  }
  let toll: number | null = null;
  TOLL.lastIndex = 0;
  for (let m = TOLL.exec(text); m; m = TOLL.exec(text)) {
    const v = numberValue(m[1] ?? '');
    if (v === null || v === 0) continue;
    toll = v; // the latest figure wins
    spans.push({ field: 'killed', start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  // A group's own figures are used only where nobody else gives any.
  if (killed.length === 0 && injured.length === 0 && toll === null) {
    killed.push(...claimed.killed);
    injured.push(...claimed.injured);
    spans.push(...claimed.spans);
  }
  const k = combine(killed, toll);
  const i = combine(injured, null);
  spans.sort((a, b) => a.start - b.start);
  return { killed: k.total, injured: i.total, killedBy: k.by, injuredBy: i.by, spans };
}
