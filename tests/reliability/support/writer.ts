/**
 * A second process writing incidents as fast as it can (like a CLI import beside the server),
 * for backups taken under load: `node --import tsx writer.ts DB_PATH PREFIX`. Prints each commit.
 */
import { openDatabase } from '@/db/connection';
import { loadGroupMatcherSync, writeIncidentsSync } from '@/db/services/ingest';
import { incidentInputSchema } from '@/lib/incidents/input';
import { normalizeIncident } from '@/lib/incidents/normalize';
import { incidentBody } from './fixtures';
import { TIME_ZONE } from './temp-db';

const [dbPath, prefix = 'W'] = process.argv.slice(2);
const db = openDatabase(dbPath);
const matcher = loadGroupMatcherSync(db);
let n = 0;
let stop = false;
process.on('SIGTERM', () => (stop = true));

function batch(): void {
  const rows = Array.from({ length: 5 }, () => {
    const id = `${prefix}-${n}`;
    const input = incidentInputSchema.parse(incidentBody(id, n++));
    return normalizeIncident(input, { matcher, timeZone: TIME_ZONE, sourceId: id });
  });
  db.transaction((tx) => writeIncidentsSync(tx, rows, { dataset: 'live' }), { behavior: 'immediate' });
  process.stdout.write(`committed ${n}\n`);
}

(function loop() {
  if (stop) {
    db.$client.close();
    process.exit(0);
  }
  batch();
  setImmediate(loop);
})();
