import './lib/cli-log';
import { cliDb, cliEnv } from './lib/cli';
import { closeStore } from '@/db/store';

const e = cliEnv();
const db = cliDb(e);
closeStore(db);
console.log(`Migrated ${e.DATABASE_PATH}`);
