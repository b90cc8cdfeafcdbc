/**
 * An analyst's decision on a cross-dataset proposal (./dataset-matches.ts). Merge: A, the
 * incident stored first, stays (its id, links, alerts and accepted reports keep pointing at it, and
 * B's alerts are linked to it);
 * B becomes one of A's sources: an incident_sources row with B's dataset, id and figures, B's
 * reports' source rows move to A, A gains B's datasets (the `source` filter then finds A under
 * both) and B's independent sources. B leaves the map, counts, exports and the weekly brief
 * through the delete path (outbox 'deleted', audit), archived whole in the proposal, so `undo`
 * restores it under its own id. Reject keeps both. Each decision is audited and reversible.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import { builder, engineOf, execute, transact } from '@/db/engine';
import type { Store } from '@/db/store';
import { events, incidentClaims, incidentMatches, incidents, incidentSources, type IncidentMatchRow, type IncidentRow } from '@/db/schema';
import { getIncident } from '@/db/queries/incidents';
import { getMatch } from '@/db/queries/dataset-matches';
import { datasetMask, datasetOfSource } from '@/lib/datasets/dataset-bits';
import type { MatchItem } from '@/lib/datasets/match-types';
import type { IncidentItem } from '@/lib/incidents/item';
import { AppError, notFound } from '@/lib/errors';
import { audit } from './audit';
import { removeIncident } from './incident-writes';
import { moveAlertLinks, restoreAlertLinks } from './merge-alert-links';

type SourceRow = typeof incidentSources.$inferSelect;
type ClaimRow = typeof incidentClaims.$inferSelect;

/** What a merge keeps of B, so an undo can put everything back. */
export interface MergeArchive {
  incident: IncidentRow;
  item: IncidentItem | null;
  /** B's source rows that went with B (a report already on A), restored on undo. */
  sources: SourceRow[];
  claims: ClaimRow[];
  /** B's source rows moved to A, moved back on undo. */
  movedSourceIds: number[];
  /** The incident_sources row on A that stands for B. */
  recordId: number;
  sourceCountAdded: number;
  /** The alerts B was linked to, linked again on undo (absent in archives written before links moved). */
  alertIds?: number[];
  /** Those of them newly linked to A by the merge (not already A's), unlinked from A on undo. */
  movedAlertIds?: number[];
}

export interface DecisionContext {
  actor: string;
  now?: number;
}

const DATASET_LABEL: Record<string, string> = { acled: 'ACLED', ucdp: 'UCDP GED', gtd: 'GTD', report: 'Report', api: 'API', demo: 'Demo' };

const conflict = (message: string) => new AppError('conflict', message);

/** The proposal, held until the transaction ends (PostgreSQL: FOR UPDATE; SQLite's BEGIN IMMEDIATE holds everything). */
async function lockMatch(tx: Store, id: number): Promise<IncidentMatchRow> {
  if (engineOf(tx) === 'postgres') await execute(tx, sql`SELECT 1 FROM incident_matches WHERE id = ${id} FOR UPDATE`);
  const [m] = await builder(tx).select().from(incidentMatches).where(eq(incidentMatches.id, id));
  if (!m) throw notFound(`Match ${id} does not exist.`);
  return m;
}

async function incidentRow(tx: Store, id: number): Promise<IncidentRow | undefined> {
  if (engineOf(tx) === 'postgres') await execute(tx, sql`SELECT 1 FROM incidents WHERE id = ${id} FOR UPDATE`);
  return (await builder(tx).select().from(incidents).where(eq(incidents.id, id)))[0];
}

