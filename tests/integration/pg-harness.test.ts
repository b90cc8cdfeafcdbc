/**
 * The PostgreSQL the integration suite runs against (scripts/pg-test-cluster.mjs, started by
 * npm test) and the driver the app will use for it (db/pg/connection.ts). Without
 * TEST_DATABASE_URL this file is skipped, saying why; in CI (and in scripts/test.sh, which refuses
 * to run without it) a missing URL is a failure, so a skip can never pass for green.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { SLOTS } from '@/lib/registry-key.mjs';
import { setSingleton } from '@/lib/registry';
import { closePostgres, connectPostgres, openPostgres, PgConnectError, pgErrorCode, type PgDb } from '@/db/pg/connection';

const url = process.env.TEST_DATABASE_URL;
const SKIP_REASON =
  'skipped: TEST_DATABASE_URL is not set (npm test starts a PostgreSQL cluster; docs/scale-out.md, "Testing against PostgreSQL")';

if (!url) {
  describe('PostgreSQL test harness', () => {
    if (process.env.CI)
      it('has TEST_DATABASE_URL in CI', () => expect.fail('TEST_DATABASE_URL is unset in CI: the PostgreSQL tests would not run'));
    else it.skip(SKIP_REASON, () => undefined);
  });
} else {
  describe('PostgreSQL test harness', () => {
    let db: PgDb;
    beforeAll(async () => {
      db = await connectPostgres({ url, poolMax: 2, applicationName: 'fw-pg-harness-test' });
    });
    afterAll(async () => {
      if (db) await closePostgres(db);
    });

    it('reaches a PostgreSQL 13 or newer on the loopback interface, as a role that is no superuser', async () => {
      const { rows } = await db.execute<{ addr: string | null; version: number; superuser: string; encoding: string }>(
        sql`SELECT host(inet_server_addr()) AS addr, current_setting('server_version_num')::int AS version,
                   current_setting('is_superuser') AS superuser, current_setting('server_encoding') AS encoding`,
      );
      // null would mean a Unix socket; test traffic goes to 127.0.0.1 (or ::1) only.
      expect(['127.0.0.1', '::1']).toContain(rows[0].addr);
      expect(rows[0].version).toBeGreaterThanOrEqual(130000);
      expect(rows[0].superuser).toBe('off');
      expect(rows[0].encoding).toBe('UTF8');
    });

    it('lets the test role create a database of its own with the extensions search needs, and drop it', async () => {
      // What per-test databases (a fresh one per file) and the migrations (unaccent, pg_trgm) rely on.
      const name = `fw_harness_${process.pid}`;
      await db.execute(sql`CREATE DATABASE ${sql.identifier(name)}`);
      const target = new URL(url);
      target.pathname = `/${name}`;
      const own = await connectPostgres({ url: target.toString(), poolMax: 1 });
      try {
        await own.execute(sql`CREATE EXTENSION IF NOT EXISTS unaccent`);
        await own.execute(sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
        const { rows } = await own.execute<{ plain: string; sim: number }>(
          sql`SELECT unaccent('Ḫōst') AS plain, similarity('Jalalabad', 'Jalal-abad')::float8 AS sim`,
        );
        expect(rows[0].plain).toBe('Host');
        expect(rows[0].sim).toBeGreaterThan(0.3);
      } finally {
        await closePostgres(own);
        await db.execute(sql`DROP DATABASE IF EXISTS ${sql.identifier(name)} WITH (FORCE)`);
      }
    });

    it('runs a transaction through Drizzle and keeps non-Latin text intact', async () => {
      const text = 'حملہ — Хуҷанд — Jalalabad';
      const rows = await db.transaction(async (tx) => {
        await tx.execute(sql`CREATE TEMP TABLE harness_probe (id int PRIMARY KEY, body text NOT NULL) ON COMMIT DROP`);
        await tx.execute(sql`INSERT INTO harness_probe VALUES (1, ${text}), (2, upper(${'хуҷанд'}))`);
        return (await tx.execute<{ body: string }>(sql`SELECT body FROM harness_probe ORDER BY id`)).rows;
      });
      expect(rows.map((r) => r.body)).toEqual([text, 'ХУҶАНД']);
    });

    it('rolls a failed transaction back, and its error carries the SQLSTATE', async () => {
      const table = `harness_rollback_${process.pid}`;
      await db.execute(sql`CREATE TABLE ${sql.identifier(table)} (id int PRIMARY KEY)`);
      try {
        const err = await db
          .transaction(async (tx) => {
            await tx.execute(sql`INSERT INTO ${sql.identifier(table)} VALUES (1)`);
            await tx.execute(sql`INSERT INTO ${sql.identifier(table)} VALUES (1)`);
          })
          .catch((e: unknown) => e);
        expect(pgErrorCode(err)).toBe('23505');
        const { rows } = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`);
        expect(rows[0].n).toBe(0);
      } finally {
        await db.execute(sql`DROP TABLE ${sql.identifier(table)}`);
      }
    });

    it('opens no more connections than poolMax, however many queries wait', async () => {
      const counts = await Promise.all(
        Array.from({ length: 6 }, () =>
          db.execute<{ n: number }>(
            sql`SELECT count(*)::int AS n, pg_sleep(0.05)::text FROM pg_stat_activity WHERE application_name = 'fw-pg-harness-test'`,
          ),
        ),
      );
      const seen = counts.map((r) => r.rows[0].n);
      expect(Math.max(...seen)).toBeLessThanOrEqual(2);
      expect(Math.min(...seen)).toBeGreaterThanOrEqual(1);
    });

    it('fails to connect with a message that names the server and never the password', async () => {
      const wrong = new URL(url);
      wrong.password = 'Wr0ng-Secret-Value';
      const err = await connectPostgres({ url: wrong.toString(), poolMax: 1 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PgConnectError);
      const message = (err as Error).message;
      expect(message).toContain(`${wrong.hostname}:${wrong.port}`);
      expect(message).toMatch(/password authentication failed/);
      expect(message).not.toContain('Wr0ng-Secret-Value');
      expect(message).not.toContain(new URL(url).password);
      expect(pgErrorCode(err)).toBe('28P01');
      expect(JSON.stringify(pino.stdSerializers.err(err as Error))).not.toContain('Wr0ng-Secret-Value');
    });

    it('refuses a URL that is not a postgres:// URL before trying to connect, without echoing it', () => {
      expect(() => openPostgres({ url: 'fw:Wr0ng-Secret-Value@127.0.0.1/db', poolMax: 1 })).toThrow(
        /^PostgreSQL URL \(not a postgres:\/\/ URL\) must start with postgres:\/\//,
      );
      expect(() => openPostgres({ url: 'postgres://fw:Wr0ng-Secret-Value@127.0.0.1', poolMax: 1 })).toThrow(
        'PostgreSQL URL postgres://fw:***@127.0.0.1 must name one database after the host',
      );
    });

    it('survives the server dropping an idle connection, and reconnects on the next query', async () => {
      const victim = await connectPostgres({ url, poolMax: 1, applicationName: 'fw-pg-harness-victim' });
      const logged: Record<string, unknown>[] = [];
      const capture = (fields: Record<string, unknown>) => void logged.push(fields);
      setSingleton(SLOTS.logger, { warn: capture, error: capture });
      try {
        const before = await victim.execute<{ pid: number }>(sql`SELECT pg_backend_pid() AS pid`);
        // What a failover or a server restart does to the pool's idle connection. The pool reports it
        // as an 'error' event: without openPostgres's listener, an uncaught error failing this run.
        await db.execute(sql`SELECT pg_terminate_backend(${before.rows[0].pid})`);
        await vi.waitFor(() => expect(victim.$client.totalCount).toBe(0), { timeout: 5000 });
        // Logged as the server's pino logger would write it, with the reason and without the password.
        expect(logged).toHaveLength(1);
        expect(logged[0].err).not.toHaveProperty('client');
        const line = JSON.stringify({ ...logged[0], err: pino.stdSerializers.err(logged[0].err as Error) });
        expect(line).toMatch(/terminating connection due to administrator command/);
        expect(line).toContain('57P01');
        expect(line).not.toContain(new URL(url).password);
        const after = await victim.execute<{ pid: number }>(sql`SELECT pg_backend_pid() AS pid`);
        expect(after.rows[0].pid).not.toBe(before.rows[0].pid);
      } finally {
        setSingleton(SLOTS.logger, undefined);
        await closePostgres(victim);
      }
    });

    it('refuses queries once closed', async () => {
      const other = await connectPostgres({ url, poolMax: 1 });
      await closePostgres(other);
      await closePostgres(other); // closing twice is harmless (shutdown may race a failed start)
      await expect(other.execute(sql`SELECT 1`)).rejects.toThrow();
    });
  });
}
