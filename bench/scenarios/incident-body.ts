import type { Rng } from '../lib/prng';
import { PLACES } from '../data/places';

const GROUPS = ['ttp', 'ttp', 'ttp', 'bla', 'iskp', 'unknown', 'blf', 'tjp'];
const KINDS: [string, string][] = [
  ['Battles', 'Armed clash'],
  ['Explosions/Remote violence', 'Remote explosive/landmine/IED'],
  ['Explosions/Remote violence', 'Suicide bomb'],
  ['Violence against civilians', 'Attack'],
];
const COUNTRY = { Pakistan: 'PK', Afghanistan: 'AF', Tajikistan: 'TJ' } as const;

/** A POST /api/incidents body happening now at a real place, so alert rules really evaluate it. */
export function incidentBody(rng: Rng, sourceId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const place = PLACES[rng.int(PLACES.length)];
  const [eventType, subEventType] = rng.pick(KINDS);
  return {
    source: 'bench',
    sourceId,
    occurredAt: new Date(Date.now() - rng.int(3_600_000)).toISOString(),
    country: COUNTRY[place.country],
    admin1: place.admin1,
    admin2: place.admin2,
    location: place.location,
    lat: Number((place.lat + (rng.next() - 0.5) * 0.2).toFixed(4)),
    lon: Number((place.lon + (rng.next() - 0.5) * 0.2).toFixed(4)),
    eventType,
    subEventType,
    group: rng.pick(GROUPS),
    killed: rng.casualties(2),
    injured: rng.casualties(3),
    notes: `Benchmark incident ${sourceId}.`,
    ...extra,
  };
}
