import type * as WriterThreadModule from './server/writer/writer-thread';
import type * as LogModule from './server/log.mjs';
import type { Store } from './db/store';

/**
 * Next.js calls register() once per server process: migrate, listen for other instances' writes,
 * and start the background work (alert scheduler, webhook worker, feed poller) if this instance leads.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // Graceful SIGTERM: drain requests, close event streams, close the database (server/reliability/shutdown.ts).
  const { installShutdownHandlers } = await import('./server/reliability/shutdown');
  installShutdownHandlers();
  const [{ startAlertScheduler }, { getStore, prepareStore }, { env }, { incidentIndex }, { loadRuleSet }, writerThread, { log }] =
    await Promise.all([
      import('./server/alerts/alert-scheduler'),
      import('./db/client'),
      import('./lib/env'),
      import('./db/queries/incident-index'),
      import('./db/services/alert-rule-cache'),
      import('./server/writer/writer-thread'),
      import('./server/log.mjs'),
    ]);
  // PostgreSQL is migrated here, before anything reads it (SQLite on first use).
  const store = await prepareStore();
  const { engineOf } = await import('./db/store');
  const { orderOf } = await import('./lib/map/index-clusters');
  const postgres = engineOf(store) === 'postgres';
  // Several instances may share the database: hear every instance's outbox writes at once.
  if (postgres) await startOutboxListener(store);
  // The alert scheduler, webhook delivery and feed polling run on one instance at a time: on
  // SQLite this process, on PostgreSQL the holder of the advisory lock (server/cluster/leadership.ts).
  const intake = env().INTAKE_POLL ? await import('./server/intake/poll-scheduler') : null;
  const { runAsLeader } = await import('./server/cluster/leadership');
  const mail = await loadMailScheduler();
  runAsLeader(store, {
    start() {
      const alerts = startAlertScheduler({ db: getStore, horizonHours: () => env().ALERT_HORIZON_HOURS });
      const feeds = intake?.startIntakeScheduler({ db: getStore, timeZone: () => env().REPORT_TIME_ZONE });
      const subscriptions = mail.start(getStore);
      return {
        stop() {
          void alerts.stop(); // its passes in flight finish on their own (an alert is stored once anyway)
          feeds?.stop();
          void subscriptions.stop(); // a mail in flight is recorded; the ledger and leases keep it single
        },
      };
    },
  });
  // The writer thread (server/writer/writer-thread.ts) loads its modules while the index is built. It
  // opens the file after getStore() has migrated it; `next dev` keeps writes on the request thread.
  // PostgreSQL has no single writer to hand writes to: they run on the request path.
  const writer =
    process.env.NODE_ENV === 'production' && env().WRITER_THREAD && !postgres ? startWriter(writerThread, env().DATABASE_PATH, log) : null;
  // The in-memory incident index. SQLite: built before the first request (about a second per
  // million rows). PostgreSQL: every row crosses the wire (1M rows took 34 s on the loaded 2-core
  // machine, and Next.js holds every request, /api/health too, until register() returns), so it
  // builds in the background; a request that needs it meanwhile waits for this same load under
  // incidentIndex()'s per-database lock, then catches up from the outbox like any other read.
  const t = performance.now();
  const indexed = incidentIndex(getStore()).then((index) => {
    log.info({ component: 'index', incidents: index.size, ms: Math.round(performance.now() - t) }, 'incidents indexed');
    // The map's spatial order of the same rows (about half a second per million), so the first map answer does not pay it.
    orderOf(index.main);
  });
  if (postgres)
    indexed.catch((err: unknown) => log.error({ component: 'index', err }, 'incident index load failed; the next read retries'));
  else await indexed;
  // Parse the alert rules now too: otherwise the first write after a start pays for it.
  await loadRuleSet(getStore());
  // The hot endpoints (feeds' ingest, the dashboard's list call), served by scripts/server.mjs before
  // Next.js's router (server/http/direct-routes.ts).
  const [{ installDirectRoutes }, incidents] = await Promise.all([
    import('./server/http/direct-routes'),
    import('./app/api/incidents/route'),
  ]);
  installDirectRoutes({ 'POST /api/incidents': incidents.POST, 'GET /api/incidents': incidents.GET });
  await writer;
}

/** The subscription mail loop (issue 23): weekly briefs, alert batches, retries; idle while SMTP_URL is unset. */
async function loadMailScheduler() {
  const [{ startSubscriptionScheduler }, wiring, { env }] = await Promise.all([
    import('./server/subscriptions/scheduler'),
    import('./server/subscriptions/mail-wiring'),
    import('./lib/env'),
  ]);
  return {
    start(db: () => Store) {
      return startSubscriptionScheduler({
        db,
        // Per pass: SMTP settings are read afresh (the unsubscribe secret is cached per store).
        port: () => wiring.mailPortOrNull(db()),
        schedule: () => wiring.currentDigestSchedule(),
        timeZone: () => env().REPORT_TIME_ZONE,
      });
    },
  };
}

/** Wakes this instance's live streams when any instance appends to the outbox; closed at exit. */
async function startOutboxListener(store: Store): Promise<void> {
  const [{ listenForOutbox }, { CLOSE_ORDER, onProcessClose }] = await Promise.all([import('./db/background'), import('./lib/registry')]);
  const listener = listenForOutbox(store);
  onProcessClose('outboxListener', CLOSE_ORDER.timers, () => void listener.stop());
}

async function startWriter(
  { WriterThread, installWriterThread }: typeof WriterThreadModule,
  dbPath: string,
  log: typeof LogModule.log,
): Promise<void> {
  const t = performance.now();
  const thread = await WriterThread.start({ dbPath });
  if (!thread) return;
  installWriterThread(thread);
  log.info(
    { component: 'writer', loadedFrom: thread.loadedFrom, ms: Math.round(performance.now() - t) },
    'incident writes run on the writer thread',
  );
}
