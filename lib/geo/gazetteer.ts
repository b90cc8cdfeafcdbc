import { foldName } from '@/lib/taxonomy/normalize';
import places from './data/gazetteer.json';

/** A place from the committed GeoNames extract (CC-BY 4.0), see lib/geo/data/README.md. */
export interface GazetteerEntry {
  name: string;
  aliases: string[];
  lat: number;
  lon: number;
  /** ISO 3166 alpha-2 */
  country: string;
  admin1: string | null;
  admin2: string | null;
}

export const GAZETTEER: readonly GazetteerEntry[] = places;

const BY_NAME = new Map<string, GazetteerEntry>();
for (const p of GAZETTEER) {
  for (const n of [p.name, ...p.aliases]) {
    const key = foldName(n);
    if (!BY_NAME.has(key)) BY_NAME.set(key, p);
  }
}

/** Looks a place up by name or alias, case- and accent-insensitively ("Kŭlob" = "kulob"). */
export function lookupPlace(name: string): GazetteerEntry | null {
  return BY_NAME.get(foldName(name)) ?? null;
}

/** Like lookupPlace, for names the code itself relies on: a miss is a programming error. */
export function requirePlace(name: string): GazetteerEntry {
  const p = lookupPlace(name);
  if (!p) throw new Error(`gazetteer has no place named ${name}`);
  return p;
}
