import { Rng } from './prng';
import { AREA_SHARE, type DemoArea } from './catalog';
import { randomAttack, type DemoIncident } from './incident';

/** Endless source of fresh synthetic attacks "happening now", for `npm run simulate`. */
export function liveIncidentStream(seed: number): (at: number) => Omit<DemoIncident, 'source'> & { source: string } {
  const rng = new Rng(seed);
  const areas = (Object.keys(AREA_SHARE) as DemoArea[]).map((a) => [a, AREA_SHARE[a]] as const);
  let n = 0;
  return (at) => {
    n++;
    const incident = randomAttack(rng, { at, area: rng.weighted(areas), sourceId: `sim-${seed.toString(36)}-${at.toString(36)}-${n}` });
    return { ...incident, source: 'simulator' };
  };
}
