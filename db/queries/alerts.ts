import { eq, sql } from 'drizzle-orm';
import { sqlOf, type Db } from '@/db/connection';
import type { Store } from '@/db/store';
import { builder, engineOf } from '@/db/engine';
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
    // In id order on both engines (the primary key index's order on SQLite, so this costs nothing).
    incidents: db
      .select({ id: alertIncidents.incidentId })
      .from(alertIncidents)
      .where(eq(alertIncidents.alertId, id))
      .orderBy(alertIncidents.incidentId)
      .prepare(),
  };
}
const prepared = new WeakMap<Db['$client'], ReturnType<typeof alertStatements>>();

type AlertRow = typeof alerts.$inferSelect;

function toItem(a: AlertRow, ruleName: string, incidentIds: number[]): AlertItem {
  return {
    id: a.id,
    ruleId: a.ruleId,
    ruleName,
    severity: a.severity,
    status: a.status,
    firedAt: new Date(a.firedAt).toISOString(),
    incidentIds,
    summary: a.summary,
    details: JSON.parse(a.details) as Record<string, unknown>,
    ...(a.acknowledgedBy ? { acknowledgedBy: a.acknowledgedBy } : {}),
    ...(a.acknowledgedAt ? { acknowledgedAt: new Date(a.acknowledgedAt).toISOString() } : {}),
    ...(a.ackNote ? { ackNote: a.ackNote } : {}),
    ...(a.resolvedBy ? { resolvedBy: a.resolvedBy } : {}),
    ...(a.resolvedAt ? { resolvedAt: new Date(a.resolvedAt).toISOString() } : {}),
  };
}

/**
 * getAlert on SQLite, synchronously: statements prepared once per connection (every fired alert is
 * read for the live stream). Also for the live stream's frame builder, which is still synchronous.
 */
export function getAlertSync(store: Store, id: number): AlertItem | null {
  const db = sqlOf(store);
  let s = prepared.get(db.$client);
  if (!s) prepared.set(db.$client, (s = alertStatements(db)));
  const row = s.alert.get({ id });
  if (!row) return null;
  return toItem(
    row.alert,
    row.ruleName,
    s.incidents.all({ id }).map((r) => r.id),
  );
}

/** One alert with its incident ids (ascending), or null. */
export async function getAlert(store: Store, id: number): Promise<AlertItem | null> {
  if (engineOf(store) === 'sqlite') return getAlertSync(store, id);
  const db = builder(store);
  const [row] = await db
    .select({ alert: alerts, ruleName: alertRules.name })
    .from(alerts)
    .innerJoin(alertRules, eq(alertRules.id, alerts.ruleId))
    .where(eq(alerts.id, id));
  if (!row) return null;
  const ids = await db
    .select({ id: alertIncidents.incidentId })
    .from(alertIncidents)
    .where(eq(alertIncidents.alertId, id))
    .orderBy(alertIncidents.incidentId);
  return toItem(
    row.alert,
    row.ruleName,
    ids.map((r) => r.id),
  );
}
