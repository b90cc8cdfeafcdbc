import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { builder } from '@/db/engine';
import { alertRules, alerts, incidents, meta } from '@/db/schema';
import type { Store } from '@/db/store';
import { ruleCreateSchema } from '@/lib/alerts/rule-schema';

/**
 * Alert rules and incidents written straight through the query builder, so alert tests run on
 * either engine (tests/support/engine.ts) without the rule and ingest services.
 */
const DAY = 86_400_000;

/** A new rules-version token: evaluators reload their cached rule set. */
async function bumpVersion(store: Store): Promise<void> {
  const value = randomUUID();
  await builder(store).insert(meta).values({ key: 'alert_rules_version', value }).onConflictDoUpdate({ target: meta.key, set: { value } });
}

/** A rule from the API's create body (severity defaults to warning); returns its id. */
export async function addRule(store: Store, body: Record<string, unknown>, now: number): Promise<number> {
  const r = ruleCreateSchema.parse({ severity: 'warning', ...body });
  const [{ id }] = await builder(store)
    .insert(alertRules)
    .values({
      name: r.name,
      kind: r.kind,
      severity: r.severity,
      scope: JSON.stringify(r.scope),
      params: JSON.stringify(r.params),
      enabled: r.enabled,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: alertRules.id });
  await bumpVersion(store);
  return id;
}

/** Disables every rule (a test then adds the ones it looks at). */
export async function disableRules(store: Store): Promise<void> {
  await builder(store).update(alertRules).set({ enabled: false });
  await bumpVersion(store);
}

export interface IncidentSeed {
  at: number;
  group?: string;
  /** Defaults to 'kp'; null is outside every region. */
  region?: string | null;
  country?: string;
  killed?: number;
  crossBorder?: boolean;
  lat?: number;
  lon?: number;
}

let serial = 0;

/** Inserts incidents (a TTP suicide bombing in KP unless told otherwise); returns their ids. */
export async function addIncidents(store: Store, list: IncidentSeed[], now: number): Promise<number[]> {
  const got = await builder(store)
    .insert(incidents)
    .values(
      list.map((s) => ({
        source: 'test',
        sourceId: `seed-${serial++}`,
        occurredAt: s.at,
        occurredDay: Math.floor(s.at / DAY),
        country: s.country ?? 'PK',
        lat: s.lat ?? 34.01,
        lon: s.lon ?? 71.58,
        region: s.region === undefined ? 'kp' : s.region,
        eventType: 'Explosions/Remote violence',
        subEventType: 'Suicide bomb',
        groupId: s.group ?? 'ttp',
        killed: s.killed ?? 0,
        injured: 0,
        crossBorder: s.crossBorder ?? false,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .returning({ id: incidents.id });
  return got.map((r) => r.id);
}

export const alertsOfRule = (store: Store, ruleId: number) =>
  builder(store).select().from(alerts).where(eq(alerts.ruleId, ruleId)).orderBy(asc(alerts.id));
