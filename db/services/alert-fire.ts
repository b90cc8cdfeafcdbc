import { alertIncidents, alerts, events } from '@/db/schema';
import type { Firing, Rule } from '@/lib/alerts/types';
import type { SqlDb } from './alert-db';
import { enqueueWebhook } from './webhooks';

/**
 * Stores a firing unless (rule, dedupe key) already fired, links its incidents, appends
 * the live outbox row and queues the webhook, all in the caller's transaction.
 * Returns the new alert id, or null when it was a duplicate.
 */
export function persistFiring(db: SqlDb, rule: Rule, f: Firing, now: number): number | null {
  const row = db
    .insert(alerts)
    .values({ ruleId: rule.id, dedupeKey: f.dedupeKey, severity: rule.severity, status: 'firing', firedAt: now, summary: f.summary, details: JSON.stringify(f.details) })
    .onConflictDoNothing()
    .returning({ id: alerts.id })
    .get();
  if (!row) return null;
  const ids = [...new Set(f.incidentIds)];
  for (let i = 0; i < ids.length; i += 500) {
    db.insert(alertIncidents).values(ids.slice(i, i + 500).map((incidentId) => ({ alertId: row.id, incidentId }))).onConflictDoNothing().run();
  }
  db.insert(events).values({ type: 'alert', refId: row.id, action: 'fired', createdAt: now }).run();
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
