import type { Db } from '@/db/connection';
import { inImmediateTransaction } from '@/db/services/transaction';
import { loadGroupMatcher, writeIncidents } from '@/db/services/ingest';
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
  const matcher = loadGroupMatcher(db);
  const rows = bodies.map((b) => {
    const input: IncidentInput = incidentInputSchema.parse(b);
    return normalizeIncident(input, { matcher, timeZone, sourceId: input.sourceId ?? `f-${++seq}` });
  });
  return inImmediateTransaction(db, (tx) => writeIncidents(tx, rows, { dataset: 'live' }).changedIds);
}
