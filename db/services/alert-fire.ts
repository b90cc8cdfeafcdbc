import type { Db } from '@/db/connection';
import type { Firing, Rule } from '@/lib/alerts/types';
import { alertStatement } from './alert-queries';
import { enqueueWebhook } from './webhooks';

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
  if (rule.webhookUrl) {
    enqueueWebhook(db, {
      alertId: row.id,
      ruleId: rule.id,
      url: rule.webhookUrl,
      now,
      payload: {
        event: 'alert.fired',
        alert: {
          id: row.id,
          ruleId: rule.id,
          ruleName: rule.name,
          ruleKind: rule.kind,
          severity: rule.severity,
          status: 'firing',
          firedAt: new Date(now).toISOString(),
          incidentIds: ids,
          summary: f.summary,
          details: f.details,
        },
      },
    });
  }
  return row.id;
}
