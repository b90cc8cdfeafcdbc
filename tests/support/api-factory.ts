import type { Db } from '@/db/connection';
import { inImmediateTransaction } from '@/db/services/transaction';
import { loadGroupMatcher, loadGroupMatcherSync, writeIncidents, writeIncidentsSync } from '@/db/services/ingest';
import { transact } from '@/db/engine';
import type { Store } from '@/db/store';
import { incidentInputSchema, type IncidentInput } from '@/lib/incidents/input';
import { normalizeIncident } from '@/lib/incidents/normalize';

let seq = 0;

/** A valid POST /api/incidents body (TTP IED in Peshawar) with overrides. */
export function incidentBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  seq++;
  return {
    sourceId: `t-${seq}`,
    occurredAt: '2024-12-15T10:00:00Z',
    country: 'PK',
    admin1: 'Khyber Pakhtunkhwa',
    admin2: 'Peshawar',
    location: 'Peshawar',
    lat: 34.01,
    lon: 71.58,
    eventType: 'Explosions/Remote violence',
    subEventType: 'Remote explosive/landmine/IED',
    group: 'ttp',
    killed: 2,
    injured: 3,
    notes: 'Roadside bomb hit a police van.',
    sources: ['Dawn'],
    ...over,
  };
}

/** Inserts incidents through the real validation + normalisation + upsert path; returns their ids. */
export function insertIncidents(db: Db, bodies: Record<string, unknown>[], timeZone = 'Asia/Karachi'): number[] {
  const matcher = loadGroupMatcherSync(db);
  const rows = bodies.map((b) => {
    const input: IncidentInput = incidentInputSchema.parse(b);
    return normalizeIncident(input, { matcher, timeZone, sourceId: input.sourceId ?? `f-${++seq}` });
  });
  return inImmediateTransaction(db, (tx) => writeIncidentsSync(tx, rows, { dataset: 'live' }).changedIds);
}

/**
 * insertIncidents on the store of either engine (tests/support/engine.ts): the same validation,
 * normalisation and upsert path, in one write transaction; returns the ids inserted or changed.
 */
export async function storeIncidents(store: Store, bodies: Record<string, unknown>[], timeZone = 'Asia/Karachi'): Promise<number[]> {
  const matcher = await loadGroupMatcher(store);
  const rows = bodies.map((b) => {
    const input: IncidentInput = incidentInputSchema.parse(b);
    return normalizeIncident(input, { matcher, timeZone, sourceId: input.sourceId ?? `f-${++seq}` });
  });
  return transact(store, async (tx) => (await writeIncidents(tx, rows, { dataset: 'live' })).changedIds);
}
