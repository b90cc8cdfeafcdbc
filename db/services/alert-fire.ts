import { sql } from 'drizzle-orm';
import { sqlOf, type Db } from '@/db/connection';
import type { Store } from '@/db/store';
import { engineOf, execute } from '@/db/engine';
import type { Firing, Rule } from '@/lib/alerts/types';
import { alertStatement } from '@/db/queries/alert-queries';
import { enqueueWebhook, enqueueWebhookSync } from './webhooks';
import { settleBatchedWrites } from '@/db/pg/read-batch';
import { executeNamed } from '@/db/pg/named-statements';
import { diagnostics } from '@/lib/diagnostics';
import { read, runAsync, type Maybe, type Step } from '@/db/queries/alert-step';

/** A firing with the rule it belongs to, waiting to be stored. */
export interface DueFiring {
  rule: Rule;
  firing: Firing;
}

type Delivery = Parameters<typeof enqueueWebhook>[1];

/** The webhook delivery of a new alert, when its rule has a webhook. */
function delivery(rule: Rule, f: Firing, alertId: number, incidentIds: number[], now: number): Delivery | null {
  if (!rule.webhookUrl) return null;
  return {
    alertId,
    ruleId: rule.id,
    url: rule.webhookUrl,
    now,
    payload: {
      event: 'alert.fired',
      alert: {
        id: alertId,
        ruleId: rule.id,
        ruleName: rule.name,
        ruleKind: rule.kind,
        severity: rule.severity,
        status: 'firing',
        firedAt: new Date(now).toISOString(),
        incidentIds,
        summary: f.summary,
        details: f.details,
      },
    },
  };
}

function queueWebhook(db: Db, rule: Rule, f: Firing, alertId: number, incidentIds: number[], now: number): void {
  const d = delivery(rule, f, alertId, incidentIds, now);
  if (d) enqueueWebhookSync(db, d);
}

/*
 * Exactly once, on either engine and from any number of processes or instances: an alert's
 * identity is (rule_id, dedupe_key), a unique key in the database, and every firing is an
 * INSERT … ON CONFLICT DO NOTHING whose RETURNING says whether this writer stored it. Only the
 * writer that stored it links the incidents, appends the outbox row and queues the webhook. Two
 * writers of the same firing on PostgreSQL: the second waits on the first's uncommitted row and,
 * once that commits, inserts nothing.
 */

// Rows go in as one JSON array each, in firing order (ORDER BY key), so alert ids, links and
// outbox seqs come out exactly as if the firings were stored one by one.
const INSERT_ALERTS = `INSERT INTO alerts (rule_id, dedupe_key, severity, status, fired_at, summary, details)
  SELECT value ->> '$[0]', value ->> '$[1]', value ->> '$[2]', 'firing', ?, value ->> '$[3]', value ->> '$[4]' FROM json_each(?) WHERE true ORDER BY key
  ON CONFLICT (rule_id, dedupe_key) DO NOTHING RETURNING id, rule_id AS ruleId, dedupe_key AS dedupeKey`;
const INSERT_LINKS = `INSERT OR IGNORE INTO alert_incidents (alert_id, incident_id) SELECT value ->> '$[0]', value ->> '$[1]' FROM json_each(?) ORDER BY key`;
const INSERT_EVENTS = `INSERT INTO events (type, ref_id, action, created_at) SELECT 'alert', value, 'fired', ? FROM json_each(?) ORDER BY key`;

type Inserted = { id: number; ruleId: number; dedupeKey: string };

/** The new alert id per firing (null for a duplicate), and the incident links of the new ones. */
function assign(due: DueFiring[], inserted: Inserted[]) {
  const newIds = new Map(inserted.map((r) => [`${r.ruleId}\u0000${r.dedupeKey}`, r.id]));
  const ids = due.map(({ rule, firing }) => {
    const key = `${rule.id}\u0000${firing.dedupeKey}`;
    const id = newIds.get(key) ?? null;
    newIds.delete(key);
    return id;
  });
  const links: [number, number][] = [];
  const incidentIds = due.map(({ firing }, i) => {
    const unique = [...new Set(firing.incidentIds)];
    for (const incidentId of unique) if (ids[i] !== null) links.push([ids[i], incidentId]);
    return unique;
  });
  return { ids, links, incidentIds, fired: ids.filter((id): id is number => id !== null) };
}

