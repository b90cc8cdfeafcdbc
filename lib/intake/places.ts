/**
 * Places in a report: every known place it names (findPlaces) and the one place of the incident
 * (resolvePlace), with the spans that support it. Pure and deterministic; the data are the
 * GeoNames extract plus the curated supplement (lib/intake/data/README.md).
 */
import type { Span } from './types';
import type { IntakePlace, PlaceMatch } from './place-types';
import { findPlaces } from './find-places';
import { tokenize, type Token } from './tokens';

export type { IntakePlace, PlaceMatch, PlaceKind } from './place-types';
export { findPlaces };

export interface ResolvedPlace {
  place: IntakePlace;
  /** 1 town (or tehsil, crossing, valley), 2 district, 3 province. */
  geoPrecision: 1 | 2 | 3;
  spans: Span[];
}

const TOWN_LIKE = new Set<IntakePlace['kind']>(['town', 'tehsil', 'crossing', 'valley']);
/** Words before a place that say the event happened there. */
const AT = new Set(['in', 'at', 'near', 'outside', 'around', 'inside', 'within', 'on']);
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
const ELSEWHERE = new Set(['hospital', 'hospitals', 'funeral', 'buried', 'native', 'hometown', 'shifted', 'airlifted', 'moved']);

function precisionOf(p: IntakePlace): 1 | 2 | 3 {
  return TOWN_LIKE.has(p.kind) ? 1 : p.kind === 'district' ? 2 : 3;
}

function tokenIndexAt(tokens: Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How strongly the words around a mention say "the event happened here". */
function contextScore(text: string, tokens: Token[], m: PlaceMatch): number {
  const i = tokenIndexAt(tokens, m.start);
  const prev = tokens[i - 1]?.fold;
  let s = 0;
  if (prev && AT.has(prev)) s += 3;
  else if (prev === 'of' && AREA_OF.has(tokens[i - 2]?.fold ?? '')) s += 3;
  else if (prev === 'from') s -= 2;
  else if (prev === 'to') s -= 1.5;
  // "the Mir Ali area of", "Daraban tehsil", "Bara bazaar": a place named as a locality.
  const next = tokens[tokenIndexAt(tokens, m.end)];
  if (next && next.start >= m.end && LOCALITY.has(next.fold)) s += 1.5;
  for (let k = Math.max(0, i - 6); k < Math.min(tokens.length, i + 4); k++) {
    if (ELSEWHERE.has(tokens[k].fold)) {
      s -= 3;
      break;
    }
  }
  // A dateline ("PESHAWAR: ...") says where the story was filed, not where the event was.
  const lineStart = m.start === 0 || text[m.start - 1] === '\n';
  if (lineStart && m.text === m.text.toUpperCase() && /^\s*[:—–-]/.test(text.slice(m.end, m.end + 3))) s -= 2.5;
  return s;
}

function placeKey(p: IntakePlace): string {
  return `${p.country}|${p.kind}|${p.name}`;
}

/** The place of the incident a report describes, or null when it names none below a country. */
export function resolvePlace(text: string): ResolvedPlace | null {
  const matches = findPlaces(text);
  const local = matches.filter((m) => m.place.kind !== 'country');
  if (local.length === 0) return null;
  const tokens = tokenize(text);
  // Score each place by its best-placed mention, a little more for every further mention.
  const scored = new Map<string, { place: IntakePlace; score: number; first: number }>();
  for (const m of local) {
    const s = contextScore(text, tokens, m);
    const key = placeKey(m.place);
    const had = scored.get(key);
    if (had) had.score = Math.max(had.score, s) + 0.5;
    else
      scored.set(key, {
        place: m.place,
        score: s + (m.place.admin1 && ['Khyber Pakhtunkhwa', 'Balochistan', 'Paktika'].includes(m.place.admin1) ? 0.5 : 0),
        first: m.start,
      });
  }
  const ranked = [...scored.values()].sort((a, b) => b.score - a.score || a.first - b.first);
  let chosen = ranked[0];
  // The most precise place inside the chosen one (a town in its district, a district in its
  // province), unless the words around it say it is not the scene.
  if (!TOWN_LIKE.has(chosen.place.kind)) {
    const c = chosen.place;
    const inside = ranked
      .filter((r) => r.score > -1 && precisionOf(r.place) < precisionOf(c) && r.place.country === c.country)
      .filter((r) => (c.kind === 'district' ? r.place.admin2 === c.admin2 : r.place.admin1 === c.admin1))
      .sort((a, b) => precisionOf(a.place) - precisionOf(b.place) || b.score - a.score || a.first - b.first);
    if (inside.length > 0) chosen = inside[0];
  }
  const place = chosen.place;
  const spans: Span[] = [];
  for (const m of matches) {
    const p = m.place;
    const same = placeKey(p) === placeKey(place);
    let field: Span['field'] | null = null;
    if (same) field = TOWN_LIKE.has(p.kind) ? 'location' : p.kind === 'district' ? 'admin2' : 'admin1';
    else if ((p.kind === 'district' || p.name === place.admin2) && p.admin2 === place.admin2 && p.country === place.country)
      field = 'admin2';
    else if (p.kind === 'province' && p.admin1 === place.admin1 && p.country === place.country) field = 'admin1';
    else if (p.kind === 'country' && p.country === place.country) field = 'country';
    if (field) spans.push({ field, start: m.start, end: m.end, text: m.text });
  }
  return { place, geoPrecision: precisionOf(place), spans };
}
