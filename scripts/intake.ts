/**
 * `npm run intake -- [--once] [--source ID]…`: polls the feed sources from the command line, as the
 * server's scheduler does (for a deployment that runs it from cron with INTAKE_POLL=false, or to
 * fetch one feed by hand). Each poll prints one JSON line on stdout. Without --once it keeps
 * polling due sources until interrupted. With --source, only those sources (with --once, fetched
 * whether due or not). Exit 0 done, 1 a source failed (with --once), 2 usage or configuration.
 */
import './lib/cli-log';
import { parseArgs } from 'node:util';
import { closeStore } from '@/db/store';
import { findSourceRow } from '@/db/queries/sources';
import { pollDueSources, type SourcePoll } from '@/server/intake/poll-due';
import { cliDb, cliEnv, fail } from './lib/cli';

const USAGE = 'usage: npm run intake -- [--once] [--source ID]... [--every SECONDS]';

let values;
try {
  ({ values } = parseArgs({
    options: {
      once: { type: 'boolean', default: false },
      source: { type: 'string', multiple: true },
      every: { type: 'string', default: '30' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  }));
} catch (err) {
  fail(`${(err as Error).message}\n${USAGE}`);
}
if (values.help) {
  console.log(`${USAGE}\n
  --once          one pass, then exit (1 if a source failed)
  --source ID     only this source (repeatable); with --once fetched whether due or not
  --every SECONDS how often to look for due sources without --once (default 30)`);
  process.exit(0);
}
const only = values.source?.map((s) => (/^[1-9]\d{0,15}$/.test(s) ? Number(s) : fail(`--source must be a source id, not ${s}\n${USAGE}`)));
const every = Number(values.every);
if (!Number.isInteger(every) || every < 1 || every > 86_400) fail(`--every must be a whole number of seconds from 1 to 86400\n${USAGE}`);

const env = cliEnv();
const db = await cliDb(env);
for (const id of only ?? []) if (!(await findSourceRow(db, id))) fail(`no source ${id}`);

function print(polls: SourcePoll[]): boolean {
  let failed = false;
  for (const { sourceId, outcome } of polls) {
    if (outcome.status === 'busy') {
      console.log(JSON.stringify({ sourceId, status: 'busy' }));
      continue;
    }
    const feedFailed = outcome.result.errors.some((e) => e.item === undefined);
    failed ||= feedFailed;
    console.log(JSON.stringify({ sourceId, status: feedFailed ? 'failed' : 'ok', ...outcome.result }));
  }
  return failed;
}

const abort = new AbortController();
let stopping = false;
const stop = () => {
  stopping = true;
  abort.abort(new Error('interrupted'));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

const pass = () =>
  pollDueSources(db, { timeZone: env.REPORT_TIME_ZONE, signal: abort.signal, ...(values.once ? { only } : { within: only }) });

let code = 0;
try {
  if (values.once) {
    const polls = await pass();
    code = print(polls) ? 1 : 0;
    console.error(`${polls.length} source${polls.length === 1 ? '' : 's'} polled.`);
  } else {
    console.error(`Polling ${only ? `source ${only.join(', ')}` : 'due sources'} every ${every} s; Ctrl-C stops.`);
    while (!stopping) {
      try {
        print(await pass());
      } catch (err) {
        if (!stopping) throw err;
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, every * 1000);
        abort.signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
      });
    }
  }
} finally {
  await closeStore(db);
}
process.exit(code);
