import { engineOf, type Store } from '@/db/store';
import { saveIncidentGroupCommit, type SaveResult, type WriteContext } from '@/db/services/incident-writes';
import { saveIncidentGroupCommitPg } from '@/db/services/incident-group-commit-pg';
import type { IncidentInput } from '@/lib/incidents/input';
import { writerThreadFor } from './writer-thread';

/**
 * saveIncident for the HTTP API. SQLite: concurrent posts share one transaction and one WAL sync
 * (db/services/group-commit.ts); each is answered after that commit. In the production server the
 * write runs on the writer thread (server/writer/writer-thread.ts) when it serves this database
 * file. PostgreSQL: posts that arrive while this process's previous write is in flight share the
 * next transaction (db/services/incident-group-commit-pg.ts), also on the request path.
 */
export function saveIncidentGrouped(db: Store, input: IncidentInput, ctx: WriteContext): Promise<SaveResult> {
  if (engineOf(db) === 'postgres') return saveIncidentGroupCommitPg(db, input, ctx);
  const thread = writerThreadFor(db);
  return thread ? thread.save(input, { timeZone: ctx.timeZone, actor: ctx.actor }) : saveIncidentGroupCommit(db, input, ctx);
}
