import { eq, sql } from 'drizzle-orm';
import { sqlOf, type Db } from '@/db/connection';
import type { Store } from '@/db/store';
import { alertIncidents, alertRules, alerts } from '@/db/schema';
import type { AlertItem } from '@/lib/contract';

export type { AlertItem } from '@/lib/contract';

function alertStatements(db: Db) {
  const id = sql.placeholder('id');
  return {
    alert: db
      .select({ alert: alerts, ruleName: alertRules.name })
      .from(alerts)
      .innerJoin(alertRules, eq(alertRules.id, alerts.ruleId))
      .where(eq(alerts.id, id))
      .prepare(),
    incidents: db.select({ id: alertIncidents.incidentId }).from(alertIncidents).where(eq(alertIncidents.alertId, id)).prepare(),
  };
}
const prepared = new WeakMap<Db['$client'], ReturnType<typeof alertStatements>>();

/** One alert with its incident ids (prepared once per connection: every fired alert is read for the live stream). */
export function getAlert(store: Store, id: number): AlertItem | null {
  const db = sqlOf(store);
  let s = prepared.get(db.$client);
  if (!s) prepared.set(db.$client, (s = alertStatements(db)));
  const row = s.alert.get({ id });
  if (!row) return null;
  const a = row.alert;
  const ids = s.incidents.all({ id });
  return {
    id: a.id,
    ruleId: a.ruleId,
    ruleName: row.ruleName,
    severity: a.severity,
    status: a.status,
    firedAt: new Date(a.firedAt).toISOString(),
    incidentIds: ids.map((r) => r.id),
    summary: a.summary,
    details: JSON.parse(a.details) as Record<string, unknown>,
    ...(a.acknowledgedBy ? { acknowledgedBy: a.acknowledgedBy } : {}),
    ...(a.acknowledgedAt ? { acknowledgedAt: new Date(a.acknowledgedAt).toISOString() } : {}),
    ...(a.ackNote ? { ackNote: a.ackNote } : {}),
    ...(a.resolvedBy ? { resolvedBy: a.resolvedBy } : {}),
    ...(a.resolvedAt ? { resolvedAt: new Date(a.resolvedAt).toISOString() } : {}),
  };
}
