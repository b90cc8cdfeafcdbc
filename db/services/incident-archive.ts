import { and, eq } from 'drizzle-orm';
import { builder, transact } from '@/db/engine';
import type { Store } from '@/db/store';
import { events, incidents, incidentsDeleted } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { audit } from './audit';

type IncidentRow = typeof incidents.$inferInsert;

/**
 * Puts an archived incident (incidents_deleted: ACLED deleted it) back under its old id, with a
 * 'created' outbox event so live views and the in-memory index take it in again, and an audit
 * entry. 409 when an incident with that id or that (source, source_id) exists again meanwhile (a
 * later sync re-published it). A later sync that sees the event deleted again archives it again.
 */
export async function restoreDeletedIncident(store: Store, archiveId: number, actor: string, now = Date.now()): Promise<number> {
  return transact(store, async (tx) => {
    const db = builder(tx);
    const [archived] = await db.select().from(incidentsDeleted).where(eq(incidentsDeleted.id, archiveId));
    if (!archived) throw new AppError('not_found', `No archived incident ${archiveId}.`);
    const row = JSON.parse(archived.row) as IncidentRow;
    const clash = await db.select({ id: incidents.id }).from(incidents).where(eq(incidents.id, archived.incidentId));
    const again = await db
      .select({ id: incidents.id })
      .from(incidents)
      .where(and(eq(incidents.source, archived.source), eq(incidents.sourceId, archived.sourceId)));
    if (clash.length || again.length)
      throw new AppError(
        'conflict',
        `Incident ${archived.incidentId} (${archived.source} ${archived.sourceId}) is stored again; nothing to restore.`,
      );
    await db.insert(incidents).values({ ...row, id: archived.incidentId, updatedAt: now });
    await db.delete(incidentsDeleted).where(eq(incidentsDeleted.id, archiveId));
    await db.insert(events).values({ type: 'incident', refId: archived.incidentId, action: 'created', createdAt: now });
    await audit(tx, {
      actor,
      action: 'restore',
      entity: 'incident',
      entityId: archived.incidentId,
      after: { source: archived.source, sourceId: archived.sourceId, from: 'incidents_deleted', reason: archived.reason },
      at: now,
    });
    return archived.incidentId;
  });
}
