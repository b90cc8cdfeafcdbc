import type { Store } from '@/db/store';
import { transact } from '@/db/engine';
import { saveIncident, writeNewIncidents, type Post, type SaveResult, type WriteContext } from './incident-writes';
import type { IncidentInput } from '@/lib/incidents/input';

/**
 * Group commit on PostgreSQL: API posts that arrive while this process's previous write
 * transaction is in flight are written together in the next one (writeNewIncidents: one insert
 * statement, one alert evaluation, the audit rows with its reads, one COMMIT), so the round trips
 * of a transaction (each costs more CPU in Node and the backend than its statement on a loaded
 * machine) are shared by the posts instead of paid by each. A post that arrives when nothing is in
 * flight is written at once, alone, as before.
 *
 * Each post is answered only after the COMMIT that stored it. A post the group cannot write
 * (see writeNewIncidents) is written alone afterwards, in its own transaction; if the group's
 * transaction fails, nothing of it was stored and every post of it is written alone, so one bad
 * post fails only itself. Alerts are decided in the transaction under the rules' locks, as for
 * any write (alert-locks.ts): exactly once across instances.
 */

/** Posts written together at most (bounds one statement's size and one commit's latency). */
export const MAX_GROUP = 32;

interface Pending extends Post {
  resolve: (value: SaveResult) => void;
  reject: (error: unknown) => void;
}

/**
 * Groups in flight at once per store. With one, a POST that arrives during a group's commit waits
 * for it and then for the next; the process idles while that one transaction waits on its round
 * trips. Quiet, 1M incidents, `npm run bench -- --engine postgres --only ingest` at 4 connections:
 * 236 posts/s with one, 253–261 with two, 266 with three (the code before group commit: 273–276,
 * at more CPU per post). Two overlap one group's round trips with the other's work and still share
 * each transaction among the posts that arrived meanwhile.
 */
export const MAX_IN_FLIGHT = 2;

interface Queue {
  waiting: Pending[];
  inFlight: number;
  /** A start is scheduled for the end of this turn of the event loop. */
  scheduled: boolean;
}

const queues = new WeakMap<Store, Queue>();

/** saveIncident through the group commit of `store` (a PostgreSQL pool store). */
export function saveIncidentGroupCommitPg(store: Store, input: IncidentInput, ctx: WriteContext): Promise<SaveResult> {
  let queue = queues.get(store);
  if (!queue) queues.set(store, (queue = { waiting: [], inFlight: 0, scheduled: false }));
  const q = queue;
  return new Promise<SaveResult>((resolve, reject) => {
    q.waiting.push({ input, ctx, resolve, reject });
    schedule(store, q);
  });
}

/**
 * Starts the next group after this turn of the event loop when a slot is free: posts that arrive
 * in it (answers of the last group resolved together, their callers posting again) start out
 * together.
 */
function schedule(store: Store, q: Queue): void {
  if (q.scheduled || q.inFlight >= MAX_IN_FLIGHT || q.waiting.length === 0) return;
  q.scheduled = true;
  setImmediate(() => {
    q.scheduled = false;
    if (q.inFlight >= MAX_IN_FLIGHT || q.waiting.length === 0) return;
    q.inFlight++;
    void commitGroup(store, q.waiting.splice(0, MAX_GROUP)).finally(() => {
      q.inFlight--;
      schedule(store, q);
    });
    schedule(store, q);
  });
}

const alone = (store: Store, p: Pending) => saveIncident(store, p.input, p.ctx).then(p.resolve, p.reject);

async function commitGroup(store: Store, group: Pending[]): Promise<void> {
  if (group.length === 1) return alone(store, group[0]);
  let answers: (SaveResult | null)[];
  try {
    answers = await transact(store, (tx) => writeNewIncidents(tx, group));
  } catch {
    // Rolled back: nothing of the group was stored. Each post again on its own, with its own error.
    answers = group.map(() => null);
  }
  await Promise.all(
    group.map((p, i) => {
      const answer = answers[i];
      if (!answer) return alone(store, p);
      p.resolve(answer);
      return Promise.resolve();
    }),
  );
}
