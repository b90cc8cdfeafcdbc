/**
 * Word search over reports' title and text (the queue's `q`), on the full-text table reports_fts
 * (FTS5 over title and text, rowid = reports.id; migration 0009, kept by triggers). Every word is
 * a quoted prefix term, as in the incident search (lib/validation/fts.ts), so user text never
 * causes a syntax error and "martyr" finds "martyred".
 */
import { sql, type SQL } from 'drizzle-orm';
import { reports } from '@/db/schema';
import type { Db } from '@/db/connection';
import { ftsWords, toFtsQuery } from '@/lib/validation/fts';

/** At most this many words of `q` are searched; each must occur in the title or the text. */
const MAX_Q_WORDS = 8;

/** The full-text expression of `q` (every word a prefix term), or null when it has no words. */
export function reportFtsQuery(q: string): string | null {
  return toFtsQuery(ftsWords(q, MAX_Q_WORDS).join(' '));
}

/** The condition on `reports` that `q` puts. */
export function searchCondition(q: string): SQL {
  const match = reportFtsQuery(q);
  // Only separators (`%`, `"`): no word to find, so nothing matches.
  return match === null ? sql`0` : sql`${reports.id} IN (SELECT rowid FROM reports_fts WHERE reports_fts MATCH ${match})`;
}

/** The count of a search alone, read off the full-text index without touching the reports. */
export function countSearchOnly(db: Db, q: string): number {
  const match = reportFtsQuery(q);
  if (match === null) return 0;
  return db.$client.prepare('SELECT count(*) FROM reports_fts WHERE reports_fts MATCH ?').pluck().get(match) as number;
}
