import type Database from 'better-sqlite3';
import type { Db } from './connection';

const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * A prepared statement cached per connection and SQL text. Hot paths (alert evaluation, weekly
 * rollups, the incident index) run many small queries: drizzle's per-call query building and
 * re-preparing cost more than the indexed lookups themselves. SQLite only: engine-neutral code
 * calls it on an `engineOf(store) === 'sqlite'` branch (db/engine.ts).
 */
export function cachedStatement(db: Db, text: string): Database.Statement {
  const client = db.$client;
  let cache = caches.get(client);
  if (!cache) caches.set(client, (cache = new Map<string, Database.Statement>()));
  let s = cache.get(text);
  if (!s) {
    // Checked on a miss only, so a hit costs nothing more: a PostgreSQL pool has no prepare().
    if (typeof client.prepare !== 'function') throw new Error('cachedStatement needs a SQLite connection; this store is PostgreSQL');
    s = client.prepare(text);
    if (cache.size > 500) cache.clear();
    cache.set(text, s);
  }
  return s;
}
