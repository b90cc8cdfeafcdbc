/**
 * Random synthetic events for the demo's news feed: where (weighted towards KP and Balochistan,
 * with the Barmal and Tajik borders), what (the tactics the monitored groups use), who (the
 * press's names for the groups, often nobody) and how many died, by role.
 */
import type { Rng } from '@/lib/demo/prng';
import { GROUPS, PLACES, type SynthPlace } from './catalog';
import type { EventKind, SynthEvent } from './story-types';
import { pickNouns, type Toll } from './words';

type Area = keyof typeof PLACES;
const AREAS: readonly (readonly [Area, number])[] = [
  ['kp', 50],
  ['balochistan', 35],
  ['barmal', 8],
  ['tajikistan', 7],
];

const PAKISTAN_KINDS: readonly (readonly [EventKind, number])[] = [
  ['ied', 18],
  ['checkpost', 18],
  ['operation', 14],
  ['targeted', 14],
  ['suicide', 10],
  ['kidnap', 8],
  ['grenade', 8],
];

/** Probability that a story of this kind names the perpetrator. */
const NAMED: Partial<Record<EventKind, number>> = {
  suicide: 0.8,
  ied: 0.6,
  checkpost: 0.7,
  operation: 0.9,
  targeted: 0.3,
  kidnap: 0.4,
  grenade: 0.3,
};

function toll(rng: Rng, kind: EventKind): { killed: Toll; injured: number; abducted: number } {
  const none: Toll = { security: 0, civilians: 0, militants: 0 };
  const chance = (p: number, min: number, max: number) => (rng.chance(p) ? rng.int(min, max) : 0);
  switch (kind) {
    case 'ied':
      return { killed: { ...none, security: rng.int(1, 4), civilians: chance(0.3, 1, 2) }, injured: rng.int(1, 6), abducted: 0 };
    case 'suicide':
      return { killed: { ...none, security: rng.int(2, 8), civilians: rng.int(1, 5) }, injured: rng.int(6, 25), abducted: 0 };
    case 'checkpost':
      return { killed: { ...none, security: rng.int(1, 4), militants: chance(0.6, 1, 5) }, injured: rng.int(0, 3), abducted: 0 };
    case 'targeted':
      return { killed: { ...none, civilians: rng.int(1, 2) }, injured: 0, abducted: 0 };
    case 'kidnap':
      return { killed: none, injured: 0, abducted: rng.int(2, 8) };
    case 'airstrike':
      return { killed: { ...none, civilians: rng.int(3, 20) }, injured: rng.int(0, 10), abducted: 0 };
    case 'operation':
      return { killed: { ...none, militants: rng.int(2, 12), security: chance(0.3, 1, 2) }, injured: 0, abducted: 0 };
    case 'grenade':
      return { killed: { ...none, civilians: chance(0.25, 1, 1) }, injured: rng.int(2, 9), abducted: 0 };
    case 'border-fire':
      return { killed: { ...none, security: rng.int(1, 3) }, injured: 0, abducted: 0 };
  }
}

const DAY_MS = 86_400_000;

/**
 * The drawn place, unless an event of the last or next day already happened in its district:
 * then the next free place of the area, else of the other areas. Two attacks in one district a
 * day apart are rare, and the intake would rightly offer them as one story.
 */
function freePlace(area: Area, drawn: SynthPlace, date: string, recent: readonly SynthEvent[]): [Area, SynthPlace] {
  const taken = (p: SynthPlace) =>
    recent.some((e) => e.place.district === p.district && Math.abs(Date.parse(e.date) - Date.parse(date)) <= DAY_MS);
  if (!taken(drawn)) return [area, drawn];
  const areas = [area, ...AREAS.map(([a]) => a).filter((a) => a !== area)];
  for (const a of areas) {
    const list = PLACES[a];
    const start = a === area ? list.indexOf(drawn) : 0;
    for (let k = 0; k < list.length; k++) if (!taken(list[(start + k) % list.length])) return [a, list[(start + k) % list.length]];
  }
  return [area, drawn];
}

/** A new event on the given local date, away from the districts of `recent` events around that date. */
export function randomEvent(rng: Rng, date: string, recent: readonly SynthEvent[] = []): SynthEvent {
  const drawn = rng.weighted(AREAS);
  const [area, place] = freePlace(drawn, rng.pick(PLACES[drawn]), date, recent);
  const nouns = pickNouns(rng);
  if (area === 'barmal' || area === 'tajikistan') {
    const kind: EventKind = area === 'barmal' ? 'airstrike' : 'border-fire';
    return { kind, place, group: null, claimed: false, date, nouns, ...toll(rng, kind) };
  }
  const kind = rng.weighted(PAKISTAN_KINDS);
  const named = rng.chance(NAMED[kind] ?? 0);
  const group = named ? rng.weighted(GROUPS[area]) : null;
  // ISPR attributes operations; it never reports a claim. Groups claim about half their attacks.
  const claimed = group !== null && kind !== 'operation' && rng.chance(0.5);
  return { kind, place, group, claimed, date, nouns, ...toll(rng, kind) };
}