/**
 * SQLite, synchronously (alert evaluation is on every write's path): three cached statements
 * over JSON arrays. Synchronous also so that a better-sqlite3 savepoint can wrap it.
 */
function persistSqlite(db: Db, due: DueFiring[], now: number): (number | null)[] {
  if (!due.length) return [];
  const rows = due.map(({ rule, firing: f }) => [rule.id, f.dedupeKey, rule.severity, f.summary, JSON.stringify(f.details)]);
  const inserted = alertStatement(db, INSERT_ALERTS).all(now, JSON.stringify(rows)) as Inserted[];
  const { ids, links, incidentIds, fired } = assign(due, inserted);
  if (links.length) alertStatement(db, INSERT_LINKS).run(JSON.stringify(links));
  if (fired.length) alertStatement(db, INSERT_EVENTS).run(now, JSON.stringify(fired));
  due.forEach(({ rule, firing }, i) => ids[i] !== null && queueWebhook(db, rule, firing, ids[i], incidentIds[i], now));
  return ids;
}

/**
 * PostgreSQL: the same three writes in ONE statement (data-modifying CTEs), sent as a named
 * statement whose text never changes (no query building, one round trip instead of three). The
 * firings go in as one JSON array and alert ids are taken in its order; a repeat of (rule, dedupe
 * key) within `due` is skipped like an earlier alert (DO NOTHING, unlike DO UPDATE, allows it), and
 * only the firing that stored an alert links its incidents; the outbox rows follow the alert ids.
 */
const PERSIST_PG = `WITH d AS (
  SELECT ord, (f ->> 0)::integer AS rule_id, f ->> 1 AS dedupe_key, f ->> 2 AS severity, f ->> 3 AS summary, f ->> 4 AS details, f -> 5 AS incident_ids
  FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(f, ord)),
a AS (
  INSERT INTO alerts (rule_id, dedupe_key, severity, status, fired_at, summary, details)
  SELECT rule_id, dedupe_key, severity, 'firing', $1::bigint, summary, details FROM d ORDER BY ord
  ON CONFLICT (rule_id, dedupe_key) DO NOTHING
  RETURNING id, rule_id, dedupe_key),
w AS (SELECT DISTINCT ON (a.id) a.id, d.incident_ids FROM a JOIN d USING (rule_id, dedupe_key) ORDER BY a.id, d.ord),
l AS (
  INSERT INTO alert_incidents (alert_id, incident_id)
  SELECT DISTINCT w.id, i::integer FROM w, jsonb_array_elements_text(w.incident_ids) AS i
  ON CONFLICT DO NOTHING),
e AS (INSERT INTO events (type, ref_id, action, created_at) SELECT 'alert', id, 'fired', $1::bigint FROM a ORDER BY id)
SELECT id, rule_id AS "ruleId", dedupe_key AS "dedupeKey" FROM a`;

async function persistPg(store: Store, due: DueFiring[], now: number): Promise<(number | null)[]> {
  if (!due.length) return [];
  const firings = due.map(({ rule, firing: f }) => [
    rule.id,
    f.dedupeKey,
    rule.severity,
    f.summary,
    JSON.stringify(f.details),
    f.incidentIds,
  ]);
  const { rows } = await executeNamed(store, PERSIST_PG, [now, JSON.stringify(firings)]);
  const { ids, incidentIds } = assign(due, rows as Inserted[]);
  for (const [i, { rule, firing }] of due.entries()) {
    const d = ids[i] === null ? null : delivery(rule, firing, ids[i], incidentIds[i], now);
    if (d) await enqueueWebhook(store, d);
  }
  return ids;
}

/**
 * Stores many firings with three statements (alerts, links, outbox rows) instead of about five
 * per firing (one incident can fire a dozen rules), in the caller's transaction. Returns the new
 * alert id per firing, null for a duplicate (an earlier alert, or an earlier firing in `due`).
 */
