import './lib/cli-log';
import { cliDb, cliEnv } from './lib/cli';
import { closeStore } from '@/db/store';
import { redactPostgresUrl } from '@/lib/postgres-url';

const e = cliEnv();
const db = await cliDb(e);
await closeStore(db);
// Name the store that was migrated: PostgreSQL when DATABASE_URL is set (password hidden), else the file.
console.log(`Migrated ${e.DATABASE_URL ? redactPostgresUrl(e.DATABASE_URL) : e.DATABASE_PATH}`);
