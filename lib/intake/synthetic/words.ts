/**
 * The small vocabulary synthetic reports are written with: numbers as the press writes them
 * (words up to twelve, numerals above, sometimes numerals anyway), casualties split by role, and
 * the day of the event as the text names it relative to the publication date.
 */
import type { Rng } from '@/lib/demo/prng';

const WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "three", or "3" when the outlet prefers numerals or the number is large. */
export function count(n: number, numerals = false): string {
  return !numerals && n < WORDS.length ? WORDS[n] : String(n);
}

export const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export interface Toll {
  security: number;
  civilians: number;
  militants: number;
}

export const tollTotal = (t: Toll) => t.security + t.civilians + t.militants;

/** Role nouns (singular, plural) the casualty parser reads as security forces, civilians or militants. */
export const ROLE_NOUNS = {
  security: [
    ['soldier', 'soldiers'],
    ['policeman', 'policemen'],
    ['FC soldier', 'FC personnel'],
    ['Levies official', 'Levies personnel'],
    ['CTD official', 'CTD officials'],
  ],
  civilians: [
    ['civilian', 'civilians'],
    ['passenger', 'passengers'],
    ['labourer', 'labourers'],
    ['pedestrian', 'pedestrians'],
  ],
  militants: [
    ['terrorist', 'terrorists'],
    ['militant', 'militants'],
    ['attacker', 'attackers'],
  ],
} as const;

export type Role = keyof typeof ROLE_NOUNS;
export type Nouns = Record<Role, readonly [string, string]>;

/** One noun pair per role for a whole story, so a follow-up says "policemen" where the first report did. */
export function pickNouns(rng: Rng): Nouns {
  return { security: rng.pick(ROLE_NOUNS.security), civilians: rng.pick(ROLE_NOUNS.civilians), militants: rng.pick(ROLE_NOUNS.militants) };
}

/** "two policemen and a civilian": the non-zero roles, in the order the press lists them. */
export function casualtyList(
  t: Toll,
  nouns: Nouns,
  numerals: boolean,
  roles: readonly Role[] = ['security', 'civilians', 'militants'],
): string {
  const parts = roles
    .filter((r) => t[r] > 0)
    .map((r) => (t[r] === 1 ? `${/^[aeiou]/i.test(nouns[r][0]) ? 'an' : 'a'} ${nouns[r][0]}` : `${count(t[r], numerals)} ${nouns[r][1]}`));
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** A YYYY-MM-DD date shifted by whole days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export const weekday = (date: string) => WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()];

/** "December 3", as dailies and ISPR name a date. */
export function monthDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`;
}

/**
 * How the text names the event's day, seen from the day it is published: "on Tuesday", "late
 * Monday night", "yesterday", "today" or "on December 3". Always a day the date resolver reads
 * back exactly, so a synthetic draft gets the day right with precision 1.
 */
export function dayPhrase(rng: Rng, eventDate: string, publishedDate: string): string {
  const lag = Math.round((Date.parse(`${publishedDate}T00:00:00Z`) - Date.parse(`${eventDate}T00:00:00Z`)) / 86_400_000);
  const name = weekday(eventDate);
  if (lag === 0) return rng.pick([`on ${name}`, 'today', `early on ${name}`]);
  if (lag === 1) return rng.pick([`on ${name}`, `late ${name} night`, 'yesterday', `on ${monthDay(eventDate)}`]);
  return `on ${monthDay(eventDate)}`;
}
