import { Rng, mixSeed } from './prng';
import { AREA_SHARE, PLACES, type DemoArea } from './catalog';
import { randomAttack, type DemoIncident } from './incident';
import { frontierExtras } from './frontier';
import { alertShowcase } from './alert-showcase';

export const DEMO_SEED = 20240521;
export const DEMO_START_YEAR = 2023;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/**
 * Attacks in Pakistan per calendar year, hit exactly by construction: 2023 ≈ 303 and
 * 2024 = 521 (+72%) are the published aggregates; later years run slightly higher.
 */
export function pakistanTarget(year: number): number {
  if (year === 2023) return 303;
  if (year === 2024) return 521;
  if (year === 2025) return 575;
  return 600;
}

/** Per-area counts for a year: largest-remainder rounding, so they add up to the target exactly. */
export function areaCounts(total: number): Record<DemoArea, number> {
  const areas = Object.keys(AREA_SHARE) as DemoArea[];
  const raw = areas.map((a) => total * AREA_SHARE[a]);
  const out = areas.map((_, i) => Math.floor(raw[i]));
  const order = areas.map((_, i) => i).sort((a, b) => raw[b] - out[b] - (raw[a] - out[a]));
  const missing = total - out.reduce((s, n) => s + n, 0);
  for (let k = 0; k < missing; k++) out[order[k]]++;
  return Object.fromEntries(areas.map((a, i) => [a, out[i]])) as Record<DemoArea, number>;
}

interface Burst {
  centre: number;
  area: DemoArea;
  town: string;
}

/** Day weights for a year: a rising trend plus a few multi-day bursts (offensives, retaliation waves). */
function dayWeights(rng: Rng, days: number): { weights: number[]; bursts: Burst[] } {
  const weights = Array.from({ length: days }, (_, d) => 1 + 0.3 * (d / days));
  const bursts: Burst[] = [];
  for (let b = 0; b < 6; b++) {
    const centre = rng.int(0, days - 1);
    const strength = 3 + rng.float() * 5;
    for (let d = Math.max(0, centre - 4); d <= Math.min(days - 1, centre + 4); d++)
      weights[d] += strength * Math.exp(-Math.abs(d - centre) / 1.5);
    const area: DemoArea = rng.chance(0.65) ? 'kp' : 'balochistan';
    bursts.push({ centre, area, town: rng.weighted(PLACES[area]) });
  }
  return { weights, bursts };
}

function sampleInstants(rng: Rng, year: number, n: number): { instants: number[]; bursts: Burst[] } {
  const start = Date.UTC(year, 0, 1);
  const days = Math.round((Date.UTC(year + 1, 0, 1) - start) / DAY_MS);
  const { weights, bursts } = dayWeights(rng, days);
  const cumulative: number[] = [];
  weights.reduce((s, x, i) => (cumulative[i] = s + x), 0);
  const total = cumulative[days - 1];
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = rng.float() * total;
    let lo = 0;
    let hi = days - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > r) hi = mid;
      else lo = mid + 1;
    }
    // Mostly daytime in Pakistan (UTC+5): 01:00–17:59 UTC.
    out.push(start + lo * DAY_MS + rng.int(1, 17) * HOUR_MS + rng.int(0, 59) * 60_000);
  }
  return { instants: out.sort((a, b) => a - b), bursts: bursts.map((b) => ({ ...b, centre: start + b.centre * DAY_MS })) };
}

/** The burst town for an attack near a burst centre in the same area, half of the time. */
function hotspotFor(rng: Rng, bursts: Burst[], at: number, area: DemoArea): string | undefined {
  const burst = bursts.find((b) => b.area === area && Math.abs(at - b.centre) <= 3 * DAY_MS);
  return burst && rng.chance(0.5) ? burst.town : undefined;
}

/** The full synthetic year of Pakistani attacks; stable ids `demo-YYYY-NNNNN` in time order. */
export function pakistanYear(seed: number, year: number): DemoIncident[] {
  const rng = new Rng(mixSeed(seed, 'pk', year));
  const counts = areaCounts(pakistanTarget(year));
  const areas = (Object.keys(counts) as DemoArea[]).flatMap((a) => Array<DemoArea>(counts[a]).fill(a));
  // Shuffle areas over the sorted instants (Fisher–Yates) so every area spans the year.
  for (let i = areas.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [areas[i], areas[j]] = [areas[j], areas[i]];
  }
  const { instants, bursts } = sampleInstants(rng, year, areas.length);
  return instants.map((at, i) =>
    randomAttack(rng, {
      at,
      area: areas[i],
      sourceId: `demo-${year}-${String(i + 1).padStart(5, '0')}`,
      timePrecision: rng.chance(0.05) ? 2 : 1,
      hotspot: hotspotFor(rng, bursts, at, areas[i]),
    }),
  );
}

/**
 * A steady trickle over the last week so the live map's 24 h and 7 d presets are never
 * empty: one attack per 12-hour slot, keyed by the slot so re-seeding later is stable.
 */
export function recentTail(seed: number, now: number): DemoIncident[] {
  const slotMs = 12 * HOUR_MS;
  const last = Math.floor(now / slotMs);
  const out: DemoIncident[] = [];
  for (let slot = last - 13; slot <= last; slot++) {
    const rng = new Rng(mixSeed(seed, 'tail', slot));
    const at = slot * slotMs + rng.int(0, slotMs / 60_000 - 1) * 60_000;
    if (at > now) continue;
    const area = rng.weighted((Object.keys(AREA_SHARE) as DemoArea[]).map((a) => [a, AREA_SHARE[a]] as const));
    out.push(randomAttack(rng, { at, area, sourceId: `demo-live-${slot}` }));
  }
  return out;
}

export interface GenerateOptions {
  /** Generation stops at this instant (ms); defaults to Date.now(). */
  now?: number;
  seed?: number;
}

/**
 * The deterministic synthetic demo data set from 2023-01-01 to `now`: same seed and now,
 * same rows; rows before an earlier `now` never change when `now` moves on.
 */
export function generateDemoIncidents(opts: GenerateOptions = {}): DemoIncident[] {
  const now = opts.now ?? Date.now();
  const seed = opts.seed ?? DEMO_SEED;
  const lastYear = new Date(now).getUTCFullYear();
  const rows: DemoIncident[] = [];
  for (let year = DEMO_START_YEAR; year <= lastYear; year++) rows.push(...pakistanYear(seed, year), ...frontierExtras(seed, year));
  rows.push(...recentTail(seed, now), ...alertShowcase(now));
  return rows.filter((r) => instantOf(r.occurredAt) <= now);
}

/** Instant of an occurredAt value (bare dates count as 12:00 UTC, as normalizeIncident stores them). */
export function instantOf(occurredAt: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(occurredAt) ? Date.parse(`${occurredAt}T12:00:00Z`) : Date.parse(occurredAt);
}
