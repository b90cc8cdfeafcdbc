/** Shapes of the intake gazetteer (lib/intake/places.ts), shared by the other extractors. */

export type PlaceKind = 'town' | 'district' | 'province' | 'country' | 'crossing' | 'valley' | 'tehsil';

export interface IntakePlace {
  name: string;
  kind: PlaceKind;
  /** ISO 3166 alpha-2 */
  country: string;
  admin1: string | null;
  admin2: string | null;
  lat: number;
  lon: number;
  population: number | null;
}

/** One mention of a known place in the analysed text (UTF-16 offsets, end exclusive). */
export interface PlaceMatch {
  place: IntakePlace;
  start: number;
  end: number;
  text: string;
}
