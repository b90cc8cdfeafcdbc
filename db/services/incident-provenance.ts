import { and, eq, sql } from 'drizzle-orm';
import type { Store } from '@/db/store';
import { builder, execute } from '@/db/engine';
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
export async function recordProvenance(
  tx: Store,
  incidentId: number,
  report: ReportItem,
  figures: SourceFigures,
  claims: readonly ClaimEntry[],
  now: number,
): Promise<void> {
  const published = report.publishedAt === null ? null : Date.parse(report.publishedAt);
  const db = builder(tx);
  await db.insert(incidentSources).values({
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
  });
  const at = reportInstant(report);
  if (claims.length)
    await db
      .insert(incidentClaims)
      .values(claims.map((c) => ({ incidentId, groupId: c.groupId, kind: c.kind, by: c.by, at, reportId: report.id })));
}

/**
 * Moves a report out of 'new' inside the caller's transaction, or throws: 404 when it does not
 * exist, 409 when another decision came first. The WHERE clause is the race's referee: of two
 * analysts deciding at once, the second transaction finds no 'new' row (on PostgreSQL it waits for
 * the first's row lock, then sees the decided row: READ COMMITTED re-checks the WHERE).
 */
export async function claimReport(
  tx: Store,
  reportId: number,
  decision: { status: Exclude<ReportStatus, 'new'>; by: string; now: number; incidentId?: number | null; reason?: string | null },
): Promise<void> {
  const db = builder(tx);
  const [won] = await db
    .update(reports)
    .set({
      status: decision.status,
      decidedBy: decision.by,
      decidedAt: decision.now,
      incidentId: decision.incidentId ?? null,
      dismissReason: decision.reason ?? null,
    })
    .where(and(eq(reports.id, reportId), eq(reports.status, 'new')))
    .returning({ id: reports.id });
  if (won) {
    await db.insert(events).values({ type: 'report', refId: reportId, action: decision.status, createdAt: decision.now });
    return;
  }
  const [row] = await db.select({ status: reports.status, by: reports.decidedBy }).from(reports).where(eq(reports.id, reportId));
  if (!row) throw notFound(`Report ${reportId} does not exist.`);
  throw new AppError('conflict', `Report ${reportId} was already ${row.status}${row.by ? ` by ${row.by}` : ''}.`);
}

/** Sets the report's incident once the incident exists (accept creates it after claiming the report). */
export async function linkReport(tx: Store, reportId: number, incidentId: number): Promise<void> {
  await builder(tx).update(reports).set({ incidentId }).where(eq(reports.id, reportId));
}

/** One more independent source behind the incident. */
export async function countSource(tx: Store, incidentId: number): Promise<void> {
  await execute(tx, sql`UPDATE incidents SET source_count = source_count + 1 WHERE id = ${incidentId}`);
}
