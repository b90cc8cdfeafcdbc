/** PostgreSQL for the reliability scenarios: a fresh database per file, app instances on it, and its checks. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { closeStore, openStore } from '@/db/store';
import { migrateDatabase } from '@/db/migrate';
import { createApiToken } from '@/db/services/tokens';
import { freshPgDatabase } from '../../support/pg-fresh';
import { RelServer } from './server';
import { TIME_ZONE } from './temp-db';

export const pgUrl = process.env.TEST_DATABASE_URL;

/**
 * Declares the file's scenarios, or says why they do not run: without TEST_DATABASE_URL they are
 * skipped with the reason, except in CI, where that is a failure (scripts/test.sh always sets it).
 */
export function describePg(name: string, body: () => void): void {
  if (pgUrl) {
    describe(name, body);
    return;
  }
  describe(name, () => {
    if (process.env.CI)
      it('has TEST_DATABASE_URL in CI', () => expect.fail('TEST_DATABASE_URL is unset in CI: the PostgreSQL scenarios would not run'));
    else
      it.skip('skipped: TEST_DATABASE_URL is not set (the URL of a PostgreSQL server on which tests may create databases)', () =>
        undefined);
  });
}

export interface PgTarget {
  /** DATABASE_URL of the instances (with its password). */
  url: string;
  /** Admin bearer tokens, several so per-principal write limits do not throttle the scenarios. */
  tokens: string[];
  /** A small pool for the test's own reads. */
  pool: pg.Pool;
  query<T>(text: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

/** A fresh database on the TEST_DATABASE_URL server, migrated as the app migrates it, with admin tokens. */
export async function createPgTarget(tokenCount = 4): Promise<PgTarget> {
  const fresh = await freshPgDatabase({ migrate: false });
  await fresh.pool.end();
  const store = openStore(fresh.url, { poolMax: 2, applicationName: 'frontier-watch-reliability' });
  const tokens: string[] = [];
  try {
    await migrateDatabase(store, { reportTimeZone: TIME_ZONE });
    for (let i = 0; i < tokenCount; i++) tokens.push((await createApiToken(store, { name: `reliability-${i}`, role: 'admin' })).token);
  } finally {
    await closeStore(store);
  }
  const pool = new pg.Pool({ connectionString: fresh.url, max: 2 });
  // Instances killed with -9 leave nothing that could end our own sessions; any error here is real.
  pool.on('error', (err) => console.error('[reliability] idle test connection failed', err));
  // bigint counts (count(*), sum()) as numbers: the scenarios' counts are far below 2^53.
  pg.types.setTypeParser(pg.types.builtins.INT8, Number);
  pg.types.setTypeParser(pg.types.builtins.NUMERIC, Number);
  return {
    url: fresh.url,
    tokens,
    pool,
    query: async <T>(text: string, params: unknown[] = []) => (await pool.query(text, params)).rows as T[],
    async drop() {
      await pool.end();
      await fresh.drop();
    },
  };
}

/** A loopback port nobody listens on right now (other engineers' suites share the machine). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** A production server on `target`, on a free port. The pool is small: several instances share one test server. */
export async function startInstance(target: PgTarget, name: string): Promise<RelServer> {
  return RelServer.start({
    port: await freePort(),
    dbPath: `/nonexistent/${name}.db`, // never opened: DATABASE_URL selects PostgreSQL
    env: { DATABASE_URL: target.url, DATABASE_POOL_MAX: '4', REPORT_TIME_ZONE: TIME_ZONE },
  });
}

/** Waits until `server` logs that it runs the background work (server/cluster/leadership.ts); answers when. */
export async function waitLeader(server: RelServer, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.log.includes('this instance runs the background work')) return Date.now();
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${server.url} did not take the background work within ${timeoutMs} ms:\n${server.log.slice(-2000)}`);
}

/**
 * The database after a kill: every incident announced exactly once (one `created` outbox event,
 * or, for rows of a CSV import, none and one `import` event of its batch, as on SQLite), and the
 * day rollup equal to the incidents it sums, and no incident naming a group or import batch that
 * is gone (checked by triggers, migration 0012_incident_parent_triggers). Unique constraints and
 * the other foreign keys PostgreSQL enforces itself; there is no file to check.
 */
export async function expectPgConsistent(target: PgTarget): Promise<void> {
  const [orphans] = await target.query<{ n: number }>(
    `WITH created AS (SELECT ref_id, count(*) AS n FROM events WHERE type = 'incident' AND action = 'created' GROUP BY ref_id),
     announced AS (SELECT b.created_at, count(*) AS n FROM import_batches b JOIN events e ON e.type = 'import' AND e.ref_id = b.id GROUP BY b.created_at)
     SELECT count(*) AS n FROM incidents i
       LEFT JOIN created c ON c.ref_id = i.id
       LEFT JOIN announced a ON a.created_at = i.created_at AND i.dataset = 'import'
     WHERE coalesce(c.n, 0) + coalesce(a.n, 0) != 1`,
  );
  expect(orphans.n, 'incidents not announced exactly once (created or import event)').toBe(0);
  const [parents] = await target.query<{ n: number }>(
    `SELECT count(*) AS n FROM incidents i
      WHERE NOT EXISTS (SELECT 1 FROM groups g WHERE g.id = i.group_id)
         OR (i.import_batch_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM import_batches b WHERE b.id = i.import_batch_id))`,
  );
  expect(parents.n, 'incidents naming a group or import batch that does not exist').toBe(0);
  const [rollup] = await target.query<{ stats: number | null; rows: number; statsKilled: number | null; killed: number | null }>(
    `SELECT (SELECT sum(incidents) FROM incident_day_stats) AS stats, (SELECT count(*) FROM incidents) AS rows,
            (SELECT sum(killed) FROM incident_day_stats) AS "statsKilled", (SELECT sum(killed) FROM incidents) AS killed`,
  );
  expect(rollup.stats ?? 0, 'incident_day_stats sums every incident once').toBe(rollup.rows);
  expect(rollup.statsKilled ?? 0).toBe(rollup.killed ?? 0);
}

/** Keeps an instance's output under tmp/reliability/ (beside the reports), to read after a failure. */
export function saveLog(server: RelServer | null | undefined, name: string): void {
  if (!server) return;
  const dir = join('tmp', 'reliability');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.log`), server.log);
}
