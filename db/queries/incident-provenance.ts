import { asc, eq, sql } from 'drizzle-orm';
import { sqlOf, type Db } from '@/db/connection';
import { builder } from '@/db/engine';
import type { Store } from '@/db/store';
import { incidentClaims, incidentSources } from '@/db/schema';
import type { ClaimRecord, SourceRecord } from '@/lib/intake/report-types';
import type { IncidentDetail } from '@/lib/incidents/item';
import type { CasualtySplit } from '@/lib/intake/types';
import { incidentItemById, incidentItemByIdSync } from './incident-rows';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const split = (json: string | null) => (json === null ? null : (JSON.parse(json) as CasualtySplit));

type SourceRow = typeof incidentSources.$inferSelect;
type ClaimRow = typeof incidentClaims.$inferSelect;

const toSourceRecord = (r: SourceRow): SourceRecord => ({
  reportId: r.reportId,
  outlet: r.outlet,
  url: r.url,
  publishedAt: iso(r.publishedAt),
  killed: r.killed,
  injured: r.injured,
  killedBy: split(r.killedBy),
  injuredBy: split(r.injuredBy),
});

const toClaimRecord = (c: ClaimRow): ClaimRecord => ({
  groupId: c.groupId,
  kind: c.kind,
  by: c.by,
  at: new Date(c.at).toISOString(),
  reportId: c.reportId,
});

// Undated records last on both engines: NULLs sort first ascending on SQLite, last on PostgreSQL.
const sourceOrder = [sql`${incidentSources.publishedAt} IS NULL`, asc(incidentSources.publishedAt), asc(incidentSources.id)];
const claimOrder = [asc(incidentClaims.at), asc(incidentClaims.id)];

/** The reports an incident rests on, oldest publication first (undated ones last, in the order they were added). */
export async function listSourceRecords(store: Store, incidentId: number): Promise<SourceRecord[]> {
  const found = await builder(store)
    .select()
    .from(incidentSources)
    .where(eq(incidentSources.incidentId, incidentId))
    .orderBy(...sourceOrder);
  return found.map(toSourceRecord);
}

/** The incident's claims ledger, oldest first. */
export async function listClaims(store: Store, incidentId: number): Promise<ClaimRecord[]> {
  const found = await builder(store)
    .select()
    .from(incidentClaims)
    .where(eq(incidentClaims.incidentId, incidentId))
    .orderBy(...claimOrder);
  return found.map(toClaimRecord);
}

/** One incident with its source records and claims (GET /api/incidents/{id}, the detail panel). */
export async function getIncidentDetail(store: Store, id: number): Promise<IncidentDetail | null> {
  const item = await incidentItemById(store, id);
  return item ? { ...item, sourceRecords: await listSourceRecords(store, id), claims: await listClaims(store, id) } : null;
}

/** listClaims on a SQLite connection, for synchronous SQLite transaction bodies. */
export function listClaimsSync(db: Db, incidentId: number): ClaimRecord[] {
  return db
    .select()
    .from(incidentClaims)
    .where(eq(incidentClaims.incidentId, incidentId))
    .orderBy(...claimOrder)
    .all()
    .map(toClaimRecord);
}

/** getIncidentDetail on a SQLite connection, synchronously (for callers not yet async). */
export function getIncidentDetailSync(store: Store, id: number): IncidentDetail | null {
  const db = sqlOf(store);
  const item = incidentItemByIdSync(db, id);
  if (!item) return null;
  const sources = db
    .select()
    .from(incidentSources)
    .where(eq(incidentSources.incidentId, id))
    .orderBy(...sourceOrder)
    .all()
    .map(toSourceRecord);
  return { ...item, sourceRecords: sources, claims: listClaimsSync(db, id) };
}
