import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateDrizzleJson, generateMigration, generateSQLiteDrizzleJson, generateSQLiteMigration } from 'drizzle-kit/api';
import { getTableConfig as pgConfig, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { getTableConfig as liteConfig } from 'drizzle-orm/sqlite-core';
import { openDatabase, type Db } from '@/db/connection';
import { migrateSqlite } from '@/db/migrate';
import * as lite from '@/db/schema';
import * as pgs from '@/db/schema-pg';
import { PgTable, pgShape, shapeDiff, SQLiteTable, sqliteShape, tablesOf } from '../support/schema-shape';

/**
 * Every schema change is made on both engines: db/schema (SQLite) and db/schema-pg (PostgreSQL)
 * declare the same tables, columns, keys and indexes. A column, index or foreign key added to one
 * side only fails here, naming it.
 */
const liteTables = tablesOf<SQLiteTable>(lite, SQLiteTable);
const pgTables = tablesOf<PgTable>(pgs, PgTable);
const PG_SQL = readdirSync('db/migrations-pg')
  .filter((f) => f.endsWith('.sql'))
  .map((f) => readFileSync(join('db/migrations-pg', f), 'utf8'))
  .join('\n');

/** What stands in on PostgreSQL for each SQLite virtual table, trigger and registered function. */
const COUNTERPARTS: Record<string, string> = {
  'table incidents_fts': 'CREATE INDEX incidents_search_idx',
  'trigger incidents_fts_ai': 'CREATE INDEX incidents_search_idx',
  'trigger incidents_fts_au': 'CREATE INDEX incidents_search_idx',
  'trigger incidents_fts_ad': 'CREATE INDEX incidents_search_idx',
  'table reports_fts': 'CREATE INDEX reports_search_idx',
  'trigger reports_fts_ai': 'CREATE INDEX reports_search_idx',
  'trigger reports_fts_au': 'CREATE INDEX reports_search_idx',
  'trigger reports_fts_ad': 'CREATE INDEX reports_search_idx',
  'trigger incident_day_stats_ai': 'CREATE TRIGGER incident_day_stats_ai AFTER INSERT ON incidents',
  'trigger incident_day_stats_au': 'CREATE TRIGGER incident_day_stats_au AFTER UPDATE ON incidents',
  'trigger incident_day_stats_ad': 'CREATE TRIGGER incident_day_stats_ad AFTER DELETE ON incidents',
  'function local_day': 'CREATE FUNCTION local_day(ms bigint, zone text)',
};

/** Instants (epoch ms) are named *_at, *_until or `at`; they must be bigint on PostgreSQL. */
const INSTANT = /(^at$|_at$|_until$)/;
const PG_TYPE: Record<string, string> = {
  SQLiteBoolean: 'boolean',
  SQLiteReal: 'double precision',
  SQLiteText: 'text',
  SQLiteBlobBuffer: 'bytea',
};

let db: Db;
beforeAll(() => {
  db = openDatabase(':memory:');
  migrateSqlite(db, { reportTimeZone: 'Asia/Karachi' });
});
afterAll(() => db.$client.close());

/** Tables the SQLite migrations create without a drizzle declaration (hand-written SQL). */
function migrationOnlyTables(): string[] {
  const rows = db.$client
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'")
    .all() as { name: string; sql: string }[];
  const virtual = rows.filter((r) => r.sql.startsWith('CREATE VIRTUAL TABLE')).map((r) => r.name);
  return rows.map((r) => r.name).filter((n) => !liteTables.has(n) && !virtual.some((v) => n === v || n.startsWith(`${v}_`)));
}

describe('PostgreSQL schema parity', () => {
  it('declares every SQLite table, and no other', () => {
    const want = [...liteTables.keys(), ...migrationOnlyTables()].sort();
    expect(want).toContain('incident_day_stats');
    expect([...pgTables.keys()].sort()).toEqual(want);
  });

  it.each([...liteTables.keys()])('%s: same columns, nullability, defaults, keys, indexes and foreign keys', (name) => {
    expect(shapeDiff(name, sqliteShape(liteTables.get(name)!), pgShape(pgTables.get(name)!))).toEqual([]);
  });

  it.each([...liteTables.keys()])('%s: maps each column type deliberately', (name) => {
    const pgCols = new Map(pgConfig(pgTables.get(name)!).columns.map((c) => [c.name, c]));
    for (const c of liteConfig(liteTables.get(name)!).columns) {
      const p = pgCols.get(c.name)!;
      const want = INSTANT.test(c.name)
        ? 'bigint'
        : (PG_TYPE[c.columnType] ?? (name === 'events' && c.name === 'seq' ? 'bigint' : 'integer'));
      expect(p.getSQLType(), `${name}.${c.name}`).toBe(want);
      // bigint columns read as JS numbers, so answers are the numbers SQLite gives.
      if (want === 'bigint') expect(p.columnType, `${name}.${c.name}`).toBe('PgBigInt53');
    }
  });

  it('matches the tables SQLite creates in hand-written migrations, column by column', () => {
    for (const name of migrationOnlyTables()) {
      const info = db.$client.prepare(`PRAGMA table_info(${name})`).all() as {
        name: string;
        notnull: number;
        pk: number;
        dflt_value: unknown;
      }[];
      const cfg = pgConfig(pgTables.get(name)!);
      const pgCols = cfg.columns.map((c) => ({ name: c.name, notNull: c.notNull, hasDefault: c.hasDefault }));
      expect(pgCols, name).toEqual(
        info.map((c) => ({ name: c.name, notNull: c.notnull === 1 || c.pk > 0, hasDefault: c.dflt_value !== null })),
      );
      const pk = info
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name);
      expect(cfg.primaryKeys[0]?.columns.map((c) => c.name) ?? [], `${name} primary key`).toEqual(pk);
      const liteIndexes = (db.$client.prepare(`PRAGMA index_list(${name})`).all() as { name: string; origin: string }[])
        .filter((i) => i.origin === 'c')
        .map(
          (i) =>
            `${i.name}(${(db.$client.prepare(`PRAGMA index_info(${i.name})`).all() as { name: string }[]).map((c) => c.name).join(',')})`,
        );
      expect(pgShape(pgTables.get(name)!).indexes, `${name} indexes`).toEqual(liteIndexes.sort());
    }
  });

  it('checks every reference of incidentParentKeys with triggers on the child and on the parent', () => {
    expect(pgs.incidentParentKeys.map((k) => k.column)).toEqual(['group_id', 'import_batch_id']);
    for (const key of pgs.incidentParentKeys) {
      const parent = pgConfig(key.parent).name;
      // The column refers to the parent's primary key, as SQLite's foreign key does.
      expect(pgConfig(key.parent).columns.find((c) => c.primary)?.name, parent).toBe('id');
      expect(PG_SQL).toContain(`CONSTRAINT = '${key.constraint}'`);
      expect(PG_SQL).toContain(
        `AFTER DELETE OR UPDATE OF id ON ${parent} FOR EACH ROW\n  EXECUTE FUNCTION incidents_parent_gone('${key.constraint}', '${key.column}')`,
      );
      expect(PG_SQL).toContain(
        `AFTER TRUNCATE ON ${parent} FOR EACH STATEMENT\n  EXECUTE FUNCTION incidents_parent_gone('${key.constraint}', '${key.column}')`,
      );
    }
    expect(PG_SQL).toContain('CREATE TRIGGER incidents_parents_ai AFTER INSERT ON incidents');
    expect(PG_SQL).toContain('CREATE TRIGGER incidents_parents_au AFTER UPDATE OF group_id, import_batch_id ON incidents');
  });

  it('has a PostgreSQL counterpart for every SQLite virtual table, trigger and registered function', () => {
    const objects = db.$client
      .prepare("SELECT type, name FROM sqlite_master WHERE type = 'trigger' OR (type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%')")
      .all() as { type: string; name: string }[];
    const keys = [...objects.map((o) => `${o.type} ${o.name}`), 'function local_day'].sort();
    expect(keys).toEqual(Object.keys(COUNTERPARTS).sort());
    for (const [object, counterpart] of Object.entries(COUNTERPARTS)) expect(PG_SQL, object).toContain(counterpart);
  });
});

