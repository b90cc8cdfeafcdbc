import { asc, eq, sql } from 'drizzle-orm';
import { sqlOf } from '@/db/connection';
import type { Store } from '@/db/store';
import { incidentClaims, incidentSources } from '@/db/schema';
import type { ClaimRecord, SourceRecord } from '@/lib/intake/report-types';
import type { IncidentDetail } from '@/lib/incidents/item';
import type { CasualtySplit } from '@/lib/intake/types';
import { incidentItemById } from './incident-rows';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const split = (json: string | null) => (json === null ? null : (JSON.parse(json) as CasualtySplit));

/** The reports an incident rests on, oldest publication first (undated ones last, in the order they were added). */
export function listSourceRecords(store: Store, incidentId: number): SourceRecord[] {
  return sqlOf(store)
    .select()
    .from(incidentSources)
    .where(eq(incidentSources.incidentId, incidentId))
    .orderBy(sql`${incidentSources.publishedAt} IS NULL`, asc(incidentSources.publishedAt), asc(incidentSources.id))
    .all()
    .map((r) => ({
      reportId: r.reportId,
      outlet: r.outlet,
      url: r.url,
      publishedAt: iso(r.publishedAt),
      killed: r.killed,
      injured: r.injured,
      killedBy: split(r.killedBy),
      injuredBy: split(r.injuredBy),
    }));
}

/** The incident's claims ledger, oldest first. */
export function listClaims(store: Store, incidentId: number): ClaimRecord[] {
  return sqlOf(store)
    .select()
    .from(incidentClaims)
    .where(eq(incidentClaims.incidentId, incidentId))
    .orderBy(asc(incidentClaims.at), asc(incidentClaims.id))
    .all()
    .map((c) => ({ groupId: c.groupId, kind: c.kind, by: c.by, at: new Date(c.at).toISOString(), reportId: c.reportId }));
}

/** One incident with its source records and claims (GET /api/incidents/{id}, the detail panel). */
export function getIncidentDetail(store: Store, id: number): IncidentDetail | null {
  const item = incidentItemById(store, id);
  return item ? { ...item, sourceRecords: listSourceRecords(store, id), claims: listClaims(store, id) } : null;
}
