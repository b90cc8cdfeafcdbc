/** `npm run seed`: upserts the synthetic demo data set into the configured database (idempotent). */
import './lib/cli-log';
import { cliDb } from './lib/cli';
import { closeStore } from '@/db/store';
import { seedDemoData } from '@/db/services/demo-seed';

const db = cliDb();
try {
  const started = Date.now();
  const r = seedDemoData(db);
  console.log(`Synthetic demo data: ${r.inserted} inserted, ${r.updated} updated, ${r.unchanged} unchanged (${Date.now() - started} ms).`);
} finally {
  closeStore(db);
}
