import type { Store } from '@/db/store';
import { builder, transact } from '@/db/engine';
import { events } from '@/db/schema';
import { getReport } from '@/db/queries/reports';
import { getIncident } from '@/db/queries/incidents';
import { getIncidentDetail, listClaims } from '@/db/queries/incident-provenance';
import type { IncidentDetail } from '@/lib/incidents/item';
import { incidentInputSchema } from '@/lib/incidents/input';
import { ledgerClaimStatus } from '@/lib/incidents/provenance';
import { analysedText } from '@/lib/intake/extract';
import { attribution } from '@/lib/intake/groups';
import type { ReportItem } from '@/lib/intake/report-types';
import { acceptedIncidentInput, type MergeBody } from '@/lib/validation/report-decisions';
import { AppError, notFound } from '@/lib/errors';
import { describeIssues, toIssues } from '@/lib/validation/zod-issues';
import { audit } from './audit';
import { asInput, updateIncident, writeIncident } from './incident-writes';
import { claimReport, countSource, linkReport, recordProvenance } from './incident-provenance';

export interface DecisionContext {
  timeZone: string;
  /** Principal id for the audit trail and the incident's history (`user:3`, `token:2`). */
  actor: string;
  /** Who decided, as the report shows it (the principal's name, as alerts show who acknowledged); the id when absent. */
  by?: string;
  now?: number;
}

export interface Decided {
  incident: IncidentDetail;
  report: ReportItem;
}

async function reportOr404(store: Store, id: number): Promise<ReportItem> {
  const report = await getReport(store, id);
  if (!report) throw notFound(`Report ${id} does not exist.`);
  return report;
}

/**
 * The claims the report's text makes, whether or not extraction judged it a new incident: a
 * group's denial ("a statement", set apart in the queue) belongs in the ledger once an analyst
 * ties the report to its incident.
 */
const claimsOf = (report: ReportItem) => attribution(analysedText(report)).claims;

/*
 * Exactly one decision per report, on either engine and across instances: claimReport, the first
 * write of each decision's transaction, is `UPDATE … WHERE status = 'new'`. A second decision at
 * once waits for the first's row lock (PostgreSQL) or write lock (SQLite), then changes nothing
 * and throws the 409, rolling back everything its transaction did.
 */

/**
 * Accepts a report as a new incident: its draft plus the analyst's overrides go through the same
 * write as POST /api/incidents (validation, alerts, outbox, audit) under source `report`, in one
 * transaction with the report's decision, its source record and its claims.
 */
export async function acceptReport(store: Store, id: number, overrides: Record<string, unknown>, ctx: DecisionContext): Promise<Decided> {
  const report = await reportOr404(store, id);
  const input = acceptedIncidentInput(id, report.draft, overrides);
  const claims = claimsOf(report);
  // The ledger decides the status unless the analyst set one.
  if (!('claimStatus' in overrides)) input.claimStatus = ledgerClaimStatus(claims, input.claimStatus);
  const now = ctx.now ?? Date.now();
  const incidentId = await transact(store, async (tx) => {
    await claimReport(tx, id, { status: 'accepted', by: ctx.by ?? ctx.actor, now });
    const { item } = await writeIncident(tx, input, { timeZone: ctx.timeZone, actor: ctx.actor, now });
    await linkReport(tx, id, item.id);
    // The analyst's reading of this report is what it says: its record keeps the accepted figures.
    const c = item.casualties;
    await recordProvenance(
      tx,
      item.id,
      report,
      { killed: item.killed, injured: item.injured, killedBy: c.killed, injuredBy: c.injured },
      claims,
      now,
    );
    await audit(tx, { actor: ctx.actor, action: 'accept', entity: 'report', entityId: id, after: { incidentId: item.id }, at: now });
    return item.id;
  });
  return { incident: (await getIncidentDetail(store, incidentId))!, report: await reportOr404(store, id) };
}

/** The draft's figures an incident adopts: each of killed and injured that the report gives, with its split. */
function adoptedFigures(report: ReportItem): Record<string, unknown> {
  const d = report.draft;
  const out: Record<string, unknown> = {};
  if (d.killed !== null) Object.assign(out, { killed: d.killed, killedBy: d.killedBy ?? undefined });
  if (d.injured !== null) Object.assign(out, { injured: d.injured, injuredBy: d.injuredBy ?? undefined });
  return out;
}

/**
 * Makes a report another source of an existing incident: a source record, its claims appended to
 * the ledger (the claim status follows), the report's URL or outlet added to `sources`, one more
 * source counted; with `adoptFigures` the incident takes the report's toll. The incident changes
 * through the normal update path (outbox 'updated', audit, day rollups).
 */
export async function mergeReport(store: Store, id: number, body: MergeBody, ctx: DecisionContext): Promise<Decided> {
  const report = await reportOr404(store, id);
  const claims = claimsOf(report);
  const now = ctx.now ?? Date.now();
  await transact(store, async (tx) => {
    const current = await getIncident(tx, body.incidentId);
    if (!current) throw notFound(`Incident ${body.incidentId} does not exist.`);
    await claimReport(tx, id, { status: 'merged', by: ctx.by ?? ctx.actor, now, incidentId: current.id });
    const { killed, injured, killedBy, injuredBy } = report.draft;
    await recordProvenance(tx, current.id, report, { killed, injured, killedBy, injuredBy }, claims, now);
    const origin = report.draft.sources[0];
    const sources =
      origin && !current.sources.includes(origin) && current.sources.length < 50 ? [...current.sources, origin] : current.sources;
    const next = {
      ...asInput(current),
      sources,
      claimStatus: ledgerClaimStatus(await listClaims(tx, current.id), current.claimStatus as ReportItem['draft']['claimStatus']),
      ...(body.adoptFigures ? adoptedFigures(report) : {}),
    };
    const parsed = incidentInputSchema.safeParse(next);
    if (!parsed.success) {
      const issues = toIssues(parsed.error);
      throw new AppError('bad_request', `The merged incident is invalid: ${describeIssues(issues)}`, issues);
    }
    await countSource(tx, current.id);
    const changed = await updateIncident(tx, current, parsed.data, { timeZone: ctx.timeZone, actor: ctx.actor, now });
    // The count changed even when no content did: live views and the incident index still need to hear of it.
    if (!changed) await builder(tx).insert(events).values({ type: 'incident', refId: current.id, action: 'updated', createdAt: now });
    await audit(tx, {
      actor: ctx.actor,
      action: 'merge',
      entity: 'report',
      entityId: id,
      after: { incidentId: current.id, adoptFigures: body.adoptFigures },
      at: now,
    });
  });
  return { incident: (await getIncidentDetail(store, body.incidentId))!, report: await reportOr404(store, id) };
}

/** Sets a report aside; the reason (optional) stays on the report. */
export async function dismissReport(
  store: Store,
  id: number,
  reason: string | null,
  ctx: Omit<DecisionContext, 'timeZone'>,
): Promise<ReportItem> {
  const now = ctx.now ?? Date.now();
  await transact(store, async (tx) => {
    await claimReport(tx, id, { status: 'dismissed', by: ctx.by ?? ctx.actor, now, reason });
    await audit(tx, { actor: ctx.actor, action: 'dismiss', entity: 'report', entityId: id, after: { reason }, at: now });
  });
  return reportOr404(store, id);
}
