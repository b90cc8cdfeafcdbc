/**
 * Places in a report: every known place it names (findPlaces) and the one place of the incident
 * (resolvePlace), with the spans that support it. Pure and deterministic; the data are the
 * GeoNames extract plus the curated supplement (lib/intake/data/README.md).
 */
import type { Span } from './types';
import type { IntakePlace, PlaceMatch } from './place-types';
import { findPlaces } from './find-places';
import { contextScore } from './place-context';
import { foldWord, tokenize } from './tokens';

export type { IntakePlace, PlaceMatch, PlaceKind } from './place-types';
export { findPlaces };

export interface ResolvedPlace {
  place: IntakePlace;
  /** 1 town (or tehsil, crossing, valley), 2 district, 3 province. */
  geoPrecision: 1 | 2 | 3;
  spans: Span[];
}

const TOWN_LIKE = new Set<IntakePlace['kind']>(['town', 'tehsil', 'crossing', 'valley']);
const MONITORED_ADMIN1 = new Set(['Khyber Pakhtunkhwa', 'Balochistan', 'Paktika']);

interface Scored {
  place: IntakePlace;
  score: number;
  first: number;
  /** Every mention reads as the district's own name ("Lakki Marwat", "DERA ISMAIL KHAN"). */
  asDistrict: boolean;
}

function precisionOf(p: IntakePlace): 1 | 2 | 3 {
  return TOWN_LIKE.has(p.kind) ? 1 : p.kind === 'district' ? 2 : 3;
}

function placeKey(p: IntakePlace): string {
  return `${p.country}|${p.kind}|${p.name}`;
}

function scorePlaces(text: string, local: PlaceMatch[]): Scored[] {
  const tokens = tokenize(text);
  const scored = new Map<string, Scored>();
  for (const m of local) {
    const s = contextScore(text, tokens, m);
    const asDistrict = TOWN_LIKE.has(m.place.kind) && m.place.admin2 !== null && foldWord(m.text) === foldWord(m.place.admin2);
    const had = scored.get(placeKey(m.place));
    // A place scores by its best-placed mention, a little more for every further mention.
    if (had) {
      had.score = Math.max(had.score, s) + 0.5;
      had.asDistrict &&= asDistrict;
    } else {
      const monitored = m.place.admin1 !== null && MONITORED_ADMIN1.has(m.place.admin1);
      scored.set(placeKey(m.place), { place: m.place, score: s + (monitored ? 0.5 : 0), first: m.start, asDistrict });
    }
  }
  return [...scored.values()].sort((a, b) => b.score - a.score || a.first - b.first);
}

/**
 * The most precise place inside the chosen one (a town in its district, a district in its
 * province), unless the words around it say it is not the scene. A town named only as its
 * district ("in Lakki Marwat") yields to another town of that district named as the scene.
 */
function refine(chosen: Scored, ranked: Scored[]): Scored {
  const c = chosen.place;
  const byPrecision = (a: Scored, b: Scored) => precisionOf(a.place) - precisionOf(b.place) || b.score - a.score || a.first - b.first;
  if (!TOWN_LIKE.has(c.kind)) {
    const inside = ranked
      .filter((r) => r.score > -1 && precisionOf(r.place) < precisionOf(c) && r.place.country === c.country)
      .filter((r) => (c.kind === 'district' ? r.place.admin2 === c.admin2 : r.place.admin1 === c.admin1));
    return inside.sort(byPrecision)[0] ?? chosen;
  }
  if (chosen.asDistrict) {
    const other = ranked.filter((r) => r !== chosen && r.score >= 1 && TOWN_LIKE.has(r.place.kind) && r.place.admin2 === c.admin2);
    return other.sort(byPrecision)[0] ?? chosen;
  }
  return chosen;
}

/** "X area of D", "X tehsil in D", "X, D": the text says which district or province X lies in. */
const PLACED_IN = /^\s*(?:(?:area|areas|tehsil|village|town|bazaar|locality|region|valley)\s+)?(?:of|in|,)\s*(?:the\s+)?$/i;

/**
 * When the text puts the chosen town in another district than the gazetteer does ("Hassan Khel
 * area of North Waziristan" while the known Hassan Khel is in Peshawar), it names a town the
 * gazetteer does not know: trust the text and take the district it names.
 */
function contradicted(text: string, matches: PlaceMatch[], town: IntakePlace): IntakePlace | null {
  for (let k = 0; k + 1 < matches.length; k++) {
    if (placeKey(matches[k].place) !== placeKey(town)) continue;
    const admin = matches[k + 1].place;
    if (admin.kind !== 'district' && admin.kind !== 'province') continue;
    if (!PLACED_IN.test(text.slice(matches[k].end, matches[k + 1].start))) continue;
    const inside = admin.kind === 'district' ? town.admin2 === admin.admin2 : town.admin1 === admin.admin1;
    if (!inside || town.country !== admin.country) return admin;
  }
  return null;
}

/**
 * "A village in Farkhor district": the text names a district the gazetteer knows only as a town of
 * no known district. Every mention says "district", so the place is that district (precision 2).
 */
function namedAsDistrict(text: string, matches: PlaceMatch[], town: IntakePlace): IntakePlace | null {
  if (!TOWN_LIKE.has(town.kind) || town.admin2 !== null) return null;
  const own = matches.filter((m) => placeKey(m.place) === placeKey(town));
  if (!own.length || !own.every((m) => /^\s+district\b/i.test(text.slice(m.end, m.end + 10)))) return null;
  return { ...town, kind: 'district', admin2: town.name };
}

/** The field a mention supports once the incident's place is chosen, or null if it is another place. */
function fieldOf(p: IntakePlace, place: IntakePlace): Span['field'] | null {
  if (placeKey(p) === placeKey(place)) return TOWN_LIKE.has(p.kind) ? 'location' : p.kind === 'district' ? 'admin2' : 'admin1';
  if (p.country !== place.country) return null;
  if (p.kind === 'country') return 'country';
  if ((p.kind === 'district' || p.name === place.admin2) && p.admin2 === place.admin2) return 'admin2';
  if (p.kind === 'province' && p.admin1 === place.admin1) return 'admin1';
  return null;
}

/** The place of the incident a report describes, or null when it names none below a country. */
export function resolvePlace(text: string): ResolvedPlace | null {
  const matches = findPlaces(text);
  const local = matches.filter((m) => m.place.kind !== 'country');
  if (local.length === 0) return null;
  const ranked = scorePlaces(text, local);
  const refined = refine(ranked[0], ranked).place;
  const placed = TOWN_LIKE.has(refined.kind) ? (contradicted(text, matches, refined) ?? refined) : refined;
  const place = namedAsDistrict(text, matches, placed) ?? placed;
  const spans: Span[] = [];
  for (const m of matches) {
    const field = fieldOf(m.place, place);
    if (field) spans.push({ field, start: m.start, end: m.end, text: m.text });
  }
  return { place, geoPrecision: precisionOf(place), spans };
}