function parseSources(s: string): string[] {
  try {
    const v: unknown = JSON.parse(s);
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}

/** B as one source record of A: its dataset and id, its first web source, its figures. */
function sourceRecord(b: IncidentRow, incidentId: number, now: number) {
  const split = (s: number | null, c: number | null, m: number | null) =>
    s === null && c === null && m === null ? null : JSON.stringify({ security: s, civilians: c, militants: m });
  return {
    incidentId,
    reportId: null,
    outlet: `${DATASET_LABEL[datasetOfSource(b.source)]} ${b.sourceId}`.slice(0, 200),
    url: parseSources(b.sources).find((s) => /^https?:\/\//.test(s)) ?? null,
    publishedAt: null,
    killed: b.killed,
    injured: b.injured,
    killedBy: split(b.killedSecurity, b.killedCivilians, b.killedMilitants),
    injuredBy: split(b.injuredSecurity, b.injuredCivilians, b.injuredMilitants),
    createdAt: now,
  };
}

const outbox = (tx: Store, refId: number, action: 'created' | 'updated', now: number) =>
  builder(tx).insert(events).values({ type: 'incident', refId, action, createdAt: now });

/** Merges B into A (a proposed match only). */
export async function mergeMatch(store: Store, id: number, ctx: DecisionContext): Promise<MatchItem> {
  const now = ctx.now ?? Date.now();
  return transact(store, async (tx) => {
    const m = await lockMatch(tx, id);
    if (m.status !== 'proposed') throw conflict(`Match ${id} is ${m.status}; only a proposed match can be merged.`);
    const a = await incidentRow(tx, m.incidentA);
    const b = await incidentRow(tx, m.incidentB);
    if (!a || !b) throw conflict(`Incident ${a ? m.incidentB : m.incidentA} of match ${id} no longer exists.`);
    const db = builder(tx);
    const item = await getIncident(tx, b.id);
    const bSources = await db.select().from(incidentSources).where(eq(incidentSources.incidentId, b.id));
    const claims = await db.select().from(incidentClaims).where(eq(incidentClaims.incidentId, b.id));
    const onA = new Set(
      (await db.select({ r: incidentSources.reportId }).from(incidentSources).where(eq(incidentSources.incidentId, a.id))).map((r) => r.r),
    );
    const moved = bSources.filter((s) => s.reportId === null || !onA.has(s.reportId)).map((s) => s.id);
    if (moved.length) await db.update(incidentSources).set({ incidentId: a.id }).where(inArray(incidentSources.id, moved));
    const [record] = await db
      .insert(incidentSources)
      .values(sourceRecord(b, a.id, now))
      .returning({ id: incidentSources.id });
    const before = await getIncident(tx, a.id);
    // The mask is a whole number from lib/datasets, inlined so both engines read `|` on integers.
    const mask = sql.raw(String(datasetMask(b.source, b.mergedDatasets)));
    await db
      .update(incidents)
      .set({
        mergedDatasets: sql`${incidents.mergedDatasets} | ${mask}`,
        sourceCount: sql`${incidents.sourceCount} + ${b.sourceCount}`,
        updatedAt: now,
      })
      .where(eq(incidents.id, a.id));
    await outbox(tx, a.id, 'updated', now);
    const links = await moveAlertLinks(tx, b.id, a.id);
    await removeIncident(tx, b.id, now, ctx.actor, `merged into #${a.id} (match ${id})`);
    const archive: MergeArchive = {
      incident: b,
      item,
      sources: bSources.filter((s) => !moved.includes(s.id)),
      claims,
      movedSourceIds: moved,
      recordId: record.id,
      sourceCountAdded: b.sourceCount,
      ...links,
    };
    await db
      .update(incidentMatches)
      .set({ status: 'merged', decidedBy: ctx.actor, decidedAt: now, archived: JSON.stringify(archive) })
      .where(eq(incidentMatches.id, id));
    await audit(tx, {
      actor: ctx.actor,
      action: 'merge',
      entity: 'incident-match',
      entityId: id,
      before,
      after: await getIncident(tx, a.id),
      at: now,
    });
    return (await getMatch(tx, id))!;
  });
}

/** Marks the pair as two events (a proposed match only). */
export async function rejectMatch(store: Store, id: number, ctx: DecisionContext): Promise<MatchItem> {
  const now = ctx.now ?? Date.now();
  return transact(store, async (tx) => {
    const m = await lockMatch(tx, id);
    if (m.status !== 'proposed') throw conflict(`Match ${id} is ${m.status}; only a proposed match can be rejected.`);
    await builder(tx)
      .update(incidentMatches)
      .set({ status: 'rejected', decidedBy: ctx.actor, decidedAt: now })
      .where(eq(incidentMatches.id, id));
    await audit(tx, { actor: ctx.actor, action: 'reject', entity: 'incident-match', entityId: id, at: now });
    return (await getMatch(tx, id))!;
  });
}

/** A's datasets from its origin's and the other merges still standing. */
async function mergedMaskWithout(tx: Store, a: number, matchId: number): Promise<number> {
  const others = await builder(tx)
    .select({ id: incidentMatches.id, archived: incidentMatches.archived })
    .from(incidentMatches)
    .where(eq(incidentMatches.incidentA, a));
  let mask = 0;
  for (const o of others) {
    if (o.id === matchId || !o.archived) continue;
    const b = (JSON.parse(o.archived) as MergeArchive).incident;
    mask |= datasetMask(b.source, b.mergedDatasets);
  }
  return mask;
}

/** Restores a merged-away B under its id, with its claims and source rows, and takes its part out of A. */
async function unmerge(tx: Store, m: IncidentMatchRow, ctx: DecisionContext, now: number): Promise<void> {
  const archive = JSON.parse(m.archived!) as MergeArchive;
  const b = archive.incident;
  const db = builder(tx);
  const [taken] = await db
    .select({ id: incidents.id })
    .from(incidents)
    .where(sql`${incidents.source} = ${b.source} AND ${incidents.sourceId} = ${b.sourceId}`);
  if (taken) throw conflict(`Incident ${b.source} ${b.sourceId} was stored again (#${taken.id}); it cannot be restored beside it.`);
  await db.insert(incidents).values(b);
  if (archive.claims.length) await db.insert(incidentClaims).values(archive.claims);
  if (archive.sources.length) await db.insert(incidentSources).values(archive.sources);
  if (archive.movedSourceIds.length)
    await db.update(incidentSources).set({ incidentId: b.id }).where(inArray(incidentSources.id, archive.movedSourceIds));
  await db.delete(incidentSources).where(eq(incidentSources.id, archive.recordId));
  await restoreAlertLinks(tx, { ...archive, incidentB: b.id }, m.incidentA);
  const a = await incidentRow(tx, m.incidentA);
  if (a) {
    await db
      .update(incidents)
      .set({
        mergedDatasets: await mergedMaskWithout(tx, a.id, m.id),
        sourceCount: Math.max(1, a.sourceCount - archive.sourceCountAdded),
        updatedAt: now,
      })
      .where(eq(incidents.id, a.id));
    await outbox(tx, a.id, 'updated', now);
  }
  await outbox(tx, b.id, 'created', now);
  await audit(tx, { actor: ctx.actor, action: 'restore', entity: 'incident', entityId: b.id, after: await getIncident(tx, b.id), at: now });
}

/** Takes a decision back: a merge is undone (B restored), a rejection reopened; both return to proposed. */
export async function undoMatch(store: Store, id: number, ctx: DecisionContext): Promise<MatchItem> {
  const now = ctx.now ?? Date.now();
  return transact(store, async (tx) => {
    const m = await lockMatch(tx, id);
    if (m.status === 'proposed') throw conflict(`Match ${id} is not decided; there is nothing to undo.`);
    if (m.status === 'merged') await unmerge(tx, m, ctx, now);
    await builder(tx)
      .update(incidentMatches)
      .set({ status: 'proposed', decidedBy: null, decidedAt: null, archived: null })
      .where(eq(incidentMatches.id, id));
    await audit(tx, {
      actor: ctx.actor,
      action: m.status === 'merged' ? 'unmerge' : 'reopen',
      entity: 'incident-match',
      entityId: id,
      at: now,
    });
    return (await getMatch(tx, id))!;
  });
}
