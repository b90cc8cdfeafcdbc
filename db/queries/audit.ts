import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { builder, engineOf } from '@/db/engine';
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
export async function listAudit(store: Store, f: AuditFilter): Promise<{ items: AuditRow[]; nextCursor: number | null }> {
  const where: SQL[] = [];
  // Prefix match: on SQLite as a byte range, which uses the actor index and needs no LIKE
  // escaping; on PostgreSQL starts_with(), since under a linguistic collation a range need not
  // hold exactly the strings with that prefix.
  if (f.actor) {
    if (engineOf(store) === 'postgres') where.push(sql`starts_with(${auditLog.actor}, ${f.actor})`);
    else where.push(gte(auditLog.actor, f.actor), lt(auditLog.actor, `${f.actor}\uffff`));
  }
  if (f.action) where.push(eq(auditLog.action, f.action));
  if (f.entity) where.push(eq(auditLog.entity, f.entity));
  if (f.entityId) where.push(eq(auditLog.entityId, f.entityId));
  const from = auditBound(f.from, false);
  const to = auditBound(f.to, true);
  if (from !== undefined) where.push(gte(auditLog.at, from));
  if (to !== undefined) where.push(lt(auditLog.at, to));
  if (f.cursor) where.push(lt(auditLog.id, f.cursor));
  const rows = await builder(store)
    .select()
    .from(auditLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(f.limit + 1);
  const page = rows.slice(0, f.limit).map((r) => ({ ...r, before: parse(r.before), after: parse(r.after) }));
  return { items: page, nextCursor: rows.length > f.limit ? page[page.length - 1].id : null };
}

/** Distinct values for the filter dropdowns. */
export async function auditFacets(store: Store): Promise<{ actions: string[]; entities: string[] }> {
  const distinct = async (column: typeof auditLog.action | typeof auditLog.entity): Promise<string[]> =>
    (await builder(store).selectDistinct({ v: column }).from(auditLog).orderBy(column)).map((r) => r.v);
  const [actions, entities] = await Promise.all([distinct(auditLog.action), distinct(auditLog.entity)]);
  return { actions, entities };
}
