import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/connection';
import { builder, execute } from '@/db/engine';
import type { Store } from '@/db/store';
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

type Decision = { status: Exclude<ReportStatus, 'new'>; by: string; now: number; incidentId?: number | null; reason?: string | null };

function sourceRow(incidentId: number, report: ReportItem, figures: SourceFigures, now: number) {
  return {
    incidentId,
    reportId: report.id,
    outlet: outletOf(report),
    url: report.url,
    publishedAt: report.publishedAt === null ? null : Date.parse(report.publishedAt),
    killed: figures.killed,
    injured: figures.injured,
    killedBy: json(figures.killedBy),
    injuredBy: json(figures.injuredBy),
    createdAt: now,
  };
}

const claimRows = (incidentId: number, report: ReportItem, claims: readonly ClaimEntry[]) =>
  claims.map((c) => ({ incidentId, groupId: c.groupId, kind: c.kind, by: c.by, at: reportInstant(report), reportId: report.id }));

const decisionSet = (d: Decision) => ({
  status: d.status,
  decidedBy: d.by,
  decidedAt: d.now,
  incidentId: d.incidentId ?? null,
  dismissReason: d.reason ?? null,
});

function conflictOf(reportId: number, row: { status: string; by: string | null } | undefined): Error {
  if (!row) return notFound(`Report ${reportId} does not exist.`);
  return new AppError('conflict', `Report ${reportId} was already ${row.status}${row.by ? ` by ${row.by}` : ''}.`);
}

/** Adds the report's account to the incident's source records and its claims to the ledger (inside the caller's transaction). */
export async function recordProvenance(
  tx: Store,
  incidentId: number,
  report: ReportItem,
  figures: SourceFigures,
  claims: readonly ClaimEntry[],
  now: number,
): Promise<void> {
  await builder(tx)
    .insert(incidentSources)
    .values(sourceRow(incidentId, report, figures, now));
  const rows = claimRows(incidentId, report, claims);
  if (rows.length) await builder(tx).insert(incidentClaims).values(rows);
}

/**
 * Moves a report out of 'new' inside the caller's transaction, or throws: 404 when it does not
 * exist, 409 when another decision came first. The WHERE clause is the race's referee on both
 * engines: of two analysts (or instances) deciding at once, the second UPDATE finds no 'new' row
 * (PostgreSQL re-checks the condition on the row the first committed).
 */
export async function claimReport(tx: Store, reportId: number, decision: Decision): Promise<void> {
  const [won] = await builder(tx)
    .update(reports)
    .set(decisionSet(decision))
    .where(and(eq(reports.id, reportId), eq(reports.status, 'new')))
    .returning({ id: reports.id });
  if (won) {
    await builder(tx).insert(events).values({ type: 'report', refId: reportId, action: decision.status, createdAt: decision.now });
    return;
  }
  const [row] = await builder(tx).select({ status: reports.status, by: reports.decidedBy }).from(reports).where(eq(reports.id, reportId));
  throw conflictOf(reportId, row);
}

/** Sets the report's incident once the incident exists (accept creates it after claiming the report). */
export async function linkReport(tx: Store, reportId: number, incidentId: number): Promise<void> {
  await builder(tx).update(reports).set({ incidentId }).where(eq(reports.id, reportId));
}

/** One more independent source behind the incident (an increment in SQL, so concurrent merges all count). */
export async function countSource(tx: Store, incidentId: number): Promise<void> {
  await execute(tx, sql`UPDATE incidents SET source_count = source_count + 1 WHERE id = ${incidentId}`);
}

// --- synchronous SQLite variants, for transaction bodies not converted yet (report decisions) ---

/** recordProvenance on a SQLite connection, synchronously. */
export function recordProvenanceSync(
  tx: Db,
  incidentId: number,
  report: ReportItem,
  figures: SourceFigures,
  claims: readonly ClaimEntry[],
  now: number,
): void {
  tx.insert(incidentSources)
    .values(sourceRow(incidentId, report, figures, now))
    .run();
  for (const row of claimRows(incidentId, report, claims)) tx.insert(incidentClaims).values(row).run();
}

/** claimReport on a SQLite connection, synchronously. */
export function claimReportSync(tx: Db, reportId: number, decision: Decision): void {
  const won = tx
    .update(reports)
    .set(decisionSet(decision))
    .where(and(eq(reports.id, reportId), eq(reports.status, 'new')))
    .returning({ id: reports.id })
    .get();
  if (won) {
    tx.insert(events).values({ type: 'report', refId: reportId, action: decision.status, createdAt: decision.now }).run();
    return;
  }
  throw conflictOf(
    reportId,
    tx.select({ status: reports.status, by: reports.decidedBy }).from(reports).where(eq(reports.id, reportId)).get(),
  );
}

/** linkReport on a SQLite connection, synchronously. */
export function linkReportSync(tx: Db, reportId: number, incidentId: number): void {
  tx.update(reports).set({ incidentId }).where(eq(reports.id, reportId)).run();
}

/** countSource on a SQLite connection, synchronously. */
export function countSourceSync(tx: Db, incidentId: number): void {
  tx.run(sql`UPDATE incidents SET source_count = source_count + 1 WHERE id = ${incidentId}`);
}
