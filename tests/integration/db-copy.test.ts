import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { is, sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { getTableConfig as pgConfig, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as liteConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '@/db/connection';
import { builder, rows } from '@/db/engine';
import { copyPlan, DERIVED_TABLES, schemaTableNames } from '@/db/pg/copy-plan';
import * as lite from '@/db/schema';
import * as pgs from '@/db/schema-pg';
import { copySqliteToPostgres, CopyRefusedError } from '@/db/services/db-copy';
import { closeStore, openStore, type Store } from '@/db/store';
import { toTsQuery } from '@/lib/validation/fts';
import { AWKWARD, buildCopySource, NOW } from '../support/copy-fixture';
import { freshPgDatabase, pgSkipReason, type FreshPg } from '../support/pg-fresh';

/**
 * `npm run db:copy` (db/services/db-copy.ts): a SQLite installation with rows in every table is
 * copied to a fresh PostgreSQL database and read back through Drizzle on both sides, table by
 * table; then the refusals, --force, a failed copy that must leave nothing behind, and the CLI.
 * Needs TEST_DATABASE_URL (SQLite is always the source, so this file is not run per engine).
 */
let src: { dir: string; path: string; store: Store; db: Db };
let p: FreshPg;
let target: Store;

const liteTables = () => Object.values(lite as Record<string, unknown>).filter((v): v is SQLiteTable => is(v, SQLiteTable));
const pgTables = () => Object.values(pgs as Record<string, unknown>).filter((v): v is PgTable => is(v, PgTable));
/** Rows in a stable order on both sides: by their whole content (equal tables give equal lists). */
const sorted = <T>(list: T[]) =>
  list
    .map((r) => [JSON.stringify(r), r] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, r]) => r);
