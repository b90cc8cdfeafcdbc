import type { z } from 'zod';
import type { incidentInputSchema } from '@/lib/incidents/input';
import { requirePlace, type GazetteerEntry } from '@/lib/geo/gazetteer';
import { regionAtPoint } from '@/lib/geo/regions';
import { assignRegion } from '@/lib/geo/assign-region';
import type { Rng } from './prng';
import {
  GROUPS,
  OUTLETS,
  PLACES,
  SOURCE_SCALES,
  TACTICS,
  TARGET_PHRASES,
  VERIFICATION,
  type DemoArea,
  type GroupProfile,
  type Tactic,
  type TargetCategory,
} from './catalog';

/** A native incident input (POST /api/incidents shape) produced by the demo generator. */
export type DemoIncident = z.input<typeof incidentInputSchema> & { source: 'demo'; sourceId: string };

export const SYNTHETIC_NOTE = 'Synthetic demo data, not a real incident.';

/** Moves a town's coordinates by up to `maxDeg`, staying inside the town's monitored region. */
export function jitter(rng: Rng, place: GazetteerEntry, maxDeg: number): { lat: number; lon: number } {
  const region = assignRegion(place);
  for (let attempt = 0; attempt < 8; attempt++) {
    const lat = round(place.lat + (rng.float() * 2 - 1) * maxDeg, 4);
    const lon = round(place.lon + (rng.float() * 2 - 1) * maxDeg, 4);
    if (regionAtPoint(lat, lon) === region) return { lat, lon };
  }
  return { lat: place.lat, lon: place.lon };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Splits a total across security forces, civilians and militants so the parts add up to it. */
function splitCasualties(
  rng: Rng,
  total: number,
  target: TargetCategory,
  clash: boolean,
): { security: number; civilians: number; militants: number } {
  const shares: Record<'security' | 'civilians' | 'militants', number> =
    target === 'security-forces'
      ? { security: 0.7, civilians: 0.08, militants: clash ? 0.45 : 0.05 }
      : target === 'militants'
        ? { security: 0.1, civilians: 0.05, militants: 0.85 }
        : { security: 0.08, civilians: 0.85, militants: 0.05 };
  const out = { security: 0, civilians: 0, militants: 0 };
  const keys = ['security', 'civilians', 'militants'] as const;
  for (let i = 0; i < total; i++) out[rng.weighted(keys.map((k) => [k, shares[k]] as const))]++;
  return out;
}

function claimStatus(rng: Rng, g: GroupProfile): 'claimed' | 'unclaimed' | 'disputed' {
  if (rng.chance(g.claims)) return rng.chance(0.06) ? 'disputed' : 'claimed';
  return 'unclaimed';
}

export interface AttackOptions {
  at: number;
  area: DemoArea;
  sourceId: string;
  /** ACLED time precision; 2 = known to the week only. */
  timePrecision?: 1 | 2;
  /** A town under a burst of attacks: used when the chosen group operates there. */
  hotspot?: string;
}

/** One plausible militant attack in Pakistan at `at`, placed at a gazetteer town of the area. */
export function randomAttack(rng: Rng, o: AttackOptions): DemoIncident {
  const group = rng.weighted(GROUPS[o.area]);
  const places = group.places ? PLACES[o.area].filter(([n]) => group.places!.includes(n)) : PLACES[o.area];
  const inHotspot = o.hotspot !== undefined && places.some(([n]) => n === o.hotspot);
  const place = requirePlace(inHotspot ? o.hotspot! : rng.weighted(places));
  return buildIncident(rng, { ...o, place, group, tactic: rng.weighted(TACTICS) });
}

interface BuildOptions extends AttackOptions {
  place: GazetteerEntry;
  group: GroupProfile;
  tactic: Tactic;
}

function buildIncident(rng: Rng, o: BuildOptions): DemoIncident {
  const { place, group, tactic } = o;
  const geoPrecision = rng.chance(0.8) ? 1 : 2;
  const { lat, lon } = jitter(rng, place, geoPrecision === 1 ? 0.03 : 0.1);
  const target = rng.weighted(tactic.targets);
  const clash = tactic.subEventType === 'Armed clash';
  const killed = tactic.lethality === 0 ? 0 : rng.heavyTail(tactic.lethality, 1.3, 90);
  const injured = tactic.lethality === 0 ? 0 : Math.round(killed * rng.float() * 2.2) + rng.heavyTail(tactic.lethality * 0.8, 1.6, 150);
  const injuredKnown = rng.chance(0.96);
  const precision = o.timePrecision ?? 1;
  const day = new Date(o.at).toISOString().slice(0, 10);
  const what = `${tactic.label} on ${rng.pick(TARGET_PHRASES[target])} near ${place.name}`;
  const casualties = `${killed} killed${injuredKnown ? `, ${injured} injured` : ''}`;
  const outlets = [rng.weighted(OUTLETS)];
  if (rng.chance(0.35)) outlets.push(rng.weighted(OUTLETS.filter(([n]) => n !== outlets[0])));
  const crossBorder =
    o.area === 'kp' && ['Miran Shah', 'Wana', 'Khar', 'Landi Kotal', 'Parachinar'].includes(place.name) && rng.chance(0.08);
  return {
    source: 'demo',
    sourceId: o.sourceId,
    occurredAt: precision === 1 ? new Date(o.at).toISOString() : day,
    timePrecision: precision,
    country: place.country,
    admin1: place.admin1,
    admin2: place.admin2,
    location: place.name,
    lat,
    lon,
    geoPrecision,
    eventType: tactic.eventType,
    subEventType: tactic.subEventType,
    group: group.actor,
    actor2: target === 'security-forces' ? 'Police Forces of Pakistan (2018-)' : null,
    claimStatus: claimStatus(rng, group),
    target,
    killed,
    injured: injuredKnown ? injured : null,
    killedBy: splitCasualties(rng, killed, target, clash),
    injuredBy: injuredKnown ? splitCasualties(rng, injured, target, clash) : undefined,
    crossBorder,
    sources: outlets.map((n) => `${n} (synthetic reference)`),
    sourceScale: rng.weighted(SOURCE_SCALES),
    verification: rng.weighted(VERIFICATION),
    notes: `${SYNTHETIC_NOTE} ${capitalise(what)}; ${casualties}${crossBorder ? '; attackers reportedly crossed from Afghanistan' : ''}.`,
  };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
