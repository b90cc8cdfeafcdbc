/** Shapes shared by the synthetic story writers (incident, follow-up and non-event stories). */
import type { Rng } from '@/lib/demo/prng';
import type { Outlet, SynthGroup, SynthPlace } from './catalog';
import type { Nouns, Toll } from './words';

export const EVENT_KINDS = [
  'ied',
  'suicide',
  'checkpost',
  'targeted',
  'kidnap',
  'airstrike',
  'operation',
  'grenade',
  'border-fire',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** One synthetic event: what every story about it agrees on. */
export interface SynthEvent {
  kind: EventKind;
  place: SynthPlace;
  /** The perpetrator the story names, or null ("unidentified gunmen"). */
  group: SynthGroup | null;
  /** The group claimed responsibility (then it is named). */
  claimed: boolean;
  killed: Toll;
  injured: number;
  /** People abducted (kidnappings only). */
  abducted: number;
  /** Local calendar date of the event (YYYY-MM-DD in the report time zone). */
  date: string;
  /** Role nouns, fixed per event so every story about it uses the same words. */
  nouns: Nouns;
}

export interface StoryContext {
  rng: Rng;
  event: SynthEvent;
  outlet: Outlet;
  /** How the text names the event's day relative to publication ("on Tuesday", "yesterday"). */
  day: string;
  /** The outlet writes counts as numerals ("3 soldiers") rather than words. */
  numerals: boolean;
  /** A second outlet's story of the event: its own headline, not the first one's. */
  second: boolean;
}

export interface StoryText {
  title: string;
  paragraphs: string[];
}
