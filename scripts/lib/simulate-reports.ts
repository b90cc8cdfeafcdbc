/**
 * `npm run simulate -- --reports`: serves a synthetic RSS 2.0 feed on a loopback port, registers
 * it as a synthetic source in the configured database (polled every minute by the server's
 * scheduler), and publishes a new report every --interval seconds. After each one the simulator
 * polls the source itself with the server's pollSource (conditional GET, ingestReports, the
 * source's state), so the report reaches open /triage pages within a second instead of at the
 * next scheduled poll. On exit
 * the source is disabled: its feed is gone and polling it would only record errors.
 */
import { closeStore } from '@/db/store';
import { pollSource } from '@/server/intake/poll-source';
import { startSyntheticFeed } from '@/server/intake/synthetic-feed';
import { registerSyntheticSource } from '@/server/intake/synthetic-source';
import { cliDb, cliEnv, fail } from './cli';
import type { SimulateReportsArgs } from './simulate-args';

export const SIMULATOR_FEED_NAME = 'Synthetic news feed (simulator)';

export async function simulateReports(args: SimulateReportsArgs): Promise<void> {
  const e = cliEnv();
  const db = await cliDb(e);
  const started = Date.now();
  const feed = await startSyntheticFeed({
    port: args['feed-port'],
    seed: started & 0x7fffffff,
    timeZone: e.REPORT_TIME_ZONE,
    // Unique per run: a new run's items are new reports, not repeats of the last run's GUIDs.
    keyPrefix: `sim-${started.toString(36)}`,
  }).catch((err: unknown) =>
    fail(
      `cannot serve the synthetic feed on 127.0.0.1:${args['feed-port']}: ${err instanceof Error ? err.message : String(err)} (choose another with --feed-port, or 0 for any free port)`,
    ),
  );
  const register = async (enabled: boolean) =>
    (await registerSyntheticSource(db, { name: SIMULATOR_FEED_NAME, url: feed.url, pollMinutes: 1, enabled }, 'simulator')).id;
  const source = { id: await register(true) };
  let published = 0;
  let created = 0;
  let timer: NodeJS.Timeout | undefined;
  let stopping = false;

  async function tick(): Promise<void> {
    const report = feed.publish(Date.now());
    published++;
    try {
      // The server's own poll path: conditional GET, ingestReports, the source's state and back-off.
      const poll = await pollSource(db, source.id, { timeZone: e.REPORT_TIME_ZONE });
      if (poll.status === 'busy') console.log(`published "${report.title}" (${report.sourceName}); the server is polling the feed now`);
      else {
        const r = poll.result;
        created += r.created;
        const failed = r.errors.length ? `; errors: ${r.errors.map((x) => x.message).join('; ')}` : '';
        console.log(`published "${report.title}" (${report.sourceName}); fetched ${r.fetched}, ${r.created} new report(s)${failed}`);
      }
    } catch (err) {
      console.error(`polling ${feed.url} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (stopping || (args.count !== undefined && published >= args.count)) return stop();
    timer = setTimeout(() => void tick(), args.interval * 1000);
  }

  async function stop(): Promise<void> {
    if (stopping && timer === undefined) return;
    stopping = true;
    if (timer) clearTimeout(timer);
    timer = undefined;
    await register(false);
    await feed.close();
    await closeStore(db);
    console.log(`Simulator stopped after ${published} report(s), ${created} stored; source "${SIMULATOR_FEED_NAME}" disabled.`);
    process.exit(0);
  }

  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  console.log(
    `Serving a synthetic news feed on ${feed.url}, registered as source ${source.id} ("${SIMULATOR_FEED_NAME}"); a new report every ${args.interval} s${args.count ? `, ${args.count} in all` : ''} (Ctrl-C stops).`,
  );
  void tick();
}
