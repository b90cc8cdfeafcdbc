import type * as WriterThreadModule from './server/writer/writer-thread';
import type * as LogModule from './server/log.mjs';

/** Next.js calls register() once per server process: start the alert scheduler, webhook worker and feed poller there. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // Graceful SIGTERM: drain requests, close event streams, close the database (server/reliability/shutdown.ts).
  const { installShutdownHandlers } = await import('./server/reliability/shutdown');
  installShutdownHandlers();
  const [{ startAlertScheduler }, { getStore }, { env }, { incidentIndex }, { loadRuleSet }, writerThread, { log }] = await Promise.all([
    import('./server/alerts/alert-scheduler'),
    import('./db/client'),
    import('./lib/env'),
    import('./db/queries/incident-index'),
    import('./db/services/alert-rule-cache'),
    import('./server/writer/writer-thread'),
    import('./server/log.mjs'),
  ]);
  startAlertScheduler({ db: getStore, horizonHours: () => env().ALERT_HORIZON_HOURS });
  if (env().INTAKE_POLL) {
    const { startIntakeScheduler } = await import('./server/intake/poll-scheduler');
    startIntakeScheduler({ db: getStore, timeZone: () => env().REPORT_TIME_ZONE });
  }
  // The writer thread (server/writer/writer-thread.ts) loads its modules while the index is built. It
  // opens the file after getStore() has migrated it; `next dev` keeps writes on the request thread.
  getStore();
  // SQLite only: on PostgreSQL writes run on the request path (the writer thread relieves SQLite's single writer).
  const sqliteFile = !env().DATABASE_URL;
  const writer =
    process.env.NODE_ENV === 'production' && env().WRITER_THREAD && sqliteFile ? startWriter(writerThread, env().DATABASE_PATH, log) : null;
  // Build the in-memory incident index before the first request (about a second per million rows).
  const t = performance.now();
  const index = await incidentIndex(getStore());
  log.info({ component: 'index', incidents: index.size, ms: Math.round(performance.now() - t) }, 'incidents indexed');
  // Parse the alert rules now too: otherwise the first write after a start pays for it.
  loadRuleSet(getStore());
  // The hot endpoints (feeds' ingest, the dashboard's list call), served by scripts/server.mjs before
  // Next.js's router (server/http/direct-routes.ts).
  const [{ installDirectRoutes }, incidents] = await Promise.all([
    import('./server/http/direct-routes'),
    import('./app/api/incidents/route'),
  ]);
  installDirectRoutes({ 'POST /api/incidents': incidents.POST, 'GET /api/incidents': incidents.GET });
  await writer;
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
