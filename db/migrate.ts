import { migrate as migrateSqliteFiles } from 'drizzle-orm/better-sqlite3/migrator';
import { migrate as migratePgFiles } from 'drizzle-orm/node-postgres/migrator';
import { eq, sql } from 'drizzle-orm';
import { join } from 'node:path';
import { sqlOf, type Db } from './connection';
import type { Store } from './store';
import { builder, rows, transact, type Sql } from './engine';
import { pgOf, isPgStore } from './pg/store';
import { withMigrationLock } from './pg/migration-lock';
import { refreshPlannerStats } from './planner-stats';
import { groups, incidents, meta, regions } from './schema';
import { KNOWN_GROUPS } from '@/lib/taxonomy/groups';
import { REGIONS } from '@/lib/taxonomy/regions';

export const MIGRATIONS_FOLDER = join(process.cwd(), 'db', 'migrations');
export const PG_MIGRATIONS_FOLDER = join(process.cwd(), 'db', 'migrations-pg');

interface MigrateOptions {
  reportTimeZone: string;
}

/**
 * The writes that keep reference rows and zone-dependent columns current after the schema
 * migrations, as unexecuted statements: one definition, run synchronously on SQLite (first use of
 * the process store is synchronous) and awaited on PostgreSQL. `storedZone` is the zone recorded
 * in `meta` (undefined on a new database).
 */
/** A built statement: awaited it runs on either engine, run() runs it synchronously on SQLite. */
type Write = PromiseLike<unknown> & { run(): unknown };

function referenceWrites(db: Sql, storedZone: string | undefined, opts: MigrateOptions): Write[] {
  const writes: Write[] = [];
  for (const r of REGIONS) {
    const set = { name: r.name, country: r.country, approximate: r.approximate, description: r.description };
    writes.push(db.insert(regions).values(r).onConflictDoUpdate({ target: regions.id, set }));
  }
  for (const g of KNOWN_GROUPS) {
    const row = { ...g, aliases: JSON.stringify(g.aliases) };
    writes.push(db.insert(groups).values(row).onConflictDoUpdate({ target: groups.id, set: row }));
  }
  // occurred_day of timed rows is the local date in the reporting zone: recompute if the zone changed.
  if (storedZone !== opts.reportTimeZone) {
    if (storedZone !== undefined)
      writes.push(
        db
          .update(incidents)
          .set({ occurredDay: sql`local_day(${incidents.occurredAt}, ${opts.reportTimeZone})` })
          .where(eq(incidents.hasTime, true)),
      );
    writes.push(
      db
        .insert(meta)
        .values({ key: 'report_time_zone', value: opts.reportTimeZone })
        .onConflictDoUpdate({ target: meta.key, set: { value: opts.reportTimeZone } }),
    );
  }
  return writes;
}

const ZONE_KEY = 'report_time_zone';

/**
 * SQLite, synchronously: the committed migrations, then reference rows and zone-dependent
 * columns. db-internal (the process store's first use, and tests that build a file by hand).
 */
export function migrateSqlite(db: Db, opts: MigrateOptions): void {
  migrateSqliteFiles(db, { migrationsFolder: MIGRATIONS_FOLDER });
  db.$client
    .transaction(() => {
      const stored = db.select().from(meta).where(eq(meta.key, ZONE_KEY)).get()?.value;
      for (const w of referenceWrites(db, stored, opts)) w.run();
    })
    .immediate();
  // Planner statistics: without sqlite_stat1, SQLite reads a whole day range through the day index
  // and sorts it for a newest-first page; with stale ones, FTS5 merges scan their whole index.
  void refreshPlannerStats(db);
}

/**
 * Applies the committed migrations of the store's engine (db/migrations or db/migrations-pg),
 * then keeps reference rows (regions, known groups) and zone-dependent columns current. On
 * PostgreSQL, instances starting together are safe: they migrate one at a time under an
 * advisory lock (db/pg/migration-lock.ts), and the reference writes are upserts.
 */
export async function migrateDatabase(store: Store, opts: MigrateOptions): Promise<void> {
  if (!isPgStore(store)) return migrateSqlite(sqlOf(store), opts);
  const applied = await withMigrationLock(store, async () => {
    const before = await appliedPgMigrations(store);
    await migratePgFiles(pgOf(store), { migrationsFolder: PG_MIGRATIONS_FOLDER });
    return (await appliedPgMigrations(store)) !== before;
  });
  const zoneChanged = await transact(store, async (tx) => {
    const db = builder(tx);
    const [stored] = await db.select().from(meta).where(eq(meta.key, ZONE_KEY));
    for (const w of referenceWrites(db, stored?.value, opts)) await w;
    return stored?.value !== opts.reportTimeZone;
  });
  // A new migration may add an expression index or rewrite columns, as a zone change rewrites
  // occurred_day: the whole database then. Otherwise (every restart) only the tables that need it.
  await refreshPlannerStats(store, applied || zoneChanged ? 'all' : 'stale');
}

/** How many migrations drizzle has recorded (0 on a new database, before its log table exists). */
async function appliedPgMigrations(store: Store): Promise<number> {
  // Two statements: a query naming a missing table fails when parsed, whatever a CASE says.
  const [{ log }] = await rows<{ log: string | null }>(store, sql`SELECT to_regclass('drizzle.__drizzle_migrations')::text AS log`);
  if (!log) return 0;
  const [{ n }] = await rows<{ n: number }>(store, sql`SELECT count(*) AS n FROM drizzle.__drizzle_migrations`);
  return Number(n);
}
