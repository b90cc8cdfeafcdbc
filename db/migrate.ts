import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { sql } from 'drizzle-orm';
import { join } from 'node:path';
import { sqlOf } from './connection';
import type { Store } from './store';
import { refreshPlannerStats } from './planner-stats';
import { groups, meta, regions } from './schema';
import { KNOWN_GROUPS } from '@/lib/taxonomy/groups';
import { REGIONS } from '@/lib/taxonomy/regions';

export const MIGRATIONS_FOLDER = join(process.cwd(), 'db', 'migrations');

/** Applies committed migrations, then keeps reference rows and zone-dependent columns current. */
export function migrateDatabase(store: Store, opts: { reportTimeZone: string }): void {
  const db = sqlOf(store);
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  db.transaction(
    (tx) => {
      for (const r of REGIONS) {
        tx.insert(regions)
          .values(r)
          .onConflictDoUpdate({
            target: regions.id,
            set: { name: r.name, country: r.country, approximate: r.approximate, description: r.description },
          })
          .run();
      }
      for (const g of KNOWN_GROUPS) {
        const row = { ...g, aliases: JSON.stringify(g.aliases) };
        tx.insert(groups).values(row).onConflictDoUpdate({ target: groups.id, set: row }).run();
      }
      // occurred_day of timed rows is the local date in the reporting zone: recompute if the zone changed.
      const current = tx
        .select()
        .from(meta)
        .where(sql`${meta.key} = 'report_time_zone'`)
        .get();
      if (current?.value !== opts.reportTimeZone) {
        if (current) {
          tx.run(sql`UPDATE incidents SET occurred_day = local_day(occurred_at, ${opts.reportTimeZone}) WHERE has_time = 1`);
        }
        tx.insert(meta)
          .values({ key: 'report_time_zone', value: opts.reportTimeZone })
          .onConflictDoUpdate({ target: meta.key, set: { value: opts.reportTimeZone } })
          .run();
      }
    },
    { behavior: 'immediate' },
  );
  // Planner statistics: without sqlite_stat1, SQLite reads a whole day range through the day index
  // and sorts it for a newest-first page; with stale ones, FTS5 merges scan their whole index.
  refreshPlannerStats(db);
}
