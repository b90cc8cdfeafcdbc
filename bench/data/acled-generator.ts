import { closeSync, openSync, renameSync, writeSync } from 'node:fs';
import { ACLED_COLUMNS } from '@/lib/acled/columns';
import { stringify } from 'csv-stringify/sync';
import { cumulative, Rng } from '../lib/prng';
import { ACTORS, COUNTRY_CODES, EVENT_KINDS, PLACES, SOURCES, TARGET_PHRASES, type Area, type Place } from './places';

/** Bump when the output changes, so cached files and databases are regenerated. */
export const GENERATOR_VERSION = 1;


const DAY_MS = 86_400_000;
export const FIRST_DAY = Math.floor(Date.UTC(2015, 0, 1) / DAY_MS);
/** Fixed end so the data (and the cache key) never depend on the clock. */
export const LAST_DAY = Math.floor(Date.UTC(2026, 10, 20) / DAY_MS);
/** Relative yearly intensity 2015…2026: decline to 2020, surge after Aug 2021, +72% in 2024. */
const YEAR_INTENSITY = [1.0, 0.7, 0.6, 0.45, 0.4, 0.4, 0.55, 0.75, 0.85, 1.45, 1.8, 2.0];
const BURST_SHARE = 0.12;
const BURSTS = 150;

const placesByArea = new Map<Area, Place[]>();
for (const p of PLACES) placesByArea.set(p.area, [...(placesByArea.get(p.area) ?? []), p]);
const placeCum = cumulative(PLACES.map((p) => p.weight));
const areaPlaceCum = new Map([...placesByArea].map(([a, ps]) => [a, cumulative(ps.map((p) => p.weight))]));
const actorCumByArea = new Map(
  [...placesByArea.keys()].map((a) => [a, cumulative(ACTORS.map((x) => x.weights[a] ?? 0))]),
);
const kindCum = cumulative(EVENT_KINDS.map((k) => k[2]));

function dayWeights(): number[] {
  const w: number[] = [];
  for (let d = FIRST_DAY; d <= LAST_DAY; d++) {
    const date = new Date(d * DAY_MS);
    const y = date.getUTCFullYear() - 2015;
    const weekly = date.getUTCDay() === 5 ? 0.8 : 1; // fewer attacks on Fridays
    w.push(YEAR_INTENSITY[y] * weekly);
  }
  return w;
}

interface Burst {
  day: number;
  area: Area;
}

/** Days (sorted ascending) and the burst each row belongs to (-1 for background). */
function planDays(rng: Rng, count: number): { days: Int32Array; burstOf: Int16Array; bursts: Burst[] } {
  const dayCum = cumulative(dayWeights());
  const areas: Area[] = ['kp', 'kp', 'kp', 'balochistan', 'balochistan', 'pk-other', 'barmal', 'tajikistan'];
  const bursts: Burst[] = Array.from({ length: BURSTS }, () => ({ day: FIRST_DAY + rng.weighted(dayCum), area: rng.pick(areas) }));
  const keys = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    if (rng.next() < BURST_SHARE) {
      const b = rng.int(BURSTS);
      const offset = Math.round((rng.next() + rng.next() + rng.next() - 1.5) * 4);
      const day = Math.min(LAST_DAY, Math.max(FIRST_DAY, bursts[b].day + offset));
      keys[i] = day * 1024 + b + 1;
    } else {
      keys[i] = (FIRST_DAY + rng.weighted(dayCum)) * 1024;
    }
  }
  keys.sort();
  const days = new Int32Array(count);
  const burstOf = new Int16Array(count);
  for (let i = 0; i < count; i++) {
    days[i] = Math.floor(keys[i] / 1024);
    burstOf[i] = (keys[i] % 1024) - 1;
  }
  return { days, burstOf, bursts };
}

function shortName(actor: string): string {
  const abbr = /^([A-Za-z]+):/.exec(actor);
  return abbr ? abbr[1] : actor.replace(/\s*\(.*\)$/, '');
}

function row(rng: Rng, seq: number, day: number, place: Place): string[] {
  const actor = ACTORS[rng.weighted(actorCumByArea.get(place.area)!)];
  const [eventType, subEventType, , meanKilled] = EVENT_KINDS[rng.weighted(kindCum)];
  const state = actor.inter === 'State forces';
  const vac = eventType === 'Violence against civilians';
  const actor2 = vac ? `Civilians (${place.country})` : state ? 'TTP: Tehrik-i-Taliban Pakistan' : place.country === 'Pakistan' ? 'Police Forces of Pakistan (2018-)' : `Military Forces of ${place.country}`;
  const killed = rng.casualties(meanKilled);
  const date = new Date(day * DAY_MS).toISOString().slice(0, 10);
  const precision = rng.next() < 0.9 ? 1 : rng.next() < 0.7 ? 2 : 3;
  const target = rng.pick(TARGET_PHRASES);
  const code = COUNTRY_CODES[place.country];
  const notes = `On ${date}, ${shortName(actor.actor)} militants attacked ${target} near ${place.location} (${place.admin2}, ${place.admin1}). ${killed} killed.`;
  return [
    `${code.prefix}${seq}`, date, date.slice(0, 4), String(precision), 'Political violence', eventType, subEventType,
    actor.actor, '', actor.inter, actor2, '', vac ? 'Civilians' : 'State forces', `${actor.inter}-${vac ? 'Civilians' : 'State forces'}`,
    vac ? 'Civilian targeting' : '', String(code.iso), code.region, place.country, place.admin1, place.admin2, '', place.location,
    (place.lat + (rng.next() - 0.5) * 0.3).toFixed(4), (place.lon + (rng.next() - 0.5) * 0.3).toFixed(4), String(1 + rng.int(2)),
    rng.pick(SOURCES), rng.next() < 0.7 ? 'National' : 'Subnational', notes, String(killed), '', String(day * 86_400 + 3 * 86_400),
  ];
}

/** Rows per file: ACLED exports come in slices, and one file must stay under the import size limit. */
export const PART_ROWS = 200_000;

/**
 * Writes `count` ACLED rows, oldest first, as files of at most PART_ROWS rows named by
 * `pathOf(part)` (each written atomically via a temp file). Most rows fall in KP and
 * Balochistan, TTP is the largest actor, and ~12% of rows cluster in bursts of a few days
 * around 150 seeded events. Returns the file paths.
 */
export function generateAcledCsv(pathOf: (part: number) => string, count: number, seed: number): string[] {
  const rng = new Rng(seed);
  const { days, burstOf, bursts } = planDays(rng, count);
  const header = stringify([[...ACLED_COLUMNS]]);
  const paths: string[] = [];
  for (let part = 0; part * PART_ROWS < count; part++) {
    const path = pathOf(part);
    const fd = openSync(`${path}.tmp`, 'w');
    try {
      writeSync(fd, header);
      const end = Math.min(count, (part + 1) * PART_ROWS);
      for (let start = part * PART_ROWS; start < end; start += 10_000) {
        const rows: string[][] = [];
        for (let i = start; i < Math.min(end, start + 10_000); i++) {
          const b = burstOf[i];
          const area = b >= 0 ? bursts[b].area : null;
          const place = area ? placesByArea.get(area)![rng.weighted(areaPlaceCum.get(area)!)] : PLACES[rng.weighted(placeCum)];
          rows.push(row(rng, i + 1, days[i], place));
        }
        writeSync(fd, stringify(rows));
      }
    } finally {
      closeSync(fd);
    }
    renameSync(`${path}.tmp`, path);
    paths.push(path);
  }
  return paths;
}
