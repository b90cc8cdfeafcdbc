/**
 * The writer thread's body (started by server/writer/writer-thread.ts through tsx): its own
 * connection to the database file, on which single-incident writes run with group commit
 * (db/services/group-commit.ts) exactly as they would on the request thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { closeStore, openStore, type Store } from '@/db/store';
import { onOutboxAppended } from '@/db/outbox-signal';
import { loadRuleSet } from '@/db/services/alert-rule-cache';
import { saveIncidentGroupCommit } from '@/db/services/incident-writes';
import { loadGroupMatcherSync } from '@/db/services/ingest';
import { toWire, type WriterData, type WriterReply, type WriterRequest } from './writer-protocol';
import { log } from '@/server/log.mjs';

// Its lines carry `thread: "writer"`: this thread has its own logger on the same stdout.
log.setBindings({ thread: 'writer' });
const port = parentPort!;
const { dbPath, closed } = workerData as WriterData;
const post = (m: WriterReply) => port.postMessage(m);

function start(): Store | null {
  let opened: Store;
  try {
    opened = openStore(dbPath);
  } catch (err) {
    post({ type: 'failed', message: String((err as Error)?.stack ?? err) });
    return null;
  }
  try {
    // Parse the alert rules and group aliases now, as instrumentation.ts does for the request
    // thread's connection: otherwise the first POST after a start pays for it.
    loadRuleSet(opened);
    loadGroupMatcherSync(opened);
  } catch (err) {
    log.error({ component: 'writer', err }, 'warm-up failed; the first write will load rules and groups');
  }
  return opened;
}

const db = start();
if (db) {
  // Raised once per committed group, before its writes are answered.
  onOutboxAppended(() => post({ type: 'outbox' }));
  port.on('message', (m: WriterRequest) => {
    if (m.type === 'close') {
      void closeStore(db); // SQLite closes synchronously, before the flag below is raised
      Atomics.store(closed, 0, 1);
      Atomics.notify(closed, 0);
      port.close();
      return;
    }
    saveIncidentGroupCommit(db, m.input, m.ctx).then(
      (value) => post({ type: 'done', id: m.id, ok: true, value }),
      (err: unknown) => post({ type: 'done', id: m.id, ok: false, error: toWire(err) }),
    );
  });
  post({ type: 'ready' });
}
