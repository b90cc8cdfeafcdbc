import './lib/cli-log';
import { cliDb, cliEnv } from './lib/cli';

const e = cliEnv();
const db = cliDb(e);
db.$client.close();
console.log(`Migrated ${e.DATABASE_PATH}`);
