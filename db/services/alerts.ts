import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Store } from '@/db/store';
import { builder, transact } from '@/db/engine';
import type { ALERT_STATUSES } from '@/db/schema';
import { alertIncidents, alertRules, alerts, events } from '@/db/schema';
import { getAlert, type AlertItem } from '@/db/queries/alerts';
import { AppError } from '@/lib/errors';
import { audit } from './audit';

export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** Who acts: `name` is shown on the alert, `id` (e.g. token:3, user:7) goes to the audit trail. */
export interface Actor {
  id: string;
  name: string;
}

async function transition(
  store: Store,
  id: number,
  to: 'acknowledged' | 'resolved',
  from: AlertStatus[],
  actor: Actor,
  note: string | null,
  now: number,
): Promise<AlertItem> {
  const by = actor.name;
  const changed = await transact(store, async (tx) => {
    const set =
      to === 'acknowledged'
        ? { status: to, acknowledgedBy: by, acknowledgedAt: now, ackNote: note }
        : { status: to, resolvedBy: by, resolvedAt: now, ...(note ? { ackNote: note } : {}) };
    // The WHERE on the current status settles races, also between instances on PostgreSQL: a
    // concurrent UPDATE of the row waits for the first to commit, then re-checks the status and
    // matches nothing. Only the caller that got the row back writes the event and the audit row.
    const [row] = await builder(tx)
      .update(alerts)
      .set(set)
      .where(and(eq(alerts.id, id), inArray(alerts.status, from)))
      .returning({ id: alerts.id });
    if (row) {
      await builder(tx).insert(events).values({ type: 'alert', refId: id, action: to, createdAt: now });
      await audit(tx, {
        actor: actor.id,
        action: to === 'acknowledged' ? 'acknowledge' : 'resolve',
        entity: 'alert',
        entityId: id,
        after: { status: to, note },
        at: now,
      });
    }
    return Boolean(row);
  });
  const item = await getAlert(store, id);
  if (!item) throw new AppError('not_found', `No alert ${id}.`);
  if (!changed) throw new AppError('conflict', `Alert ${id} is already ${item.status}.`);
  return item;
}

/** firing → acknowledged; a second (concurrent) acknowledgement gets 409. */
export function acknowledgeAlert(store: Store, id: number, actor: Actor, note: string | null, now = Date.now()): Promise<AlertItem> {
  return transition(store, id, 'acknowledged', ['firing'], actor, note, now);
}

/** firing | acknowledged → resolved. */
export function resolveAlert(store: Store, id: number, actor: Actor, note: string | null, now = Date.now()): Promise<AlertItem> {
  return transition(store, id, 'resolved', ['firing', 'acknowledged'], actor, note, now);
}

export interface AlertPage {
  items: AlertItem[];
  nextCursor: string | null;
  counts: Record<AlertStatus, number>;
}

/** Newest first (by id, which follows firing order); the cursor is the last id seen. */
export async function listAlerts(store: Store, opts: { status?: AlertStatus; limit: number; cursor?: number }): Promise<AlertPage> {
  const db = builder(store);
  const rows = await db
    .select({ a: alerts, ruleName: alertRules.name })
    .from(alerts)
    .innerJoin(alertRules, eq(alertRules.id, alerts.ruleId))
    .where(and(opts.status ? eq(alerts.status, opts.status) : undefined, opts.cursor ? lt(alerts.id, opts.cursor) : undefined))
    .orderBy(desc(alerts.id))
    .limit(opts.limit + 1);
  const page = rows.slice(0, opts.limit);
  const ids = page.map((r) => r.a.id);
  const links = ids.length ? await db.select().from(alertIncidents).where(inArray(alertIncidents.alertId, ids)) : [];
  const byAlert = new Map<number, number[]>();
  for (const l of links) byAlert.set(l.alertId, [...(byAlert.get(l.alertId) ?? []), l.incidentId]);
  const counts = { firing: 0, acknowledged: 0, resolved: 0 } as Record<AlertStatus, number>;
  for (const c of await db
    .select({ status: alerts.status, n: sql<number>`count(*)` })
    .from(alerts)
    .groupBy(alerts.status))
    counts[c.status] = Number(c.n);
  const iso = (ms: number | null) => (ms ? new Date(ms).toISOString() : undefined);
  const items = page.map(({ a, ruleName }): AlertItem => {
    const item: AlertItem = {
      id: a.id,
      ruleId: a.ruleId,
      ruleName,
      severity: a.severity,
      status: a.status,
      firedAt: new Date(a.firedAt).toISOString(),
      incidentIds: (byAlert.get(a.id) ?? []).sort((x, y) => x - y),
      summary: a.summary,
      details: JSON.parse(a.details) as Record<string, unknown>,
    };
    if (a.acknowledgedBy) item.acknowledgedBy = a.acknowledgedBy;
    if (a.acknowledgedAt) item.acknowledgedAt = iso(a.acknowledgedAt);
    if (a.ackNote) item.ackNote = a.ackNote;
    if (a.resolvedBy) item.resolvedBy = a.resolvedBy;
    if (a.resolvedAt) item.resolvedAt = iso(a.resolvedAt);
    return item;
  });
  return { items, nextCursor: rows.length > opts.limit ? String(page[page.length - 1].a.id) : null, counts };
}
