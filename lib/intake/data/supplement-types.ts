/** The shape of a curated gazetteer entry (lib/intake/data/supplement.ts). */
export type PlaceKind = 'town' | 'district' | 'province' | 'country' | 'crossing' | 'valley' | 'tehsil';

export interface SupplementPlace {
  name: string;
  kind: PlaceKind;
  /** ISO 3166 alpha-2 */
  country: string;
  admin1: string | null;
  admin2: string | null;
  lat: number;
  lon: number;
  aliases?: string[];
  /** Where the coordinates come from: 'GeoNames <id>', 'district seat of X', 'approximate: …'. */
  source: string;
}

/** Spellings the press uses for a place the GeoNames layers already hold. */
export interface PressAlias {
  /** The place's name in places.json. */
  of: string;
  kind: PlaceKind;
  country: string;
  aliases: string[];
}
