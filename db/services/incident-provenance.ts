import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/connection';
import { events, incidentClaims, incidentSources, reports } from '@/db/schema';
import type { ReportItem, ReportStatus } from '@/lib/intake/report-types';
import type { ClaimEntry } from '@/lib/intake/groups';
import type { CasualtySplit } from '@/lib/intake/types';
import { AppError, notFound } from '@/lib/errors';

/** The figures a source record keeps: the report's account of the toll. */
export interface SourceFigures {
  killed: number | null;
  injured: number | null;
  killedBy: CasualtySplit | null;
  injuredBy: CasualtySplit | null;
}

/** Where a report came from, as its outlet: the source's name, else the URL's host. */
export function outletOf(report: Pick<ReportItem, 'sourceName' | 'url'>): string | null {
  if (report.sourceName) return report.sourceName;
  if (!report.url) return null;
  try {
    return new URL(report.url).hostname || null;
  } catch {
    return null;
  }
}

/** When a report spoke: its publication, else when it reached us. */
export const reportInstant = (r: Pick<ReportItem, 'publishedAt' | 'fetchedAt'>): number => Date.parse(r.publishedAt ?? r.fetchedAt);

const json = (s: CasualtySplit | null) => (s === null ? null : JSON.stringify(s));

/** Adds the report's account to the incident's source records and its claims to the ledger. */
export function recordProvenance(
  tx: Db,
  incidentId: number,
  report: ReportItem,
  figures: SourceFigures,
  claims: readonly ClaimEntry[],
  now: number,
): void {
  const published = report.publishedAt === null ? null : Date.parse(report.publishedAt);
  tx.insert(incidentSources)
    .values({
      incidentId,
      reportId: report.id,
      outlet: outletOf(report),
      url: report.url,
      publishedAt: published,
      killed: figures.killed,
      injured: figures.injured,
      killedBy: json(figures.killedBy),
      injuredBy: json(figures.injuredBy),
      createdAt: now,
    })
    .run();
  const at = reportInstant(report);
  for (const c of claims)
    tx.insert(incidentClaims).values({ incidentId, groupId: c.groupId, kind: c.kind, by: c.by, at, reportId: report.id }).run();
}

/**
 * Moves a report out of 'new' inside the caller's transaction, or throws: 404 when it does not
 * exist, 409 when another decision came first. The WHERE clause is the race's referee: of two
 * analysts deciding at once, the second transaction finds no 'new' row.
 */
export function claimReport(
  tx: Db,
  reportId: number,
  decision: { status: Exclude<ReportStatus, 'new'>; by: string; now: number; incidentId?: number | null; reason?: string | null },
): void {
  const won = tx
    .update(reports)
    .set({
      status: decision.status,
      decidedBy: decision.by,
      decidedAt: decision.now,
      incidentId: decision.incidentId ?? null,
      dismissReason: decision.reason ?? null,
    })
    .where(and(eq(reports.id, reportId), eq(reports.status, 'new')))
    .returning({ id: reports.id })
    .get();
  if (won) {
    tx.insert(events).values({ type: 'report', refId: reportId, action: decision.status, createdAt: decision.now }).run();
    return;
  }
  const row = tx.select({ status: reports.status, by: reports.decidedBy }).from(reports).where(eq(reports.id, reportId)).get();
  if (!row) throw notFound(`Report ${reportId} does not exist.`);
  throw new AppError('conflict', `Report ${reportId} was already ${row.status}${row.by ? ` by ${row.by}` : ''}.`);
}

/** Sets the report's incident once the incident exists (accept creates it after claiming the report). */
export function linkReport(tx: Db, reportId: number, incidentId: number): void {
  tx.update(reports).set({ incidentId }).where(eq(reports.id, reportId)).run();
}

/** One more independent source behind the incident. */
export function countSource(tx: Db, incidentId: number): void {
  tx.run(sql`UPDATE incidents SET source_count = source_count + 1 WHERE id = ${incidentId}`);
}
