import { sql } from 'drizzle-orm';
import type { Store } from '@/db/store';
import { engineOf } from '@/db/engine';
import { executeHeldSql } from '@/db/pg/named-statements';
import type { Rule } from '@/lib/alerts/types';
import { read, type Step } from '@/db/queries/alert-step';
import type { DueFiring } from './alert-fire';

/**
 * Threshold and new-actor firings are decided by reading other incidents (the window, the
 * group's prior incident in the region). SQLite's single writer makes each evaluation see every
 * earlier write. On PostgreSQL two transactions evaluating at once each miss the other's
 * uncommitted incident, and could both fire where one write after the other fires once: two
 * threshold crossings in different buckets, or two "new actor" alerts for one group and region.
 * So before storing such a firing a PostgreSQL evaluation takes a transaction-scoped advisory lock
 * per rule and decides those rules again: a concurrent evaluation of the same rule then waits for
 * this transaction to end, and its re-decision (READ COMMITTED: each statement sees what committed
 * before it) sees this one's incidents and alerts. Only evaluations that are about to fire wait.
 * Two writes that cross a threshold only together (each alone below it) fire nothing on ingest
 * there; the minute window pass fires it.
 */
export const DECIDED_BY_READS: ReadonlySet<Rule['kind']> = new Set<Rule['kind']>(['threshold', 'new-actor']);

/** First key of the two-key advisory locks taken here ("alrt"); the second is the rule id. */
const LOCK_SPACE = 0x616c7274;

/** Whether evaluations must lock and decide again before storing firings of these rules. */
export const decidesUnderLock = (store: Store): boolean => engineOf(store) === 'postgres';

/**
 * Takes the rules' locks in the caller's transaction, in ascending id order (so two evaluations
 * never wait on each other in a cycle); they are released at commit or rollback.
 */
export async function lockRules(tx: Store, ruleIds: readonly number[]): Promise<void> {
  const ids = [...new Set(ruleIds)].sort((a, b) => a - b);
  if (!ids.length) return;
  // One statement (one round trip) for all of them, taken one by one in the subquery's order.
  const list = sql.join(
    ids.map((id) => sql`(${id}::integer)`),
    sql`, `,
  );
  // Held (db/pg/deferred-utility.ts): it goes out in front of the next query, the re-decision's
  // first reads (see underLock), which run after it and so under the locks.
  await executeHeldSql(
    tx,
    sql`SELECT pg_advisory_xact_lock(${LOCK_SPACE}, id) FROM (SELECT id FROM (VALUES ${list}) AS v(id) ORDER BY id) AS ordered`,
  );
}

/**
 * On PostgreSQL, the firings of rules decided by reads (alert-locks.ts) are decided again under
 * those rules' locks, so concurrent writers fire them as one writer after the other would.
 */
export function* underLock(db: Store, due: DueFiring[], decide: (locked: ReadonlySet<number>) => Step<DueFiring[]>): Step<DueFiring[]> {
  if (!decidesUnderLock(db)) return due;
  const locked = new Set(due.filter((d) => DECIDED_BY_READS.has(d.rule.kind)).map((d) => d.rule.id));
  if (locked.size === 0) return due;
  // The decision's reads are issued without waiting for the locks: they go out in the same
  // round trip behind the lock statement and run once it holds them (each statement of READ
  // COMMITTED sees what committed before it started). A failed lock fails them too, and the write.
  const locking = lockRules(db, [...locked]);
  locking.catch(() => undefined); // waited for below
  const again = yield* decide(locked);
  yield* read(locking);
  return [...due.filter((d) => !locked.has(d.rule.id)), ...again];
}
