import { and, eq, inArray } from 'drizzle-orm';
import { builder } from '@/db/engine';
import type { Store } from '@/db/store';
import { alertIncidents, alerts } from '@/db/schema';

/** What a merge did to alert links (kept in the match's archive for undo). */
export interface MergedAlertLinks {
  /** The merged-away incident. */
  incidentB: number;
  /** The alerts B was linked to (absent in archives written before links moved). */
  alertIds?: number[];
  /** Those of them newly linked to A by the merge (not already A's). */
  movedAlertIds?: number[];
}

/**
 * B's alerts now about A: each alert linked to B is linked to A (unless it already was), so the
 * alert's page, mail and map still show the event. B's own rows go with B (ON DELETE CASCADE).
 */
export async function moveAlertLinks(tx: Store, b: number, a: number): Promise<{ alertIds: number[]; movedAlertIds: number[] }> {
  const db = builder(tx);
  const linked = async (incident: number) =>
    (await db.select({ id: alertIncidents.alertId }).from(alertIncidents).where(eq(alertIncidents.incidentId, incident))).map((r) => r.id);
  const alertIds = (await linked(b)).sort((x, y) => x - y);
  if (!alertIds.length) return { alertIds, movedAlertIds: [] };
  const onA = new Set(await linked(a));
  const movedAlertIds = alertIds.filter((id) => !onA.has(id));
  if (movedAlertIds.length) await db.insert(alertIncidents).values(movedAlertIds.map((alertId) => ({ alertId, incidentId: a })));
  return { alertIds, movedAlertIds };
}

/** Undoes moveAlertLinks once B is back: its links return, A keeps only the alerts it had before (alerts deleted since are skipped). */
export async function restoreAlertLinks(tx: Store, archive: MergedAlertLinks, a: number): Promise<void> {
  const db = builder(tx);
  const moved = archive.movedAlertIds ?? [];
  if (moved.length) await db.delete(alertIncidents).where(and(eq(alertIncidents.incidentId, a), inArray(alertIncidents.alertId, moved)));
  const wanted = archive.alertIds ?? [];
  if (!wanted.length) return;
  const still = (await db.select({ id: alerts.id }).from(alerts).where(inArray(alerts.id, wanted))).map((r) => r.id);
  if (still.length)
    await db
      .insert(alertIncidents)
      .values(still.map((alertId) => ({ alertId, incidentId: archive.incidentB })))
      .onConflictDoNothing();
}