export async function persistFirings(store: Store, due: DueFiring[], now: number): Promise<(number | null)[]> {
  return engineOf(store) === 'sqlite' ? persistSqlite(sqlOf(store), due, now) : persistPg(store, due, now);
}

/**
 * Stores a firing unless (rule, dedupe key) already fired, links its incidents, appends the live
 * outbox row and queues the webhook, all in the caller's transaction. Returns the new alert id,
 * or null when it was a duplicate.
 */
export async function persistFiring(store: Store, rule: Rule, f: Firing, now: number): Promise<number | null> {
  if (engineOf(store) !== 'sqlite') return (await persistPg(store, [{ rule, firing: f }], now))[0];
  const db = sqlOf(store);
  const row = alertStatement(
    db,
    `INSERT INTO alerts (rule_id, dedupe_key, severity, status, fired_at, summary, details) VALUES (?, ?, ?, 'firing', ?, ?, ?)
       ON CONFLICT (rule_id, dedupe_key) DO NOTHING RETURNING id`,
  ).get(rule.id, f.dedupeKey, rule.severity, now, f.summary, JSON.stringify(f.details)) as { id: number } | undefined;
  if (!row) return null;
  const ids = [...new Set(f.incidentIds)];
  const link = alertStatement(db, 'INSERT OR IGNORE INTO alert_incidents (alert_id, incident_id) VALUES (?, ?)');
  for (const incidentId of ids) link.run(row.id, incidentId);
  alertStatement(db, `INSERT INTO events (type, ref_id, action, created_at) VALUES ('alert', ?, 'fired', ?)`).run(row.id, now);
  queueWebhook(db, rule, f, row.id, ids, now);
  return row.id;
}

/** Stores `due` in a savepoint of the caller's transaction: a throw undoes only these writes. */
function persistInSavepoint(store: Store, due: DueFiring[], now: number): Maybe<(number | null)[]> {
  if (engineOf(store) === 'sqlite') {
    const db = sqlOf(store);
    return db.$client.transaction(() => persistSqlite(db, due, now))();
  }
  return persistPgInSavepoint(store, due, now);
}

async function persistPgInSavepoint(store: Store, due: DueFiring[], now: number): Promise<(number | null)[]> {
  // The write's audit row may still be queued on a batching view: a rollback below must not undo it.
  await settleBatchedWrites(store);
  await execute(store, sql`SAVEPOINT alert_firings`);
  try {
    const ids = await persistPg(store, due, now);
    await execute(store, sql`RELEASE SAVEPOINT alert_firings`);
    return ids;
  } catch (err) {
    await execute(store, sql`ROLLBACK TO SAVEPOINT alert_firings`);
    throw err;
  }
}

/**
 * The firings of one evaluation, stored in one savepoint. Should that fail, each is retried in
 * its own savepoint, as firings were stored before: a failing rule is logged and its remaining
 * firings skipped, and it never blocks the ingest or the other rules. Returns the new alert ids.
 * A step (db/queries/alert-step.ts): synchronous on SQLite.
 */
export function* storeFiringsStep(store: Store, due: DueFiring[], now: number): Step<number[]> {
  // No savepoint when nothing fired: opening one makes FTS5 flush the incident just written
  // (its segment merge then lands here instead of at COMMIT).
  if (!due.length) return [];
  try {
    return (yield* read(persistInSavepoint(store, due, now))).filter((id): id is number => id !== null);
  } catch {
    const fired: number[] = [];
    const failed = new Set<number>();
    for (const { rule, firing } of due) {
      if (failed.has(rule.id)) continue;
      try {
        const [id] = yield* read(persistInSavepoint(store, [{ rule, firing }], now));
        if (id !== null) fired.push(id);
      } catch (err) {
        failed.add(rule.id);
        diagnostics().error(
          { component: 'alerts', ruleId: rule.id, err },
          'a rule failed to evaluate; the incidents were stored without its alerts',
        );
      }
    }
    return fired;
  }
}

export const storeFirings = (store: Store, due: DueFiring[], now: number): Promise<number[]> => runAsync(storeFiringsStep(store, due, now));
