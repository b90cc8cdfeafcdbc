import type Database from 'better-sqlite3';
import { toFtsQuery } from '@/lib/validation/fts';

/**
 * SQLite's own answer to a free-text query: the FTS5 MATCH the product builds (toFtsQuery) over
 * incidents_fts, ids ascending; [] when the query has no searchable word. The reference the
 * PostgreSQL search and the in-memory word index are held to.
 */
export function sqliteFtsIds(client: Database.Database, q: string): number[] {
  const m = toFtsQuery(q);
  if (m === null) return [];
  return client.prepare('SELECT rowid FROM incidents_fts WHERE incidents_fts MATCH ? ORDER BY rowid').pluck().all(m) as number[];
}

/**
 * Query text that is syntax in FTS5 or tsquery (quotes, operators, prefixes, NEAR, SQL): every
 * search must treat it as words, or as nothing, and never fail.
 */
export const HOSTILE_QUERIES: readonly string[] = [
  '"',
  'a"b',
  "'",
  "''",
  '&|!',
  'x:*',
  '(((',
  '!bannu',
  'bannu | quetta',
  '<->',
  '\\',
  "'; DROP TABLE incidents; --",
  'NEAR(a b)',
  '   ',
];
