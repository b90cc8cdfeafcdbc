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

interface Queue {
  waiting: Pending[];
  busy: boolean;
}

const queues = new WeakMap<Store, Queue>();

/** saveIncident through the group commit of `store` (a PostgreSQL pool store). */
export function saveIncidentGroupCommitPg(store: Store, input: IncidentInput, ctx: WriteContext): Promise<SaveResult> {
  let queue = queues.get(store);
  if (!queue) queues.set(store, (queue = { waiting: [], busy: false }));
  const q = queue;
  return new Promise<SaveResult>((resolve, reject) => {
    q.waiting.push({ input, ctx, resolve, reject });
    // Started after this turn of the event loop: posts that arrive in it (answers of the last
    // group resolved together, their callers posting again) start out together.
    if (!q.busy) {
      q.busy = true;
      setImmediate(() => void drain(store, q));
    }
  });
}

async function drain(store: Store, q: Queue): Promise<void> {
  try {
    while (q.waiting.length) await commitGroup(store, q.waiting.splice(0, MAX_GROUP));
  } finally {
    q.busy = false;
  }
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
