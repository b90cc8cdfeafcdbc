import './lib/cli-log';
import { cliDb, cliEnv } from './lib/cli';
import { closeStore } from '@/db/store';

const e = cliEnv();
const db = await cliDb(e);
await closeStore(db);
console.log(`Migrated ${e.DATABASE_PATH}`);
