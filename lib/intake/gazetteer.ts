/**
 * The intake gazetteer: the GeoNames layers (data/places.json, built by
 * scripts/build-intake-gazetteer.ts) plus the curated supplement and the press's spellings,
 * indexed once at module load by the first folded token of every name, so a look-up per word
 * costs one Map probe instead of a scan of ~1,400 places.
 */
import rows from './data/places.json';
import { SUPPLEMENT } from './data/supplement';
import { COUNTRY_PLACES, PRESS_ALIASES } from './data/press-aliases';
import type { PlaceKind, SupplementPlace } from './data/supplement-types';
import type { IntakePlace } from './place-types';
import { nameTokens } from './tokens';

/** A name (or alias) and every place that bears it, e.g. "bannu" → the town and the district. */
export interface IndexEntry {
  tokens: string[];
  places: IntakePlace[];
}

const KINDS: Record<string, PlaceKind> = { t: 'town', d: 'district', p: 'province' };

/**
 * Single words that GeoNames lists as a place or alternate name but that English news uses for
 * something else: months, common nouns, surnames and given names, far-away cities.
 */
const NEVER_A_PLACE = new Set(
  (
    'march nov kim bust dusty gala lash titan lenin samara moskva kirov sovet abbas rustam rustom qaisar qaysar ' +
    'qeysar hazrat khwaja asma mehar naik nayak tareen saiyid sayad saiad seyyed kakar bozdar alizai apozai mizani ' +
    'khushi khoshi dosi doshi usta sewa santo rato waha tata tatar naka nari tala thal andar azra jati koti kotah ' +
    'bati miri miray mitti haveli chowki chauki chak mandi sarai langar bangi dagar kushi khas khana khala ' +
    'ibis argo garm sann mashhad montgomery miram miran bela nagar patan mian marc farsi mizan kabil moro orzu bagh shinwari'
  ).split(' '),
);

function fromRow(r: (typeof rows)[number]): { place: IntakePlace; aliases: string[] } {
  const [name, kind, country, admin1, admin2, lat, lon, population, aliases] = r as [
    string,
    string,
    string,
    string | null,
    string | null,
    number,
    number,
    number | null,
    string[],
  ];
  return { place: { name, kind: KINDS[kind], country, admin1, admin2, lat, lon, population }, aliases };
}

function fromSupplement(s: SupplementPlace): { place: IntakePlace; aliases: string[] } {
  const { name, kind, country, admin1, admin2, lat, lon } = s;
  return { place: { name, kind, country, admin1, admin2, lat, lon, population: null }, aliases: s.aliases ?? [] };
}

function build(): { places: IntakePlace[]; index: Map<string, IndexEntry[]> } {
  const all = [...rows.map(fromRow), ...SUPPLEMENT.map(fromSupplement), ...COUNTRY_PLACES.map(fromSupplement)];
  const byKey = new Map<string, { place: IntakePlace; aliases: string[] }>();
  for (const e of all) {
    // The supplement may restate a GeoNames place; the first (GeoNames) entry keeps its coordinates.
    const key = `${e.place.country}|${e.place.kind}|${e.place.name}`;
    const had = byKey.get(key);
    if (had) had.aliases.push(...e.aliases);
    else byKey.set(key, { place: e.place, aliases: [...e.aliases] });
  }
  for (const a of PRESS_ALIASES) {
    const e = byKey.get(`${a.country}|${a.kind}|${a.of}`);
    if (!e) throw new Error(`press alias for unknown place ${a.of} (${a.kind}, ${a.country})`);
    e.aliases.push(...a.aliases);
  }
  const byName = new Map<string, IndexEntry>();
  for (const { place, aliases } of byKey.values()) {
    for (const n of [place.name, ...aliases]) {
      const tokens = nameTokens(n);
      if (tokens.length === 0 || (tokens.length === 1 && NEVER_A_PLACE.has(tokens[0]))) continue;
      const key = tokens.join(' ');
      const entry = byName.get(key) ?? { tokens, places: [] };
      if (!entry.places.includes(place)) entry.places.push(place);
      byName.set(key, entry);
    }
  }
  const index = new Map<string, IndexEntry[]>();
  for (const entry of byName.values()) {
    const list = index.get(entry.tokens[0]) ?? [];
    list.push(entry);
    index.set(entry.tokens[0], list);
  }
  // Longest names first, so "Dera Ismail Khan" is tried before "Dera".
  for (const list of index.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  return { places: [...byKey.values()].map((e) => e.place), index };
}

const BUILT = build();

/** Every place the intake gazetteer knows. */
export const INTAKE_PLACES: readonly IntakePlace[] = BUILT.places;

/** Names starting with this folded token, longest first. */
export function namesStartingWith(token: string): readonly IndexEntry[] {
  return BUILT.index.get(token) ?? [];
}
