/**
 * How strongly the words around a place mention say "the event happened here": the scene is
 * named after "in/at/near" or as a locality ("the Mir Ali area", "Daraban tehsil"); a place
 * after "from"/"to", beside a hospital or a funeral, or in the dateline is usually somewhere else.
 */
import type { PlaceMatch } from './place-types';
import type { Token } from './tokens';

const AT = new Set(['in', 'at', 'near', 'outside', 'around', 'inside', 'within', 'on', 'into']);
/** Nouns that, followed by "of", put the event in the place named next ("outskirts of Bannu"). */
const AREA_OF = new Set([
  'area',
  'areas',
  'outskirts',
  'village',
  'town',
  'city',
  'district',
  'tehsil',
  'limits',
  'jurisdiction',
  'suburbs',
  'part',
  'parts',
  'vicinity',
]);
/** Nouns after a place that name it as the locality of the event. */
const LOCALITY = new Set(['area', 'tehsil', 'bazaar', 'bazar', 'village', 'town', 'valley', 'subdivision', 'locality']);
/** Words near a place that say it is not where the event happened. */
const ELSEWHERE = new Set([
  'hospital',
  'hospitals',
  'funeral',
  'buried',
  'native',
  'hometown',
  'shifted',
  'airlifted',
  'moved',
  'hailing',
  'resident',
  'residents',
]);
/** Words skipped when looking at what precedes a place ("in the Mir Ali area"). */
const ARTICLES = new Set(['the', 'a']);

/** What follows a dateline's place: "PESHAWAR:", "PESHAWAR, Dec 3:", "QUETTA (APP) -", "ISLAMABAD —". */
const DATELINE_TAIL = /^(?:\s*,[^:\n]{0,25})?(?:\s*\([^)\n]{0,20}\))?\s*[:—–-]/;

/** Index of the first token starting at or after `offset` (tokens.length when none). */
export function tokenIndexAt(tokens: Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function contextScore(text: string, tokens: Token[], m: PlaceMatch): number {
  const i = tokenIndexAt(tokens, m.start);
  let j = i - 1;
  while (j >= 0 && ARTICLES.has(tokens[j].fold)) j--;
  // "in Afghanistan's Khost province", "in Tajikistan's Shamsiddin Shohin district": look past the possessive.
  if (j >= 1 && tokens[j].fold === 's' && /^['’]$/.test(text.slice(tokens[j - 1].end, tokens[j].start))) j -= 2;
  const prev = tokens[j]?.fold;
  let s = 0;
  if (prev && AT.has(prev)) s += 3;
  else if (prev === 'of' && AREA_OF.has(tokens[j - 1]?.fold ?? '')) s += 3;
  else if (prev === 'from') s -= 2;
  else if (prev === 'to') s -= 1.5;
  const next = tokens[tokenIndexAt(tokens, m.end)];
  if (next && LOCALITY.has(next.fold)) s += 1.5;
  // "the Panj river", "the Kabul River": the river, not the town that shares its name.
  if (next?.fold === 'river') s -= 3;
  for (let k = Math.max(0, i - 6); k < Math.min(tokens.length, i + 4); k++) {
    if (ELSEWHERE.has(tokens[k].fold)) {
      s -= 3;
      break;
    }
  }
  // A dateline ("PESHAWAR: ...") says where the story was filed, not where the event was.
  const lineStart = m.start === 0 || text[m.start - 1] === '\n';
  if (lineStart && m.text === m.text.toUpperCase() && DATELINE_TAIL.test(text.slice(m.end, m.end + 40))) s -= 2.5;
  return s;
}
