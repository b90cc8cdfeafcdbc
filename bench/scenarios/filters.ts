import { Rng } from '../lib/prng';
import { dayNumber, dayToDate } from '@/lib/time/zone';
import type { FilterWindow } from './types';

const GROUPS = ['ttp', 'bla', 'iskp', 'unknown', 'blf', 'tjp', 'hafiz-gul-bahadur', 'pakistan-military'];
const TYPES = [
  'Battles',
  'Explosions/Remote violence',
  'Violence against civilians',
  'Suicide bomb',
  'Remote explosive/landmine/IED',
  'Armed clash',
  'Attack',
];
const WORDS = ['checkpost', 'polio', 'pipeline', 'Quetta', 'convoy', 'Bannu', 'levies', 'CPEC'];
const VIEWS = ['69,29,73,36', '60,24,71,32', '66,30,72,35', '70,32,72,34.5', '60,23,76,38'];

/**
 * Deterministic "realistic" dashboard filters: a time preset relative to the newest data
 * (7 d … all), sometimes groups, regions, a type, a casualty floor, a word or a viewport.
 */
export function realisticFilters(seed: number, count: number, lastDay: string): URLSearchParams[] {
  const rng = new Rng(seed);
  const end = dayNumber(lastDay);
  const presets = [7, 30, 90, 365, 365 * 3, 0];
  return Array.from({ length: count }, () => {
    const p = new URLSearchParams();
    const days = rng.pick(presets);
    if (days) {
      p.set('from', dayToDate(end - days + 1));
      p.set('to', dayToDate(end));
    }
    if (rng.next() < 0.4) p.set('group', [...new Set([rng.pick(GROUPS), ...(rng.next() < 0.4 ? [rng.pick(GROUPS)] : [])])].join(','));
    if (rng.next() < 0.35) p.set('region', rng.next() < 0.7 ? rng.pick(['kp', 'balochistan']) : 'kp,balochistan');
    if (rng.next() < 0.2) p.set('type', rng.pick(TYPES));
    if (rng.next() < 0.15) p.set('minKilled', String(rng.pick([1, 5, 10])));
    if (rng.next() < 0.1) p.set('q', rng.pick(WORDS));
    if (rng.next() < 0.2) p.set('bbox', rng.pick(VIEWS));
    return p;
  });
}

/** Map viewports (1366×768 screen) at zooms 5–11 around the frontier, in the filter window. */
export function viewports(seed: number, count: number, w: FilterWindow): URLSearchParams[] {
  const rng = new Rng(seed);
  return Array.from({ length: count }, () => {
    const zoom = 5 + rng.int(7);
    const lon = 66 + rng.next() * 6;
    const lat = 29 + rng.next() * 5;
    const halfW = ((1366 / 256) * 360) / 2 ** zoom / 2;
    const halfH = ((768 / 256) * 360) / 2 ** zoom / 2 / 1.2;
    const f = (v: number) => v.toFixed(4);
    return new URLSearchParams({
      from: w.from,
      to: w.to,
      zoom: String(zoom),
      bbox: [
        f(Math.max(-180, lon - halfW)),
        f(Math.max(-90, lat - halfH)),
        f(Math.min(180, lon + halfW)),
        f(Math.min(90, lat + halfH)),
      ].join(','),
    });
  });
}
