/**
 * Who the dead were, told apart from how many died: "Of the dead, four were FC personnel and ten
 * were civilians", "three FC personnel and nine civilians were among the dead", "Two of the dead
 * were guards; the other four were civilians", "All the dead were shoppers and vendors". Such a
 * sentence splits a total given elsewhere (a toll, "killing nine people"); it never adds to it.
 */
import { NUMBER_SOURCE, numberValue } from '@/lib/intake/numbers';
import { ROLE_SOURCE, roleOf, type Role } from '@/lib/intake/roles';

export interface Composition {
  parts: Record<Role, number>;
  /** "All the dead were labourers": every death has this role. */
  all: Role | null;
  start: number;
  end: number;
}

const DEAD = '(?:dead|deceased|victims|those\\s+killed|martyrs|martyred)';
const ABOUT_THE_DEAD = new RegExp(
  `\\b(?:(?:of|among)\\s+the\\s+${DEAD}|the\\s+${DEAD}\\s+(?:included|include|were|are|comprised))\\b`,
  'i',
);
const ALL_DEAD = new RegExp(`\\ball\\s+(?:of\\s+)?(?:the\\s+)?${DEAD}\\s+(?:were|are)\\s+(?:[\\w'’-]+\\s+){0,2}?(${ROLE_SOURCE})\\b`, 'i');
// A count and its role, with "of the dead were" or "were" between them; "a"/"an" are left out, as
// "including a schoolboy" names one of a group already counted.
const PART = new RegExp(
  `\\b(${NUMBER_SOURCE})\\b(?:\\s+of\\s+the\\s+${DEAD})?(?:\\s+(?:were|was))?(?:\\s+(?!and\\b|were\\b)[\\w'’-]+){0,2}?\\s+(${ROLE_SOURCE})\\b`,
  'gi',
);
const SUB = /(?:including|among\s+them|such\s+as)\s*$/i;

/** The composition of the dead in text[start, end), or null when the sentence says nothing of it. */
export function compositionOf(text: string, start: number, end: number): Composition | null {
  const s = text.slice(start, end);
  const all = ALL_DEAD.exec(s);
  const allRole = all ? roleOf(all[1] ?? '') : null;
  if (!ABOUT_THE_DEAD.test(s) && !allRole) return null;
  const parts: Record<Role, number> = { security: 0, civilians: 0, militants: 0 };
  PART.lastIndex = 0;
  for (let m = PART.exec(s); m; m = PART.exec(s)) {
    if (/^an?$/i.test(m[1] ?? '') || SUB.test(s.slice(Math.max(0, m.index - 20), m.index))) continue;
    const value = numberValue(m[1] ?? '');
    const role = roleOf(m[2] ?? '');
    if (value && role) parts[role] += value;
  }
  return { parts, all: allRole, start, end };
}
