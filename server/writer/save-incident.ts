import type { Store } from '@/db/store';
import { saveIncidentGroupCommit, type SaveResult, type WriteContext } from '@/db/services/incident-writes';
import type { IncidentInput } from '@/lib/incidents/input';
import { writerThreadFor } from './writer-thread';

/**
 * saveIncident for the HTTP API: concurrent posts share one transaction and one WAL sync
 * (db/services/group-commit.ts); each is answered after that commit. In the production server the
 * write runs on the writer thread (server/writer/writer-thread.ts) when it serves this database file.
 */
export function saveIncidentGrouped(db: Store, input: IncidentInput, ctx: WriteContext): Promise<SaveResult> {
  const thread = writerThreadFor(db);
  return thread ? thread.save(input, { timeZone: ctx.timeZone, actor: ctx.actor }) : saveIncidentGroupCommit(db, input, ctx);
}
