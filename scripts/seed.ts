/**
 * `npm run seed`: upserts the synthetic demo data set into the configured database, and adds the
 * synthetic news feed's reports that are not stored yet (both idempotent).
 */
import './lib/cli-log';
import { cliDb, cliEnv } from './lib/cli';
import { closeStore } from '@/db/store';
import { seedDemoData } from '@/db/services/demo-seed';
import { seedDemoReports } from '@/server/intake/demo-reports';

const e = cliEnv();
const db = await cliDb(e);
try {
  const started = Date.now();
  const r = await seedDemoData(db);
  console.log(`Synthetic demo data: ${r.inserted} inserted, ${r.updated} updated, ${r.unchanged} unchanged (${Date.now() - started} ms).`);
  const reports = await seedDemoReports(db, { now: Date.now(), timeZone: e.REPORT_TIME_ZONE });
  console.log(`Synthetic demo reports: ${reports.created} created, ${reports.duplicates} already stored.`);
} finally {
  await closeStore(db);
}
