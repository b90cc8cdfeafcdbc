/**
 * The triage queue (GET /api/reports): filters to SQL, newest stored first, keyset-paged on the
 * id so a page's cursor stays valid while feeds add reports (they land before page one).
 */
import { and, count, desc, eq, isNull, lt, type SQL } from 'drizzle-orm';
import { reports } from '@/db/schema';
import { builder, engineOf, type Engine } from '@/db/engine';
import type { Store } from '@/db/store';
import type { ReportPage } from '@/lib/intake/report-types';
import { decodeReportCursor, encodeReportCursor, type ReportListQuery } from '@/lib/validation/report-queries';
import { countSearchOnly, searchCondition } from './report-search';
import { toReportItem } from './reports';

function conditions(engine: Engine, q: Omit<ReportListQuery, 'limit' | 'cursor'>): SQL[] {
  const out: SQL[] = [];
  if (q.status) out.push(eq(reports.status, q.status));
  if (q.sourceId !== undefined) out.push(eq(reports.sourceId, q.sourceId));
  if (q.region) out.push(q.region === 'none' ? isNull(reports.region) : eq(reports.region, q.region));
  if (q.q) out.push(searchCondition(engine, q.q));
  return out;
}

async function total(store: Store, query: ReportListQuery, where: SQL[]): Promise<number> {
  if (query.q && !query.status && query.sourceId === undefined && !query.region) return countSearchOnly(store, engineOf(store), query.q);
  const [row] = await builder(store)
    .select({ n: count() })
    .from(reports)
    .where(where.length ? and(...where) : undefined);
  return row.n;
}

/** One page of reports matching the query, with the count of every match. */
export async function listReports(store: Store, query: ReportListQuery): Promise<ReportPage> {
  const where = conditions(engineOf(store), query);
  const n = await total(store, query, where);
  if (query.limit === 0) return { items: [], total: n, nextCursor: null };
  const after = query.cursor ? decodeReportCursor(query.cursor) : null;
  const paged = after === null ? where : [...where, lt(reports.id, after)];
  const rows = await builder(store)
    .select()
    .from(reports)
    .where(paged.length ? and(...paged) : undefined)
    .orderBy(desc(reports.id))
    .limit(query.limit + 1);
  const more = rows.length > query.limit;
  const items = rows.slice(0, query.limit).map(toReportItem);
  return { items, total: n, nextCursor: more ? encodeReportCursor(items.at(-1)!.id) : null };
}
