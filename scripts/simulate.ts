/**
 * Synthetic activity for watching the app live:
 *   npm run simulate -- [--url URL] [--interval SECONDS] [--count N] [--token fw_…]
 *     posts fresh synthetic incidents through the public API every few seconds (live map).
 *     Without --token or FW_TOKEN it mints an analyst token named "simulator" in the configured
 *     database (DATABASE_PATH), which must be the one the server uses; it expires after 7 days.
 *   npm run simulate -- --reports [--feed-port PORT] [--interval SECONDS] [--count N]
 *     serves a synthetic RSS feed on 127.0.0.1, registers it as a source in the configured
 *     database and lets new reports arrive in /triage (scripts/lib/simulate-reports.ts).
 */
import './lib/cli-log';
import { parseArgs } from 'node:util';
import { fail } from './lib/cli';
import { parseSimulateArgs, parseSimulateReportsArgs } from './lib/simulate-args';
import { simulateIncidents } from './lib/simulate-incidents';
import { simulateReports } from './lib/simulate-reports';

const USAGE = `usage: npm run simulate -- [--url URL] [--interval SECONDS] [--count N] [--token TOKEN]
       npm run simulate -- --reports [--feed-port PORT] [--interval SECONDS] [--count N]

  (no --reports)      post a synthetic incident to the server at --url (default http://127.0.0.1:3000)
                      every --interval seconds (default 3), --count in all (default: until Ctrl-C)
  --reports           serve a synthetic RSS 2.0 news feed on 127.0.0.1:--feed-port (default 3939;
                      0 = any free port), register it as a synthetic source (polled every minute)
                      in the configured database (DATABASE_PATH), publish a new report every
                      --interval seconds (default 10) and fetch it at once, so it appears in /triage;
                      the source is disabled when the simulator stops`;

let parsed;
try {
  parsed = parseArgs({
    options: {
      url: { type: 'string' },
      interval: { type: 'string' },
      count: { type: 'string' },
      token: { type: 'string' },
      reports: { type: 'boolean' },
      'feed-port': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
} catch (err) {
  fail(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
}
const { reports, help, ...values } = parsed.values;
if (help) {
  console.log(USAGE);
  process.exit(0);
}
if (reports) {
  const r = parseSimulateReportsArgs(values);
  if (!r.ok) fail(r.problems.join('\n       '));
  await simulateReports(r.args);
} else {
  if (values['feed-port'] !== undefined) fail('--feed-port: only with --reports');
  const { 'feed-port': _unused, ...incidentValues } = values;
  const r = parseSimulateArgs({ ...incidentValues, token: incidentValues.token ?? (process.env.FW_TOKEN?.trim() || undefined) });
  if (!r.ok) fail(r.problems.join('\n       '));
  await simulateIncidents(r.args);
}
