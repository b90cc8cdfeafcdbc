import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import * as schema from '@/db/schema-pg';

export const PG_MIGRATIONS = join(process.cwd(), 'db', 'migrations-pg');

/** Why a PostgreSQL test is skipped, or null when TEST_DATABASE_URL names a server to test on. */
export const pgSkipReason = process.env.TEST_DATABASE_URL
  ? null
  : 'TEST_DATABASE_URL is not set (the URL of a PostgreSQL server on which tests may create databases)';

export interface FreshPg {
  db: NodePgDatabase<typeof schema>;
  pool: pg.Pool;
  url: string;
  drop(): Promise<void>;
}

/**
 * A new, empty database on the TEST_DATABASE_URL server, migrated with db/migrations-pg. A whole
 * database rather than a schema: drizzle-kit's migrations name `public`, as production's will.
 * `migrate: false` leaves it empty; `ctype` picks its LC_CTYPE (default C.UTF-8).
 */
export async function freshPgDatabase(opts: { ctype?: string; migrate?: boolean } = {}): Promise<FreshPg> {
  const base = process.env.TEST_DATABASE_URL!;
  const name = `fw_test_${randomBytes(6).toString('hex')}`;
  const ctype = opts.ctype ?? 'C.UTF-8';
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  // The locale is named, not inherited from the cluster: search needs a UTF-8 LC_CTYPE (migration 0001).
  await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE '${ctype}' LC_CTYPE '${ctype}'`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 6 });
  // drop() ends the database WITH (FORCE): a connection still closing then hears 57P01 (terminated
  // by administrator command). That one is ours; any other error of an idle connection still throws.
  pool.on('error', (err: Error & { code?: string }) => {
    if (err.code !== '57P01') throw err;
  });
  const db = drizzle(pool, { schema });
  if (opts.migrate !== false) await migrate(db, { migrationsFolder: PG_MIGRATIONS });
  return {
    db,
    pool,
    url: url.toString(),
    async drop() {
      if (!pool.ended) await pool.end();
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      try {
        // WITH (FORCE) ends our own sessions, but not an autovacuum worker that happens to be in the
        // database (it belongs to the superuser): that fails with 42501 and passes once the worker
        // has moved on, so try again for a few seconds.
        for (let attempt = 1; ; attempt++) {
          try {
            await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
            break;
          } catch (err) {
            if ((err as { code?: string }).code !== '42501' || attempt >= 25) throw err;
            await new Promise((r) => setTimeout(r, 200));
          }
        }
      } finally {
        await c.end();
      }
    },
  };
}
