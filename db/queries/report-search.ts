/**
 * Word search over reports' title and text (the queue's `q`). A LIKE scan reads every report's
 * text: about 300 ms at 100,000 reports (docs/benchmarks.md), six times the queue's 50 ms target.
 * With a full-text table `reports_fts` (FTS5 over title and text, rowid = reports.id; see
 * docs/intake.md for its DDL) the same search is an index look-up; until a migration adds it,
 * the scan answers. The table is looked for once per schema change of the connection.
 */
import { sql, type SQL } from 'drizzle-orm';
import { reports } from '@/db/schema';
import type { Db } from '@/db/connection';
import { ftsWords, toFtsQuery } from '@/lib/validation/fts';

/** At most this many words of `q` are searched; each must occur in the title or the text. */
const MAX_Q_WORDS = 8;

const seen = new WeakMap<Db['$client'], { version: number; indexed: boolean }>();

/** Whether the connection's schema has the reports' full-text table. */
export function hasReportSearchIndex(db: Db): boolean {
  const version = db.$client.pragma('schema_version', { simple: true }) as number;
  const known = seen.get(db.$client);
  if (known?.version === version) return known.indexed;
  const indexed = db.$client.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'reports_fts'").get() !== undefined;
  seen.set(db.$client, { version, indexed });
  return indexed;
}

/** A search word is matched as typed, never as a LIKE pattern: `%`, `_` and `\` are escaped. */
const likeTerm = (word: string) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The full-text expression of `q` (every word a prefix term), or null when it has no words. */
export function reportFtsQuery(q: string): string | null {
  return toFtsQuery(ftsWords(q, MAX_Q_WORDS).join(' '));
}

/** The condition on `reports` that `q` puts: index look-up when there is one, else a scan. */
export function searchCondition(db: Db, q: string): SQL | null {
  if (hasReportSearchIndex(db)) {
    const match = reportFtsQuery(q);
    // Only separators (`%`, `"`): no word to find, so nothing matches (as the scan finds no such text).
    return match === null ? sql`0` : sql`${reports.id} IN (SELECT rowid FROM reports_fts WHERE reports_fts MATCH ${match})`;
  }
  const words = q.split(/\s+/).filter(Boolean).slice(0, MAX_Q_WORDS);
  if (!words.length) return null;
  // LIKE is case-insensitive for ASCII, which is what the outlets publish in.
  const each = words.map((w) => sql`(${reports.title} LIKE ${likeTerm(w)} ESCAPE '\\' OR ${reports.text} LIKE ${likeTerm(w)} ESCAPE '\\')`);
  return sql.join(each, sql` AND `);
}

/** The count of a search alone, read off the full-text index without touching the reports. */
export function countSearchOnly(db: Db, q: string): number | null {
  if (!hasReportSearchIndex(db)) return null;
  const match = reportFtsQuery(q);
  if (match === null) return 0;
  return db.$client.prepare('SELECT count(*) FROM reports_fts WHERE reports_fts MATCH ?').pluck().get(match) as number;
}
