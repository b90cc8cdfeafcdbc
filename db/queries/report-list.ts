/**
 * The triage queue (GET /api/reports): filters to SQL, newest stored first, keyset-paged on the
 * id so a page's cursor stays valid while feeds add reports (they land before page one).
 */
import { and, count, desc, eq, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { reports } from '@/db/schema';
import { sqlOf } from '@/db/connection';
import type { Store } from '@/db/store';
import type { ReportPage } from '@/lib/intake/report-types';
import { decodeReportCursor, encodeReportCursor, type ReportListQuery } from '@/lib/validation/report-queries';
import { toReportItem } from './reports';

/** A search word is matched as typed, never as a LIKE pattern: `%`, `_` and `\` are escaped. */
const likeTerm = (word: string) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** At most this many words of `q` are searched; each must occur in the title or the text. */
const MAX_Q_WORDS = 8;

function conditions(q: Omit<ReportListQuery, 'limit' | 'cursor'>): SQL[] {
  const out: SQL[] = [];
  if (q.status) out.push(eq(reports.status, q.status));
  if (q.sourceId !== undefined) out.push(eq(reports.sourceId, q.sourceId));
  if (q.region) out.push(q.region === 'none' ? isNull(reports.region) : eq(reports.region, q.region));
  const words = (q.q ?? '').split(/\s+/).filter(Boolean).slice(0, MAX_Q_WORDS);
  for (const w of words) {
    const term = likeTerm(w);
    // LIKE is case-insensitive for ASCII, which is what the outlets publish in.
    out.push(sql`(${reports.title} LIKE ${term} ESCAPE '\\' OR ${reports.text} LIKE ${term} ESCAPE '\\')`);
  }
  return out;
}

/** One page of reports matching the query, with the count of every match. */
export function listReports(store: Store, query: ReportListQuery): ReportPage {
  const db = sqlOf(store);
  const where = conditions(query);
  const total = db
    .select({ n: count() })
    .from(reports)
    .where(where.length ? and(...where) : undefined)
    .get()!.n;
  if (query.limit === 0) return { items: [], total, nextCursor: null };
  const after = query.cursor ? decodeReportCursor(query.cursor) : null;
  const paged = after === null ? where : [...where, lt(reports.id, after)];
  const rows = db
    .select()
    .from(reports)
    .where(paged.length ? and(...paged) : undefined)
    .orderBy(desc(reports.id))
    .limit(query.limit + 1)
    .all();
  const more = rows.length > query.limit;
  const items = rows.slice(0, query.limit).map(toReportItem);
  return { items, total, nextCursor: more ? encodeReportCursor(items.at(-1)!.id) : null };
}
