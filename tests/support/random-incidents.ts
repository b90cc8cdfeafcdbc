import type { Rng } from '@/lib/demo/prng';
import { dayToDate } from '@/lib/time/zone';

/**
 * Building blocks of the random incidents that the filter and index property tests write:
 * places whose names the text search finds (one across the border in Afghanistan), group
 * spellings as sources send them, and occurrence times that straddle local midnight.
 */

export const PLACES = [
  { admin1: 'Khyber Pakhtunkhwa', admin2: 'Peshawar', location: 'Peshawar', lat: 34.01, lon: 71.58 },
  { admin1: 'Khyber Pakhtunkhwa', admin2: 'Bannu', location: 'Bannu', lat: 32.99, lon: 70.6 },
  { admin1: 'Balochistan', admin2: 'Quetta', location: 'Quetta', lat: 30.18, lon: 66.99 },
  { admin1: 'Punjab', admin2: 'Lahore', location: 'Lahore', lat: 31.55, lon: 74.34 },
  { country: 'AF', admin1: 'Paktika', admin2: 'Barmal', location: 'Angur Adda', lat: 32.61, lon: 69.3 },
];

/** Slugs, the catch-all actor name, a child group (tjp, under ttp) and a name no taxonomy knows. */
export const GROUPS = ['ttp', 'bla', 'iskp', 'Unidentified Armed Group (Pakistan)', 'tjp', 'Some New Front'];

/**
 * An occurrence on one of the 61 days from `firstDay` (a day number): 60 % timed, half of
 * those within 90 minutes of local midnight in Karachi (19:00Z), where day and instant order
 * disagree; the rest are date-only.
 */
export function randomOccurredAt(rng: Rng, firstDay: number): string {
  const day = firstDay + rng.int(0, 60);
  const timed = rng.chance(0.6);
  const at = day * 86_400_000 + (rng.chance(0.5) ? 19 * 3_600_000 + rng.int(-90, 90) * 60_000 : rng.int(0, 86_399) * 1000);
  return timed ? new Date(at).toISOString() : dayToDate(day);
}
