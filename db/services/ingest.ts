import { sql } from 'drizzle-orm';
import { sqlOf } from '@/db/connection';
import { builder, engineOf } from '@/db/engine';
import { storeFile, type Store } from '@/db/store';
import { executePrepared } from '@/db/pg/named-statements';
import { groups } from '@/db/schema';
import type { NormalizedIncident } from '@/lib/incidents/normalize';
import { GroupMatcher, type GroupDef } from '@/lib/taxonomy/groups';
import type { WriteOptions, WriteResult } from './incident-content';
import { writeIncidentsConcurrent } from './ingest-concurrent';
import { loadGroupDefsSync, loadGroupMatcherSync, writeIncidentsSync } from './ingest-sqlite';

export type { Dataset, WriteOptions, WriteResult } from './incident-content';
export { loadGroupDefsSync, loadGroupMatcherSync, writeIncidentsSync, type SqlWriter } from './ingest-sqlite';

/** Every group in the database (known seeds plus groups created by imports). */
export async function loadGroupDefs(store: Store): Promise<GroupDef[]> {
  if (engineOf(store) === 'sqlite') return loadGroupDefsSync(store);
  const rows = await builder(store).select().from(groups);
  return rows.map((g): GroupDef => ({ ...g, aliases: JSON.parse(g.aliases) as string[] }));
}

/** PostgreSQL matchers by database (storeFile): every instance and transaction of one database shares its groups. */
const pgMatchers = new Map<string, { groups: number; matcher: GroupMatcher }>();

/**
 * A matcher over every group in the database, cached per database: groups are only ever added
 * (never edited), so their count tells when to rebuild.
 */
export async function loadGroupMatcher(store: Store): Promise<GroupMatcher> {
  if (engineOf(store) === 'sqlite') return loadGroupMatcherSync(store);
  const key = storeFile(store);
  // Every POST asks: a named statement (no query building, parsing or planning per call).
  const { rows } = await executePrepared(store, sql`SELECT count(*) AS n FROM groups`);
  const { n } = rows[0] as { n: number };
  const hit = pgMatchers.get(key);
  if (hit && hit.groups === n) return hit.matcher;
  const matcher = new GroupMatcher(await loadGroupDefs(store));
  pgMatchers.set(key, { groups: n, matcher });
  return matcher;
}

/**
 * The PostgreSQL matcher built last for this database and the group count it was built at, without
 * asking the database: for a write that checks the count itself (./incident-insert-pg.ts).
 */
export function cachedGroupMatcher(store: Store): { groups: number; matcher: GroupMatcher } | undefined {
  return engineOf(store) === 'postgres' ? pgMatchers.get(storeFile(store)) : undefined;
}

/**
 * Upserts normalized incidents on (source, source_id) inside the caller's transaction (the `tx`
 * of transact()): new rows insert, changed rows update, identical rows are left alone, so
 * re-imports are idempotent. Every insert or update appends to the outbox in the same transaction.
 * SQLite runs the synchronous prepared-statement path (./ingest-sqlite.ts: every POST's cost).
 */
export async function writeIncidents(tx: Store, rows: NormalizedIncident[], opts: WriteOptions): Promise<WriteResult> {
  if (engineOf(tx) === 'sqlite') return writeIncidentsSync(sqlOf(tx), rows, opts);
  return writeIncidentsConcurrent(tx, rows, opts);
}
