/**
 * Finds every mention of a known place in the analysed text: longest name first, whole words
 * only, proper nouns only (a capitalised first letter), and for the few place names that are
 * also everyday English words ("Tank", "Bara", "Hub") only where the context says it is a place.
 * A name borne by several places (Kalat in Balochistan and in Zabul; Bannu town and district)
 * is settled by what else the text names.
 */
import { namesStartingWith, type IndexEntry } from './gazetteer';
import type { IntakePlace, PlaceMatch } from './place-types';
import { tokenize, type Token } from './tokens';

/** Place names that are also common words: they need "in Tank", "Tank district" and the like. */
const WORD_LIKE = new Set([
  'tank',
  'bara',
  'mach',
  'hub',
  'sui',
  'boya',
  'matta',
  'khar',
  'tump',
  'domel',
  'karak',
  'kabal',
  'zehri',
  'kalam',
  'mand',
  'wari',
  'darra',
]);
const BEFORE_PLACE = new Set(['in', 'at', 'near', 'from', 'of', 'to', 'outside', 'around', 'inside', 'within']);
const AFTER_PLACE = new Set([
  'district',
  'tehsil',
  'city',
  'town',
  'area',
  'areas',
  'region',
  'valley',
  'bazaar',
  'bazar',
  'road',
  'cantonment',
  'subdivision',
  'police',
]);
/** What may stand between the words of one name: "D.I. Khan", "K-P", "Dera Ismail Khan". */
const JOINER = /^[ .\-'’]{1,3}$/;

export interface Mention {
  start: number;
  end: number;
  text: string;
  /** Every place bearing the name; findPlaces settles on one. */
  places: IntakePlace[];
  /** Index of the first and one past the last token. */
  from: number;
  to: number;
}

function matchesAt(tokens: Token[], text: string, i: number, e: IndexEntry): boolean {
  const n = e.tokens.length;
  if (i + n > tokens.length) return false;
  for (let k = 0; k < n; k++) {
    if (tokens[i + k].fold !== e.tokens[k]) return false;
    if (k > 0 && !JOINER.test(text.slice(tokens[i + k - 1].end, tokens[i + k].start))) return false;
  }
  return true;
}

function inPlaceContext(tokens: Token[], i: number, n: number): boolean {
  const before = tokens[i - 1]?.fold;
  const after = tokens[i + n]?.fold;
  return (before !== undefined && BEFORE_PLACE.has(before)) || (after !== undefined && AFTER_PLACE.has(after));
}

/** "TANK: Two policemen were ..." — an all-caps word opening a line is a dateline's place. */
function isDateline(text: string, t: Token): boolean {
  return (
    (t.start === 0 || text[t.start - 1] === '\n') &&
    t.raw.length > 2 &&
    t.raw === t.raw.toUpperCase() &&
    /^\s*[:,(—–-]/.test(text.slice(t.end, t.end + 3))
  );
}

/** Every mention of a known name in the tokenised text, before homonyms are settled. */
export function findMentions(text: string, tokens: Token[] = tokenize(text)): Mention[] {
  const out: Mention[] = [];
  for (let i = 0; i < tokens.length;) {
    const t = tokens[i];
    let hit: IndexEntry | null = null;
    // Proper nouns only: "tank" and "bara" in running text are not places.
    if (/^[\p{Lu}\p{N}]/u.test(t.raw)) {
      for (const e of namesStartingWith(t.fold)) {
        if (!matchesAt(tokens, text, i, e)) continue;
        if (e.tokens.length === 1 && WORD_LIKE.has(t.fold) && !inPlaceContext(tokens, i, 1) && !isDateline(text, t)) continue;
        hit = e;
        break;
      }
    }
    if (!hit) {
      i++;
      continue;
    }
    const to = i + hit.tokens.length;
    const start = t.start;
    const end = tokens[to - 1].end;
    out.push({ start, end, text: text.slice(start, end), places: hit.places, from: i, to });
    i = to;
  }
  return out;
}

const MONITORED_ADMIN1 = new Set(['Khyber Pakhtunkhwa', 'Balochistan', 'Paktika']);
const KIND_WORDS: Record<string, IntakePlace['kind'][]> = {
  district: ['district'],
  agency: ['district'],
  province: ['province'],
  tehsil: ['tehsil', 'town'],
  valley: ['valley'],
  crossing: ['crossing'],
  border: ['crossing'],
};
const TOWN_LIKE = new Set<IntakePlace['kind']>(['town', 'tehsil', 'crossing', 'valley']);

/** The admin names and countries the text names outright, to settle homonyms by. */
function contextOf(mentions: Mention[]): Set<string> {
  const ctx = new Set<string>();
  for (const m of mentions) {
    for (const p of m.places) {
      if (p.kind === 'district') ctx.add(`a2:${p.admin2}`);
      if (p.kind === 'province') ctx.add(`a1:${p.admin1}`);
      if (p.kind === 'country') ctx.add(`cc:${p.country}`);
    }
  }
  return ctx;
}

/** Picks one place for a name several places bear. */
export function settle(m: Mention, ctx: Set<string>, nextWord: string | undefined): IntakePlace {
  if (m.places.length === 1) return m.places[0];
  const wanted = nextWord ? KIND_WORDS[nextWord] : undefined;
  let best = m.places[0];
  let bestScore = -Infinity;
  for (const p of m.places) {
    let s = 0;
    if (wanted) s += wanted.includes(p.kind) ? 10 : 0;
    else s += TOWN_LIKE.has(p.kind) ? 1 : p.kind === 'district' ? 0.5 : 0;
    if (p.kind !== 'district' && ctx.has(`a2:${p.admin2}`)) s += 4;
    if (p.kind !== 'province' && ctx.has(`a1:${p.admin1}`)) s += 3;
    if (p.kind !== 'country' && ctx.has(`cc:${p.country}`)) s += 2;
    if ((p.admin1 && MONITORED_ADMIN1.has(p.admin1)) || p.country === 'TJ') s += 1.5;
    s += Math.log10((p.population ?? 0) + 1) / 10;
    if (s > bestScore) [best, bestScore] = [p, s];
  }
  return best;
}

/** Every mention of a known place, each settled on one place. */
export function findPlaces(text: string): PlaceMatch[] {
  const tokens = tokenize(text);
  const mentions = findMentions(text, tokens);
  if (mentions.length === 0) return [];
  const ctx = contextOf(mentions.filter((m) => m.places.length === 1 || new Set(m.places.map((p) => p.country)).size === 1));
  return mentions.map((m) => ({ place: settle(m, ctx, tokens[m.to]?.fold), start: m.start, end: m.end, text: m.text }));
}
