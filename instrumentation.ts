import type * as WriterThreadModule from './db/services/writer-thread';

/** Next.js calls register() once per server process: start the alert scheduler and webhook worker there. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // Graceful SIGTERM: drain requests, close event streams, close the database (lib/reliability/shutdown.ts).
  const { installShutdownHandlers } = await import('./lib/reliability/shutdown');
  installShutdownHandlers();
  const [{ startAlertScheduler }, { getDb }, { env }, { incidentIndex }, { loadRuleSet }, writerThread] = await Promise.all([
    import('./db/services/alert-scheduler'),
    import('./db/client'),
    import('./lib/env'),
    import('./db/queries/incident-index'),
    import('./db/services/alert-rule-cache'),
    import('./db/services/writer-thread'),
  ]);
  startAlertScheduler({ db: getDb, horizonHours: () => env().ALERT_HORIZON_HOURS });
  // The writer thread (db/services/writer-thread.ts) loads its modules while the index is built. It
  // opens the file after getDb() has migrated it; `next dev` keeps writes on the request thread.
  getDb();
  const writer = process.env.NODE_ENV === 'production' && env().WRITER_THREAD ? startWriter(writerThread, env().DATABASE_PATH) : null;
  // Build the in-memory incident index before the first request (about a second per million rows).
  const t = performance.now();
  const index = incidentIndex(getDb());
  console.log(`[index] ${index.size.toLocaleString('en')} incidents indexed in ${Math.round(performance.now() - t)} ms`);
  // Parse the alert rules now too: otherwise the first write after a start pays for it (~20-40 ms).
  loadRuleSet(getDb());
  // The hot endpoints (feeds' ingest, the dashboard's list call), served by scripts/server.mjs before
  // Next.js's router (lib/http/direct-routes.ts).
  const [{ installDirectRoutes }, incidents] = await Promise.all([import('./lib/http/direct-routes'), import('./app/api/incidents/route')]);
  installDirectRoutes({ 'POST /api/incidents': incidents.POST, 'GET /api/incidents': incidents.GET });
  await writer;
}

async function startWriter({ WriterThread, installWriterThread }: typeof WriterThreadModule, dbPath: string): Promise<void> {
  const t = performance.now();
  const thread = await WriterThread.start({ dbPath });
  if (!thread) return;
  installWriterThread(thread);
  console.log(`[writer] incident writes run on the writer thread (ready in ${Math.round(performance.now() - t)} ms)`);
}
