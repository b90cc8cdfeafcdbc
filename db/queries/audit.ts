import { and, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import { sqlOf } from '@/db/connection';
import type { Store } from '@/db/store';
import { auditLog } from '@/db/schema';
import { auditBound, type AuditFilter } from '@/lib/validation/audit-filter';

export interface AuditRow {
  id: number;
  at: number;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

function parse(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Newest first, keyset-paged by id. `actor` matches a prefix (`user:` finds every user). */
export function listAudit(store: Store, f: AuditFilter): { items: AuditRow[]; nextCursor: number | null } {
  const db = sqlOf(store);
  const where: SQL[] = [];
  // Prefix match as a range so it uses the actor index and needs no LIKE escaping.
  if (f.actor) where.push(gte(auditLog.actor, f.actor), lt(auditLog.actor, `${f.actor}\uffff`));
  if (f.action) where.push(eq(auditLog.action, f.action));
  if (f.entity) where.push(eq(auditLog.entity, f.entity));
  if (f.entityId) where.push(eq(auditLog.entityId, f.entityId));
  const from = auditBound(f.from, false);
  const to = auditBound(f.to, true);
  if (from !== undefined) where.push(gte(auditLog.at, from));
  if (to !== undefined) where.push(lt(auditLog.at, to));
  if (f.cursor) where.push(lt(auditLog.id, f.cursor));
  const rows = db
    .select()
    .from(auditLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(f.limit + 1)
    .all();
  const page = rows.slice(0, f.limit).map((r) => ({ ...r, before: parse(r.before), after: parse(r.after) }));
  return { items: page, nextCursor: rows.length > f.limit ? page[page.length - 1].id : null };
}

/** Distinct values for the filter dropdowns. */
export function auditFacets(store: Store): { actions: string[]; entities: string[] } {
  const db = sqlOf(store);
  const distinct = (column: typeof auditLog.action | typeof auditLog.entity): string[] =>
    db
      .selectDistinct({ v: column })
      .from(auditLog)
      .orderBy(column)
      .all()
      .map((r) => r.v);
  return { actions: distinct(auditLog.action), entities: distinct(auditLog.entity) };
}
