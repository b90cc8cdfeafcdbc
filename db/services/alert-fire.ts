import type { Db } from '@/db/connection';
import type { Firing, Rule } from '@/lib/alerts/types';
import { alertStatement } from '@/db/queries/alert-queries';
import { enqueueWebhookSync as enqueueWebhook } from './webhooks';
import { diagnostics } from '@/lib/diagnostics';

/** A firing with the rule it belongs to, waiting to be stored. */
export interface DueFiring {
  rule: Rule;
  firing: Firing;
}

function queueWebhook(db: Db, rule: Rule, f: Firing, alertId: number, incidentIds: number[], now: number): void {
  if (!rule.webhookUrl) return;
  enqueueWebhook(db, {
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
  });
}

/**
 * Stores a firing unless (rule, dedupe key) already fired, links its incidents, appends
 * the live outbox row and queues the webhook, all in the caller's transaction.
 * Returns the new alert id, or null when it was a duplicate.
 */
export function persistFiring(db: Db, rule: Rule, f: Firing, now: number): number | null {
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

// Rows go in as one JSON array each, in firing order (ORDER BY key), so alert ids, links and
// outbox seqs come out exactly as if the firings were stored one by one.
const INSERT_ALERTS = `INSERT INTO alerts (rule_id, dedupe_key, severity, status, fired_at, summary, details)
  SELECT value ->> '$[0]', value ->> '$[1]', value ->> '$[2]', 'firing', ?, value ->> '$[3]', value ->> '$[4]' FROM json_each(?) WHERE true ORDER BY key
  ON CONFLICT (rule_id, dedupe_key) DO NOTHING RETURNING id, rule_id AS ruleId, dedupe_key AS dedupeKey`;
const INSERT_LINKS = `INSERT OR IGNORE INTO alert_incidents (alert_id, incident_id) SELECT value ->> '$[0]', value ->> '$[1]' FROM json_each(?) ORDER BY key`;
const INSERT_EVENTS = `INSERT INTO events (type, ref_id, action, created_at) SELECT 'alert', value, 'fired', ? FROM json_each(?) ORDER BY key`;

/**
 * persistFiring for many firings at once with three statements (alerts, links, outbox rows)
 * instead of about five per firing: one incident can fire a dozen rules. Returns the new alert
 * id per firing, null for a duplicate (an earlier alert, or an earlier firing in `due`).
 */
export function persistFirings(db: Db, due: DueFiring[], now: number): (number | null)[] {
  if (!due.length) return [];
  const rows = due.map(({ rule, firing: f }) => [rule.id, f.dedupeKey, rule.severity, f.summary, JSON.stringify(f.details)]);
  const inserted = alertStatement(db, INSERT_ALERTS).all(now, JSON.stringify(rows)) as { id: number; ruleId: number; dedupeKey: string }[];
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
  if (links.length) alertStatement(db, INSERT_LINKS).run(JSON.stringify(links));
  const fired = ids.filter((id): id is number => id !== null);
  if (fired.length) alertStatement(db, INSERT_EVENTS).run(now, JSON.stringify(fired));
  due.forEach(({ rule, firing }, i) => ids[i] !== null && queueWebhook(db, rule, firing, ids[i], incidentIds[i], now));
  return ids;
}

/**
 * The firings of one evaluation, stored in one savepoint. Should that fail, each is retried in
 * its own savepoint, as firings were stored before: a failing rule is logged and its remaining
 * firings skipped, and it never blocks the ingest or the other rules. Returns the new alert ids.
 */
export function storeFirings(db: Db, due: DueFiring[], now: number): number[] {
  // No savepoint when nothing fired: opening one makes FTS5 flush the incident just written
  // (its segment merge then lands here instead of at COMMIT).
  if (!due.length) return [];
  try {
    return db.$client
      .transaction(() => persistFirings(db, due, now))()
      .filter((id): id is number => id !== null);
  } catch {
    const fired: number[] = [];
    const failed = new Set<number>();
    for (const { rule, firing } of due) {
      if (failed.has(rule.id)) continue;
      try {
        const id = db.$client.transaction(() => persistFiring(db, rule, firing, now))();
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
