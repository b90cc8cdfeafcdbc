/**
 * One decision on one report from its own process and connection (the race test starts several at
 * once): `decide-once.ts <accept|merge|dismiss> <reportId> [incidentId]`. Prints the HTTP status the
 * API would answer: 200/201 for the winner, 409 for a report already decided.
 */
import { closeStore, openStore } from '@/db/store';
import { acceptReport, dismissReport, mergeReport } from '@/db/services/report-decisions';
import { AppError } from '@/lib/errors';

const [action, report, incident] = process.argv.slice(2);
// The test's database: PostgreSQL when DATABASE_URL is set (as for the app), else the SQLite file.
const db = openStore(process.env.DATABASE_URL || process.env.DATABASE_PATH!, { poolMax: 1 });
const ctx = { timeZone: 'Asia/Karachi', actor: `cli:${process.pid}` };
// Start together: every process waits for the same wall-clock instant before writing.
const at = Number(process.env.DECIDE_AT);
while (Date.now() < at) {
  /* spin: a timer's granularity would spread the starts */
}
try {
  const id = Number(report);
  if (action === 'accept') await acceptReport(db, id, {}, ctx);
  else if (action === 'merge') await mergeReport(db, id, { incidentId: Number(incident), adoptFigures: false }, ctx);
  else await dismissReport(db, id, null, ctx);
  console.log(action === 'accept' ? 201 : 200);
} catch (err) {
  if (!(err instanceof AppError)) throw err;
  console.log(err.status);
} finally {
  await closeStore(db);
}
