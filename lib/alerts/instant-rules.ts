import { incidentKey } from './dedupe';
import { haversineKm } from './haversine';
import type { MassCasualtyParams, NewActorParams, ProximityParams } from './rule-schema';
import { regionName, scopeFilter } from './scope';
import { DAY_MS, type Firing, type IncidentFacts, type Rule, type Site } from './types';

function incidentFiring(rule: Rule, i: IncidentFacts, summary: string, details: Record<string, unknown>): Firing {
  return {
    ruleId: rule.id,
    dedupeKey: incidentKey(i.id),
    incidentIds: [i.id],
    summary,
    details: { ...details, filter: scopeFilter(rule.scope, i.occurredAt - DAY_MS, i.occurredAt + DAY_MS) },
    at: i.occurredAt,
  };
}

export function evaluateMassCasualty(rule: Rule, p: MassCasualtyParams, i: IncidentFacts): Firing | null {
  const killed = i.killed ?? 0;
  const total = killed + (i.injured ?? 0);
  const byKilled = p.killed !== undefined && killed >= p.killed;
  const byTotal = p.killedPlusInjured !== undefined && total >= p.killedPlusInjured;
  if (!byKilled && !byTotal) return null;
  const threshold = byKilled ? `${p.killed} killed` : `${p.killedPlusInjured} killed + injured`;
  return incidentFiring(
    rule,
    i,
    `Mass casualty: ${killed} killed, ${i.injured ?? 0} injured in ${regionName(i.region)} (threshold ${threshold})`,
    {
      killed,
      injured: i.injured ?? 0,
      thresholdKilled: p.killed ?? null,
      thresholdKilledPlusInjured: p.killedPlusInjured ?? null,
    },
  );
}

/** Barmal and Tajikistan are across the border from Pakistan's point of view. */
export const CROSS_BORDER_REGIONS = ['barmal', 'tajikistan'];

export function evaluateCrossBorder(rule: Rule, i: IncidentFacts): Firing | null {
  const inRegion = i.region !== null && CROSS_BORDER_REGIONS.includes(i.region);
  if (!i.crossBorder && !inRegion) return null;
  const why = i.crossBorder ? 'flagged cross-border' : `in ${regionName(i.region)}`;
  return incidentFiring(rule, i, `Cross-border incident: ${why}`, { crossBorder: i.crossBorder, region: i.region });
}

export function evaluateProximity(rule: Rule, p: ProximityParams, i: IncidentFacts, sites: ReadonlyMap<number, Site>): Firing | null {
  let best: { site: Site; km: number } | null = null;
  for (const id of p.siteIds) {
    const site = sites.get(id);
    if (!site) continue;
    const km = haversineKm(i.lat, i.lon, site.lat, site.lon);
    if (km <= p.radiusKm && (!best || km < best.km)) best = { site, km };
  }
  if (!best) return null;
  const label = best.site.example ? `${best.site.name} (example site)` : best.site.name;
  return incidentFiring(rule, i, `Incident ${best.km.toFixed(1)} km from ${label} (radius ${p.radiusKm} km)`, {
    siteId: best.site.id,
    siteName: best.site.name,
    distanceKm: Math.round(best.km * 100) / 100,
    radiusKm: p.radiusKm,
  });
}

/**
 * New actor: the group's first incident in a monitored region within the last D days.
 * `priorAt` is the latest earlier incident of the same group in the same region, if any.
 */
export function evaluateNewActor(rule: Rule, p: NewActorParams, i: IncidentFacts, priorAt: number | null): Firing | null {
  if (!i.region) return null;
  if (priorAt !== null && priorAt >= i.occurredAt - p.days * DAY_MS) return null;
  return incidentFiring(rule, i, `New actor: ${i.groupId}'s first incident in ${regionName(i.region)} in ${p.days} days`, {
    group: i.groupId,
    region: i.region,
    days: p.days,
    previousAt: priorAt === null ? null : new Date(priorAt).toISOString(),
  });
}
