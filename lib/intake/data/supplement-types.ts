/** The shape of a curated gazetteer entry (lib/intake/data/supplement.ts). */
import type { IntakePlace, PlaceKind } from '../place-types';

export type { PlaceKind };

/** An intake place as curated by hand: no population, but where its coordinates come from. */
export interface SupplementPlace extends Omit<IntakePlace, 'population'> {
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
