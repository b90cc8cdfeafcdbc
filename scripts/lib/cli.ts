import { EnvError, parseEnv, type Env } from '@/lib/env';
import { openStore, type Store } from '@/db/store';
import { migrateDatabase } from '@/db/migrate';

/** Validated environment for a CLI; prints one line per bad variable and exits 2. */
export function cliEnv(): Env {
  try {
    return parseEnv();
  } catch (err) {
    if (err instanceof EnvError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
}

/** Opens and migrates the configured store (PostgreSQL at DATABASE_URL, else SQLite at DATABASE_PATH). */
export async function cliDb(e: Env = cliEnv()): Promise<Store> {
  const db = openStore(e.DATABASE_URL ?? e.DATABASE_PATH, { poolMax: e.DATABASE_POOL_MAX, applicationName: 'frontier-watch-cli' });
  await migrateDatabase(db, { reportTimeZone: e.REPORT_TIME_ZONE });
  return db;
}

export function fail(message: string, code = 2): never {
  console.error(`error: ${message}`);
  process.exit(code);
}
