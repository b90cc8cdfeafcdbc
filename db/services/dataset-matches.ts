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
import { candidatesForChunk, matchRows, type MatchCandidate } from '@/db/queries/dataset-match-candidates';
import { DATASET_BIT, datasetMask, datasetOfSource } from '@/lib/datasets/dataset-bits';
import { dayRange, MAX_MATCH_RANGE_DAYS } from '@/lib/datasets/day-range';
import { compareDatasetRows, MATCH_WINDOW_DAYS, MAX_MATCHES_PER_INCIDENT, type MatchVerdict } from '@/lib/datasets/match-score';
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

/** Rows of an import read together for candidates: bounds the rows one read returns. */
const CHUNK = 400;

type Dated = MatchCandidate & { first: number; last: number };
const dated = (r: MatchCandidate): Dated => {
  const [first, last] = dayRange(r);
  return { ...r, first, last };
};

/** Candidates by each day their date range covers (ranges past MAX_MATCH_RANGE_DAYS are never matched). */
function byDay(candidates: readonly MatchCandidate[]): Map<number, MatchCandidate[]> {
  const days = new Map<number, MatchCandidate[]>();
  for (const c of candidates) {
    const [first, last] = dayRange(c);
    if (last - first > MAX_MATCH_RANGE_DAYS) continue;
    for (let d = first; d <= last; d++) {
      const list = days.get(d);
      if (list) list.push(c);
      else days.set(d, [c]);
    }
  }
  return days;
}

/** The best pairs for one incoming row among the stored incidents of other datasets. */
function proposalsFor(b: Dated, days: Map<number, MatchCandidate[]>, skip: Set<number>): Proposal[] {
  const bit = DATASET_BIT[datasetOfSource(b.source)];
  // Synthetic demo incidents are never offered as the same event as a real dataset's row.
  const skipMask = bit | (bit === DATASET_BIT.demo ? 0 : DATASET_BIT.demo);
  const seen = new Set<number>();
  const found: Proposal[] = [];
  for (let d = b.first - MATCH_WINDOW_DAYS; d <= b.last + MATCH_WINDOW_DAYS; d++) {
    for (const a of days.get(d) ?? []) {
      if (seen.has(a.id) || skip.has(a.id) || datasetMask(a.source, a.mergedDatasets) & skipMask) continue;
      seen.add(a.id);
      const verdict = compareDatasetRows(a, b);
      if (verdict) found.push({ a, verdict });
    }
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
  opts: { importBatchId: number | null; now: number; uniformSource: boolean },
): Promise<number> {
  if (!insertedIds.length) return 0;
  // The dataset formats give every row one source: its first row tells whether any stored
  // incident is of another one, before the batch is read (a native file's rows may differ).
  if (opts.uniformSource) {
    const [first] = await matchRows(tx, insertedIds.slice(0, 1));
    if (!first || !(await otherSourceExists(tx, [first.source]))) return 0;
  }
  const fresh = await matchRows(tx, insertedIds);
  if (
    !opts.uniformSource &&
    !(await otherSourceExists(
      tx,
      fresh.map((r) => r.source),
    ))
  )
    return 0;
  const keys = new Map(fresh.map((r) => [r.id, matchKey(r.source, r.sourceId)]));
  const folded = await foldReimported(tx, fresh, keys, opts.now);
  const batch = new Set(insertedIds);
  const rows = fresh
    .filter((r) => !folded.has(r.id))
    .map(dated)
    .sort((x, y) => x.first - y.first);
  let proposed = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const sources = new Set(chunk.map((r) => r.source));
    const days = byDay(await candidatesForChunk(tx, chunk, sources.size === 1 ? chunk[0].source : null));
    for (const b of chunk) proposed += await storeProposals(tx, b, proposalsFor(b, days, batch), keys, opts);
  }
  return proposed;
}

/** Stores one row's proposals; a pair proposed (or decided) before is left as it is. */
async function storeProposals(
  tx: Store,
  b: MatchCandidate,
  proposals: Proposal[],
  keys: Map<number, string>,
  opts: { importBatchId: number | null; now: number },
): Promise<number> {
  let proposed = 0;
  for (const { a, verdict } of proposals) {
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
  return proposed;
}
