/**
 * Finds militant groups named in a report: the taxonomy's names, abbreviations and aliases
 * (lib/taxonomy/groups.ts) plus the spellings the press varies (hyphens, "Tehrik/Tehreek",
 * "-e-/-i-"). Acronyms match case-sensitively ("TTP", not "ttp" inside a word), names
 * case-insensitively and with accents folded. State forces and the "unidentified" group are not
 * perpetrators a report names, so they are left out: "unidentified gunmen" gives no group.
 */
import { KNOWN_GROUPS, type GroupDef } from '@/lib/taxonomy/groups';
import { foldAccents } from './sentence-bounds';

export interface GroupMatch {
  groupId: string;
  start: number;
  end: number;
  text: string;
}

/**
 * Abbreviations too ambiguous to read as a group in prose: "JuA" is also Jamaat-ul-Ahrar, and
 * "AQ" and "HGB" appear in unrelated codes. Their full names still match.
 */
const SKIP_ABBREVIATIONS = new Set(['JuA', 'AQ']);

/** Spellings the press uses that are variants, not names of their own. */
const EXTRA_NAMES: Record<string, string[]> = {
  ttp: ['Fitna-al-Khawarij', 'Fitnah al-Khawarij', 'Tehreek-e-Taliban', 'Tehrik-i-Taliban', 'Tehrik-e-Taliban'],
  iskp: ['Islamic State Khorasan', 'Islamic State of Khorasan', 'Islamic State in Khorasan', 'IS-Khorasan', 'ISIS', 'IS'],
  'hafiz-gul-bahadur': ['Gul Bahadur group', 'Hafiz Gul Bahadur group'],
  etim: ['Turkestan Islamic Party'],
  'baloch-separatists': ['Fitna-al-Hindustan', 'Fitnah al-Hindustan', 'Baloch separatist militants'],
};

/** Acronyms also written with a hyphen or extra letter; the taxonomy lists some as aliases already. */
const ACRONYM = /^[A-Z][A-Za-z]{0,3}(-[A-Z])?$/;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A name as a pattern that tolerates hyphen/space variation and "Tehrik/Tehreek", "-e-/-i-". */
function namePattern(name: string): string {
  return name
    .split(/[\s\-–]+/u)
    .filter(Boolean)
    .map((w) => {
      const lw = w.toLowerCase();
      if (lw === 'e' || lw === 'i') return '[ei]';
      if (/^teh?r(ee|i)k$/.test(lw)) return 'te?h?r(?:ee|i|e)k';
      return escape(w);
    })
    .join("[\\s\\-–']*");
}

interface Index {
  names: RegExp;
  acronyms: RegExp;
  /** Alternative number (capture group index - 1) → group id. */
  nameIds: string[];
  acronymIds: string[];
}

/** One capture group for a group's spellings, longest first so "Islamic State Khorasan" wins over "Islamic State". */
function alternation(spellings: ReadonlySet<string>, pattern: (spelling: string) => string): string {
  return `(${[...spellings]
    .sort((a, b) => b.length - a.length)
    .map(pattern)
    .join('|')})`;
}

function buildIndex(groups: readonly GroupDef[]): Index {
  const nameAlts: string[] = [];
  const nameIds: string[] = [];
  const acronymAlts: string[] = [];
  const acronymIds: string[] = [];
  for (const g of groups) {
    if (g.kind !== 'militant') continue;
    const names = new Set<string>();
    const acronyms = new Set<string>();
    for (const n of [g.name, g.abbreviation, ...g.aliases, ...(EXTRA_NAMES[g.id] ?? [])]) {
      if (!n || SKIP_ABBREVIATIONS.has(n)) continue;
      (ACRONYM.test(n) ? acronyms : names).add(n);
    }
    if (names.size) {
      nameAlts.push(alternation(names, namePattern));
      nameIds.push(g.id);
    }
    if (acronyms.size) {
      acronymAlts.push(alternation(acronyms, escape));
      acronymIds.push(g.id);
    }
  }
  return {
    names: new RegExp(`(?<![\\p{L}\\p{N}])(?:${nameAlts.join('|')})(?![\\p{L}\\p{N}])`, 'giu'),
    acronyms: new RegExp(`(?<![\\p{L}\\p{N}-])(?:${acronymAlts.join('|')})(?![\\p{L}\\p{N}]|-[\\p{L}\\p{N}])`, 'gu'),
    nameIds,
    acronymIds,
  };
}

const INDEX = buildIndex(KNOWN_GROUPS);

/**
 * "IS" is also the verb in an all-capitals headline ("THIS IS WAR"): read it as the Islamic State
 * only where the words beside it are not capitals too.
 */
function shoutedIs(text: string, start: number, end: number): boolean {
  const before = /([\p{L}]+)\W*$/u.exec(text.slice(Math.max(0, start - 20), start))?.[1];
  const after = /^\W*([\p{L}]+)/u.exec(text.slice(end, end + 20))?.[1];
  const caps = (w: string | undefined) => !!w && w.length > 1 && w === w.toUpperCase();
  return caps(before) || caps(after);
}

/** Every group mention in `text`, in order of position; overlapping mentions keep the longer. */
export function findGroups(text: string): GroupMatch[] {
  const folded = foldAccents(text);
  const found: GroupMatch[] = [];
  const collect = (re: RegExp, ids: string[]) => {
    re.lastIndex = 0;
    for (let m = re.exec(folded); m; m = re.exec(folded)) {
      const alt = m.findIndex((v, i) => i > 0 && v !== undefined);
      const start = m.index;
      const end = start + m[0].length;
      if (m[0] === 'IS' && shoutedIs(folded, start, end)) continue;
      found.push({ groupId: ids[alt - 1], start, end, text: text.slice(start, end) });
    }
  };
  collect(INDEX.names, INDEX.nameIds);
  collect(INDEX.acronyms, INDEX.acronymIds);
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: GroupMatch[] = [];
  for (const g of found) {
    const last = out[out.length - 1];
    if (last && g.start < last.end) continue;
    out.push(g);
  }
  return out;
}