const pgCount = async (table: string) => Number((await p.pool.query<{ n: unknown }>(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
const copy = (force = false) => copySqliteToPostgres({ from: src.path, to: target, force });

const run = pgSkipReason ? describe.skip : describe;
if (pgSkipReason) console.warn(`tests/integration/db-copy.test.ts skipped: ${pgSkipReason}`);

run(`db:copy from SQLite to PostgreSQL${pgSkipReason ? ` (skipped: ${pgSkipReason})` : ''}`, () => {
  beforeAll(async () => {
    src = await buildCopySource();
    p = await freshPgDatabase({ migrate: false });
    target = openStore(p.url, { poolMax: 2 });
  });
  afterAll(async () => {
    await closeStore(target);
    await closeStore(src.store);
    rmSync(src.dir, { recursive: true, force: true });
    await p.drop();
  });

  it('knows every table: the plan covers db/schema-pg, which names the same tables as db/schema and a migrated file', () => {
    const copied = copyPlan().map((t) => t.name);
    expect([...copied, ...DERIVED_TABLES].sort()).toEqual(schemaTableNames().sort());
    expect(
      liteTables()
        .map((t) => liteConfig(t).name)
        .sort(),
    ).toEqual(
      schemaTableNames()
        .filter((n) => !DERIVED_TABLES.includes(n))
        .sort(),
    );
    const inFile = (
      src.db.$client.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table'").all() as { name: string; sql: string }[]
    )
      .filter((t) => !/^(sqlite_|__drizzle|incidents_fts|reports_fts)/.test(t.name))
      .map((t) => t.name);
    expect(inFile.sort()).toEqual(schemaTableNames().sort());
    // The fixture must give each copied table rows, or the comparison below proves nothing for it.
    for (const name of [...copied, ...DERIVED_TABLES])
      expect((src.db.$client.prepare(`SELECT count(*) AS n FROM ${name}`).get() as { n: number }).n, name).toBeGreaterThan(0);
  });

  it('copies every table row for row: ids, booleans, bigints, bytes and JSON text equal through Drizzle', async () => {
    const report = await copy();
    expect(report.tables.map((t) => t.table)).toEqual(copyPlan().map((t) => t.name));
    for (const t of report.tables) expect(t.target, t.table).toBe(t.source);
    const pg = builder(target) as unknown as NodePgDatabase;
    const byName = new Map(pgTables().map((t) => [pgConfig(t).name, t]));
    for (const table of liteTables()) {
      const name = liteConfig(table).name;
      const want = sorted(src.db.select().from(table).all());
      const got = sorted(await pg.select().from(byName.get(name)!));
      expect(got, name).toEqual(want);
    }
    const incident = (
      await rows<{ notes: string; cross_border: boolean }>(
        target,
        sql`SELECT notes, cross_border FROM incidents WHERE notes IS NOT NULL AND import_batch_id = 7`,
      )
    )[0];
    expect(incident.notes).toBe(AWKWARD);
    const [batch] = await pg.select().from(pgs.importBatches);
    expect(batch.changedIds).toEqual(Buffer.from([0, 1, 0x5c, 0xff, 9, 10]));
  });

  it('builds the same day rollup and search index on the target', async () => {
    const STATS = 'SELECT * FROM incident_day_stats ORDER BY day, region, group_id, event_type';
    const want = src.db.$client.prepare(STATS).all();
    expect(want.length).toBeGreaterThan(10);
    expect((await p.pool.query(STATS)).rows).toEqual(want);
    const idsLite = (
      src.db.$client.prepare("SELECT rowid AS id FROM incidents_fts WHERE incidents_fts MATCH 'émigré*' ORDER BY rowid").all() as {
        id: number;
      }[]
    ).map((r) => r.id);
    const idsPg = (
      await rows<{ id: number }>(
        target,
        sql`SELECT id FROM incidents WHERE incidents_search_doc(location, admin3, admin2, admin1, actor1, assoc_actors, actor2, group_id, notes) @@ to_tsquery('public.frontier_search', ${toTsQuery('emigre')}) ORDER BY id`,
      )
    ).map((r) => r.id);
    expect(idsLite).toHaveLength(1);
    expect(idsPg).toEqual(idsLite);
  });

  it('moves every identity past the copied ids: new rows number themselves', async () => {
    const db = builder(target);
    const { maxId } = src.db.$client.prepare('SELECT max(id) AS maxId FROM incidents').get() as { maxId: number };
    const [row] = await db
      .insert(lite.incidents)
      .values({
        source: 'manual',
        sourceId: 'after-copy',
        occurredAt: NOW,
        occurredDay: 20_000,
        country: 'Pakistan',
        lat: 33,
        lon: 71,
        eventType: 'Battles',
        subEventType: 'Armed clash',
        groupId: 'ttp',
        createdAt: NOW,
        updatedAt: NOW,
      })
      .returning({ id: lite.incidents.id });
    expect(row.id).toBe(maxId + 1);
    const { maxSeq } = src.db.$client.prepare('SELECT max(seq) AS maxSeq FROM events').get() as { maxSeq: number };
    const [event] = await db.insert(lite.events).values({ type: 'incident', refId: row.id, action: 'create', createdAt: NOW }).returning();
    expect(event.seq).toBe(maxSeq + 1);
    const [alert] = await db
      .insert(lite.alerts)
      .values({ ruleId: 1, dedupeKey: 'after', severity: 'info', firedAt: NOW, summary: 's' })
      .returning();
    expect(alert.id).toBe(41);
  });

  it('refuses a non-empty target, writing nothing; --force replaces its content in one transaction', async () => {
    await expect(copy()).rejects.toThrow(CopyRefusedError);
    await expect(copy()).rejects.toThrow(/not empty \(rows in .*incidents/);
    expect(await pgCount("incidents WHERE source_id = 'after-copy'")).toBe(1);
    const report = await copy(true);
    expect(report.tables.find((t) => t.table === 'incidents')!.target).toBe(report.tables.find((t) => t.table === 'incidents')!.source);
    expect(await pgCount("incidents WHERE source_id = 'after-copy'")).toBe(0);
  });

  /** A copy of the source file with `change` applied to it. */
  function spoiled(name: string, change: string): string {
    const path = join(dirname(src.path), name);
    src.db.$client.pragma('wal_checkpoint(TRUNCATE)');
    copyFileSync(src.path, path);
    const file = new Database(path);
    file.prepare(change).run();
    file.close();
    return path;
  }

  it('rolls a failed copy back whole: an empty target stays empty, and the next copy is not refused', async () => {
    const empty = await freshPgDatabase({ migrate: false });
    const store = openStore(empty.url, { poolMax: 2 });
    const count = async (table: string) => Number((await empty.pool.query<{ n: unknown }>(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
    // Found at the very end: the rollup the target built differs from the source's.
    const badRollup = spoiled(
      'bad-rollup.db',
      'UPDATE incident_day_stats SET killed = killed + 1 WHERE (day, region, group_id, event_type) = (SELECT day, region, group_id, event_type FROM incident_day_stats LIMIT 1)',
    );
    // Found mid-way, after the incidents: a value PostgreSQL's text type cannot hold (a NUL character).
    const badValue = spoiled('bad-value.db', "UPDATE users SET name = 'a' || char(0) || 'b' WHERE id = (SELECT min(id) FROM users)");
    try {
      await expect(copySqliteToPostgres({ from: badRollup, to: store, force: false })).rejects.toThrow(
        /^(?=.*source only \()(?=.*target only \().*day rollup built on PostgreSQL differs from the source's/,
      );
      await expect(copySqliteToPostgres({ from: badValue, to: store, force: false })).rejects.toThrow(
        /^copying users: .*0x00.*\(COPY users, line 1/,
      );
      for (const table of ['incidents', 'users', 'events', 'audit_log', 'incident_day_stats']) expect(await count(table), table).toBe(0);
      // Migrated, with only what migrating writes: the next attempt is not refused as non-empty.
      expect(await count('groups')).toBeGreaterThan(0);
      await expect(copySqliteToPostgres({ from: src.path, to: store, force: false })).resolves.toBeTruthy();
      expect(await count('incidents')).toBe((src.db.$client.prepare('SELECT count(*) AS n FROM incidents').get() as { n: number }).n);
    } finally {
      await closeStore(store);
      await empty.drop();
    }
  });

  it('refuses a source that is not migrated to this version, or not a database', async () => {
    const old = join(dirname(src.path), 'old.db');
    copyFileSync(src.path, old);
    const file = new Database(old);
    file.prepare('DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations)').run();
    file.close();
    await expect(copySqliteToPostgres({ from: old, to: target, force: true })).rejects.toThrow(
      /is not migrated to this version .*npm run db:migrate/,
    );
    const junk = join(dirname(src.path), 'junk.db');
    writeFileSync(junk, 'not a database at all, just some text that is long enough to be a header'.repeat(20));
    await expect(copySqliteToPostgres({ from: junk, to: target, force: true })).rejects.toThrow(CopyRefusedError);
  });

  describe('the CLI', () => {
    const cli = (...args: string[]) => {
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/db-copy.ts', ...args], {
        env: { ...process.env, DATABASE_URL: '', INIT_CWD: process.cwd() },
        encoding: 'utf8',
        timeout: 120_000,
      });
      return { code: r.status, out: r.stdout + r.stderr };
    };
    const password = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://x@h/d').password;

    it('copies with --force, prints the counts, never the password', () => {
      const r = cli('--from', src.path, '--to', p.url, '--force');
      expect(r.out).toMatch(/incidents\s+\d+ rows/);
      expect(r.out).toMatch(/day rollup equal/);
      expect(r.code).toBe(0);
      expect(password.length).toBeGreaterThan(0);
      expect(r.out).not.toContain(password);
    });

    it('exits 2 for a refused target, a bad path or a bad URL; 1 for an unreachable server, naming it without the password', () => {
      const refused = cli('--from', src.path, '--to', p.url);
      expect([refused.code, refused.out]).toEqual([2, expect.stringMatching(/not empty.*--force/)]);
      const missing = cli('--from', '/nonexistent/fw.db', '--to', p.url);
      expect([missing.code, missing.out]).toEqual([2, expect.stringMatching(/\/nonexistent\/fw\.db does not exist/)]);
      const badUrl = cli('--from', src.path, '--to', 'postgres://user:hunter2@127.0.0.1:5432/');
      expect([badUrl.code, badUrl.out]).toEqual([2, expect.stringMatching(/must name one database/)]);
      expect(badUrl.out).not.toContain('hunter2');
      const down = cli('--from', src.path, '--to', 'postgres://fw:hunter2@127.0.0.1:1/fw');
      expect([down.code, down.out]).toEqual([
        1,
        expect.stringMatching(/PostgreSQL at postgres:\/\/fw:\*\*\*@127\.0\.0\.1:1\/fw: .*ECONNREFUSED/),
      ]);
      expect(down.out).not.toContain('hunter2');
      expect(cli('--from', src.path, p.url).code).toBe(2);
    });
  });
});
