/**
 * Word search over reports' title and text (the queue's `q`). Every word is a quoted prefix term,
 * as in the incident search (lib/validation/fts.ts), so user text never causes a syntax error and
 * "martyr" finds "martyred". SQLite: the full-text table reports_fts (FTS5 over title and text,
 * rowid = reports.id; migration 0009, kept by triggers). PostgreSQL: the GIN index over
 * reports_search_doc(title, text) (db/migrations-pg 0001), queried with the same words.
 */
import { count, sql, type SQL } from 'drizzle-orm';
import { reports } from '@/db/schema';
import { sqlOf } from '@/db/connection';
import { builder, type Engine } from '@/db/engine';
import type { Store } from '@/db/store';
import { ftsWords, toFtsQuery, toTsQuery } from '@/lib/validation/fts';

/** At most this many words of `q` are searched; each must occur in the title or the text. */
const MAX_Q_WORDS = 8;

const words = (q: string) => ftsWords(q, MAX_Q_WORDS).join(' ');

/** The full-text expression of `q` (every word a prefix term), or null when it has no words. */
export function reportFtsQuery(q: string): string | null {
  return toFtsQuery(words(q));
}

/** The condition on `reports` that `q` puts, in the engine's own full-text search. */
export function searchCondition(engine: Engine, q: string): SQL {
  if (engine === 'postgres') {
    const query = toTsQuery(words(q));
    // Written as the index's expression, so the planner uses reports_search_idx.
    return query === null
      ? sql`1 = 0`
      : sql`reports_search_doc(${reports.title}, ${reports.text}) @@ to_tsquery('public.frontier_search', ${query})`;
  }
  const match = reportFtsQuery(q);
  // Only separators (`%`, `"`): no word to find, so nothing matches.
  return match === null ? sql`1 = 0` : sql`${reports.id} IN (SELECT rowid FROM reports_fts WHERE reports_fts MATCH ${match})`;
}

/** The count of a search alone: on SQLite read off the full-text index without touching the reports. */
export async function countSearchOnly(store: Store, engine: Engine, q: string): Promise<number> {
  if (engine === 'postgres') {
    const [row] = await builder(store).select({ n: count() }).from(reports).where(searchCondition(engine, q));
    return row.n;
  }
  const match = reportFtsQuery(q);
  if (match === null) return 0;
  return sqlOf(store).$client.prepare('SELECT count(*) FROM reports_fts WHERE reports_fts MATCH ?').pluck().get(match) as number;
}
