/**
 * Cross-dataset match proposals at import (issue 22, "One event, several datasets"). An import
 * writes its rows as always; then each row it inserted is compared with the stored incidents of
 * other datasets near it in time and place (lib/datasets/match-score.ts) and the best few pairs
 * are stored as `proposed` in incident_matches for an analyst to merge or reject
 * (./dataset-merge.ts). Nothing is merged silently, with one exception an analyst already
 * decided: a row whose merged-away twin is re-imported (same source and id) is folded into the
 * incident it was merged into again.
 */
import { and, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import { builder } from '@/db/engine';
import type { Store } from '@/db/store';
import { incidentMatches, incidents } from '@/db/schema';
import { matchRows, nearbyForMatch, type MatchCandidate } from '@/db/queries/dataset-match-candidates';
import { DATASET_BIT, datasetMask, datasetOfSource } from '@/lib/datasets/dataset-bits';
import { dayRange } from '@/lib/datasets/day-range';
import { compareDatasetRows, MAX_MATCHES_PER_INCIDENT, type MatchVerdict } from '@/lib/datasets/match-score';
import { removeIncident } from './incident-writes';
import type { MergeArchive } from './dataset-merge';

export const matchKey = (source: string, sourceId: string): string => `${source}:${sourceId}`;

/**
 * True when some stored incident has a source other than `sources`: a probe of the
 * (source, source_id) index per gap between them, so an import into a database of one dataset
 * pays a few index seeks, not a candidate search per row.
 */
async function otherSourceExists(tx: Store, sources: readonly string[]): Promise<boolean> {
  const sorted = [...new Set(sources)].sort();
  const probe = async (cond: ReturnType<typeof lt> | undefined) =>
    (
      await builder(tx)
        .select({ one: sql<number>`1` })
        .from(incidents)
        .where(cond)
        .limit(1)
    ).length > 0;
  if (await probe(lt(incidents.source, sorted[0]))) return true;
  for (let i = 0; i < sorted.length; i++) {
    const next = sorted[i + 1];
    if (
      await probe(next === undefined ? gt(incidents.source, sorted[i]) : and(gt(incidents.source, sorted[i]), lt(incidents.source, next)))
    )
      return true;
  }
  return false;
}

/** Re-imported rows of merged-away incidents go back into the incident they were merged into. */
async function foldReimported(tx: Store, fresh: MatchCandidate[], keys: Map<number, string>, now: number): Promise<Set<number>> {
  const folded = new Set<number>();
  const byKey = new Map(fresh.map((r) => [keys.get(r.id)!, r]));
  const list = [...byKey.keys()];
  for (let i = 0; i < list.length; i += 500) {
    const merged = await builder(tx)
      .select({ id: incidentMatches.id, a: incidentMatches.incidentA, bKey: incidentMatches.bKey, archived: incidentMatches.archived })
      .from(incidentMatches)
      .innerJoin(incidents, eq(incidents.id, incidentMatches.incidentA))
      .where(and(inArray(incidentMatches.bKey, list.slice(i, i + 500)), eq(incidentMatches.status, 'merged')));
    for (const m of merged) {
      const row = byKey.get(m.bKey)!;
      if (folded.has(row.id)) continue;
      const [full] = await builder(tx).select().from(incidents).where(eq(incidents.id, row.id));
      await removeIncident(tx, row.id, now, 'system', `re-import of an incident merged into #${m.a} (match ${m.id})`);
      // The archive keeps the newest version of the row, under the id an unmerge restores.
      const archive = JSON.parse(m.archived!) as MergeArchive;
      archive.incident = { ...full, id: archive.incident.id };
      await builder(tx)
        .update(incidentMatches)
        .set({ archived: JSON.stringify(archive) })
        .where(eq(incidentMatches.id, m.id));
      folded.add(row.id);
    }
  }
  return folded;
}

interface Proposal {
  a: MatchCandidate;
  verdict: MatchVerdict;
}

/** The best pairs for one incoming row among stored incidents of other datasets. */
async function proposalsFor(tx: Store, row: MatchCandidate, skip: Set<number>): Promise<Proposal[]> {
  const bit = DATASET_BIT[datasetOfSource(row.source)];
  const found: Proposal[] = [];
  for (const a of await nearbyForMatch(tx, row, dayRange(row))) {
    if (skip.has(a.id) || datasetMask(a.source, a.mergedDatasets) & bit) continue;
    const verdict = compareDatasetRows(a, row);
    if (verdict) found.push({ a, verdict });
  }
  found.sort((x, y) => y.verdict.score - x.verdict.score || x.verdict.distanceKm - y.verdict.distanceKm || x.a.id - y.a.id);
  return found.slice(0, MAX_MATCHES_PER_INCIDENT);
}

/**
 * Proposes matches for the incidents an import inserted, inside its transaction; returns how
 * many proposals were stored. A pair proposed (or decided) before is not proposed again.
 */
export async function proposeDatasetMatches(
  tx: Store,
  insertedIds: readonly number[],
  opts: { importBatchId: number | null; now: number },
): Promise<number> {
  if (!insertedIds.length) return 0;
  const fresh = await matchRows(tx, insertedIds);
  if (!fresh.length) return 0;
  const keys = new Map(fresh.map((r) => [r.id, matchKey(r.source, r.sourceId)]));
  if (
    !(await otherSourceExists(
      tx,
      fresh.map((r) => r.source),
    ))
  )
    return 0;
  const folded = await foldReimported(tx, fresh, keys, opts.now);
  const batch = new Set(insertedIds);
  let proposed = 0;
  for (const b of fresh) {
    if (folded.has(b.id)) continue;
    for (const { a, verdict } of await proposalsFor(tx, b, batch)) {
      const stored = await builder(tx)
        .insert(incidentMatches)
        .values({
          incidentA: a.id,
          incidentB: b.id,
          datasetA: datasetOfSource(a.source),
          datasetB: datasetOfSource(b.source),
          bKey: keys.get(b.id)!,
          ...verdict,
          importBatchId: opts.importBatchId,
          createdAt: opts.now,
        })
        .onConflictDoNothing()
        .returning({ id: incidentMatches.id });
      proposed += stored.length;
    }
  }
  return proposed;
}
