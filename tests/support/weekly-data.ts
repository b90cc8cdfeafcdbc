import type { Db } from '@/db/connection';
import { builder, engineOf, transact } from '@/db/engine';
import { alertRules, alerts } from '@/db/schema';
import type { Store } from '@/db/store';
import { incidentInputSchema, type IncidentInput } from '@/lib/incidents/input';
import { normalizeIncident } from '@/lib/incidents/normalize';
import { loadGroupMatcher, loadGroupMatcherSync, writeIncidents, writeIncidentsSync, type Dataset } from '@/db/services/ingest';
import { dayNumber, dayToDate } from '@/lib/time/zone';

/** Deterministic PRNG (mulberry32) so every run generates the same varied data set. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  return { next, int, pick };
}

const PLACES = [
  { country: 'PK', admin1: 'Khyber Pakhtunkhwa', admin2: 'Bannu', location: 'Bannu', lat: 32.985, lon: 70.604 },
  { country: 'PK', admin1: 'Khyber Pakhtunkhwa', admin2: 'North Waziristan', location: 'Miran Shah', lat: 33.001, lon: 70.071 },
  { country: 'PK', admin1: 'Balochistan', admin2: 'Quetta', location: 'Quetta', lat: 30.184, lon: 67.001 },
  { country: 'PK', admin1: 'Balochistan', admin2: 'Kech', location: 'Turbat', lat: 26.001, lon: 63.048 },
  { country: 'AF', admin1: 'Paktika', admin2: 'Barmal', location: 'Angur Adda', lat: 32.5156, lon: 69.2825 },
  { country: 'TJ', admin1: 'Khatlon', admin2: null, location: 'Bokhtar', lat: 37.837, lon: 68.778 },
  { country: 'PK', admin1: 'Punjab', admin2: 'Lahore', location: '=HYPERLINK("x")', lat: 31.55, lon: 74.34 },
] as const;

const EVENTS = [
  ['Explosions/Remote violence', 'Suicide bomb'],
  ['Explosions/Remote violence', 'Remote explosive/landmine/IED'],
  ['Battles', 'Armed clash'],
  ['Violence against civilians', 'Attack'],
  ['Explosions/Remote violence', 'Air/drone strike'],
] as const;

const GROUPS = ['TTP', 'TTP', 'TTP', 'BLA', 'ISKP', 'TJP', 'Unidentified Armed Group', 'Hafiz Gul Bahadur'];

/** An occurrence near a day boundary in Karachi (19:00Z) or a bare date, to stress zone handling. */
function occurrence(r: ReturnType<typeof rng>, day: number): string {
  const roll = r.next();
  if (roll < 0.25) return dayToDate(day);
  const minutes = roll < 0.5 ? 18 * 60 + r.int(30, 89) : r.int(0, 24 * 60 - 1);
  return new Date(day * 86_400_000 + minutes * 60_000).toISOString().replace('.000Z', 'Z');
}

export function generateInputs(seed: number, count: number, fromDate: string, toDate: string): IncidentInput[] {
  const r = rng(seed);
  const from = dayNumber(fromDate);
  const to = dayNumber(toDate);
  return Array.from({ length: count }, (_, i) => {
    const place = r.pick(PLACES);
    const [eventType, subEventType] = r.pick(EVENTS);
    const killed = r.next() < 0.15 ? null : r.int(0, 12);
    const injured = r.next() < 0.2 ? null : r.int(0, 20);
    const split = killed !== null && r.next() < 0.5;
    const day = r.int(from, to);
    return incidentInputSchema.parse({
      source: 'gen',
      sourceId: `gen-${seed}-${i}`,
      occurredAt: occurrence(r, day),
      timePrecision: r.pick([1, 1, 1, 1, 2, 3]),
      ...place,
      eventType,
      subEventType,
      // An actor appearing in Tajikistan only in the last weeks, to exercise "new actors".
      group: place.country === 'TJ' && day > to - 30 && r.next() < 0.5 ? 'Jaish ul-Adl' : r.pick(GROUPS),
      claimStatus: r.pick(['claimed', 'unclaimed', 'unclaimed', 'disputed']),
      killed,
      injured,
      killedBy: split ? { security: Math.floor(killed / 2), civilians: killed - Math.floor(killed / 2) - (killed > 3 ? 1 : 0) } : undefined,
      injuredBy: injured !== null && r.next() < 0.3 ? { militants: Math.min(injured, 2) } : undefined,
      crossBorder: r.next() < 0.1,
      notes: i % 11 === 0 ? '+cmd|calc' : null,
    });
  });
}

/** Writes inputs through the product's own normalize + ingest path, split across the three datasets. */
export function writeGenerated(db: Db, inputs: IncidentInput[], timeZone: string): void {
  const matcher = loadGroupMatcherSync(db);
  const normalized = inputs.map((input, i) => normalizeIncident(input, { matcher, timeZone, sourceId: `gen-${i}` }));
  const sets: Dataset[] = ['demo', 'import', 'live'];
  db.transaction(
    () => {
      sets.forEach((dataset, k) =>
        writeIncidentsSync(
          db,
          normalized.filter((_, i) => i % 3 === k),
          { dataset },
        ),
      );
    },
    { behavior: 'immediate' },
  );
}

/**
 * writeGenerated into the store under test, either engine: SQLite takes the synchronous path
 * above, PostgreSQL the async one (the same normalisation and upsert, in one transaction), and
 * its triggers build its own day rollup from the rows.
 */
export async function seedGenerated(store: Store, inputs: IncidentInput[], timeZone: string): Promise<void> {
  if (engineOf(store) === 'sqlite') return writeGenerated(store as Db, inputs, timeZone);
  const matcher = await loadGroupMatcher(store);
  const normalized = inputs.map((input, i) => normalizeIncident(input, { matcher, timeZone, sourceId: `gen-${i}` }));
  const sets: Dataset[] = ['demo', 'import', 'live'];
  await transact(store, async (tx) => {
    for (const [k, dataset] of sets.entries())
      await writeIncidents(
        tx,
        normalized.filter((_, i) => i % 3 === k),
        { dataset },
      );
  });
}

/** One rule and alerts fired at the given instants. */
export async function insertAlerts(store: Store, firedAt: number[]): Promise<void> {
  const now = Date.now();
  const db = builder(store);
  const [rule] = await db
    .insert(alertRules)
    .values({ name: 'Mass casualty', kind: 'mass-casualty', severity: 'critical', createdAt: now, updatedAt: now })
    .returning();
  for (const [i, t] of firedAt.entries())
    await db.insert(alerts).values({ ruleId: rule.id, dedupeKey: `k${i}`, severity: 'critical', firedAt: t, summary: `Alert ${i}` });
}