/** The snapshot drizzle-kit wrote with the newest migration of a folder. */
function latestSnapshot(folder: string) {
  const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: { idx: number }[] };
  const idx = journal.entries[journal.entries.length - 1].idx;
  return JSON.parse(readFileSync(join(folder, 'meta', `${String(idx).padStart(4, '0')}_snapshot.json`), 'utf8'));
}

describe('committed migrations', () => {
  // A schema edited without `npm run db:generate` / `npm run db:generate:pg` would pass the parity
  // test above and still leave the databases without the change.
  it('db/migrations-pg is what drizzle-kit generates from db/schema-pg (nothing left to generate)', async () => {
    const prev = latestSnapshot('db/migrations-pg');
    expect(await generateMigration(prev, generateDrizzleJson(pgs, prev.id))).toEqual([]);
  });
  it('db/migrations is what drizzle-kit generates from db/schema (nothing left to generate)', async () => {
    const prev = latestSnapshot('db/migrations');
    expect(await generateSQLiteMigration(prev, await generateSQLiteDrizzleJson(lite, prev.id))).toEqual([]);
  });
});

describe('parity check', () => {
  const liteMeta = sqliteShape(liteTables.get('meta')!);
  it('reports a column added to one side only', () => {
    const wider = pgTable('meta', { key: text('key').primaryKey(), value: text('value').notNull(), note: text('note') });
    expect(shapeDiff('meta', liteMeta, pgShape(wider))).toEqual(['meta.note exists only on PostgreSQL']);
  });
  it('reports a changed nullability, default, index order and foreign key action', () => {
    const lessStrict = pgTable('meta', { key: text('key').primaryKey(), value: text('value').default('x') });
    expect(shapeDiff('meta', liteMeta, pgShape(lessStrict))).toEqual([expect.stringContaining('meta.value:')]);
    const parent = pgTable('p', { id: integer('id').primaryKey() });
    const a = pgShape(pgTable('c', { id: integer('id').references(() => parent.id, { onDelete: 'cascade' }) }));
    const b = pgShape(pgTable('c', { id: integer('id').references(() => parent.id) }));
    expect(shapeDiff('c', { ...a, indexes: ['i(x desc)'] }, { ...b, indexes: ['i(x)'] })).toHaveLength(2);
  });
});
