import { and, desc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { builder } from '@/db/engine';
import type { Store } from '@/db/store';
import { incidentMatches, type IncidentMatchRow } from '@/db/schema';
import type { IncidentItem } from '@/lib/incidents/item';
import type { MatchItem, MatchPage, MatchStatus } from '@/lib/datasets/match-types';
import { incidentItemsByIds } from './incident-rows';

/** The archive fields the list reads (db/services/dataset-merge.ts writes the whole archive). */
interface ArchivedItem {
  item: IncidentItem;
}

/** Both sides as items: A (and a proposed or rejected B) as stored now, a merged B as archived. */
async function toItems(store: Store, found: IncidentMatchRow[]): Promise<MatchItem[]> {
  const ids = [...new Set(found.flatMap((m) => [m.incidentA, m.incidentB]))];
  const byId = new Map((await incidentItemsByIds(store, ids)).map((i) => [i.id, i]));
  return found.map((m) => ({
    id: m.id,
    status: m.status,
    score: m.score,
    dayGap: m.dayGap,
    distanceKm: m.distanceKm,
    typeCompatibility: m.typeCompatibility,
    actorSimilarity: m.actorSimilarity,
    datasetA: m.datasetA,
    datasetB: m.datasetB,
    importBatchId: m.importBatchId,
    decidedBy: m.decidedBy,
    decidedAt: m.decidedAt === null ? null : new Date(m.decidedAt).toISOString(),
    createdAt: new Date(m.createdAt).toISOString(),
    incidentA: byId.get(m.incidentA) ?? null,
    incidentB: m.status === 'merged' && m.archived ? (JSON.parse(m.archived) as ArchivedItem).item : (byId.get(m.incidentB) ?? null),
  }));
}

/**
 * Proposals newest first, `limit` per page after the `cursor` id. Proposed pairs are listed only
 * while both incidents exist (one deleted or merged elsewhere leaves nothing to decide).
 */
export async function listMatches(store: Store, q: { status?: MatchStatus; limit: number; cursor?: number }): Promise<MatchPage> {
  const conds: (SQL | undefined)[] = [q.status ? eq(incidentMatches.status, q.status) : undefined];
  if (q.cursor !== undefined) conds.push(lt(incidentMatches.id, q.cursor));
  const alive = (col: SQL | typeof incidentMatches.incidentA | typeof incidentMatches.incidentB) =>
    sql`EXISTS (SELECT 1 FROM incidents x WHERE x.id = ${col})`;
  conds.push(
    sql`(${incidentMatches.status} <> 'proposed' OR (${alive(incidentMatches.incidentA)} AND ${alive(incidentMatches.incidentB)}))`,
  );
  const found = await builder(store)
    .select()
    .from(incidentMatches)
    .where(and(...conds))
    .orderBy(desc(incidentMatches.id))
    .limit(q.limit + 1);
  const page = found.slice(0, q.limit);
  return { items: await toItems(store, page), nextCursor: found.length > q.limit ? page[page.length - 1].id : null };
}

export async function getMatch(store: Store, id: number): Promise<MatchItem | null> {
  const found = await builder(store).select().from(incidentMatches).where(eq(incidentMatches.id, id));
  return found.length ? (await toItems(store, found))[0] : null;
}

/** Open proposals per incident, for a badge beside an incident (ids without any are left out). */
export async function openMatchCounts(store: Store, ids: readonly number[]): Promise<Map<number, number>> {
  if (!ids.length) return new Map();
  const found = await builder(store)
    .select({ a: incidentMatches.incidentA, b: incidentMatches.incidentB })
    .from(incidentMatches)
    .where(and(eq(incidentMatches.status, 'proposed'), inArray(incidentMatches.incidentB, [...ids])));
  const out = new Map<number, number>();
  for (const r of found) out.set(r.b, (out.get(r.b) ?? 0) + 1);
  return out;
}
