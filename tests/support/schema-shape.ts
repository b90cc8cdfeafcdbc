import { getTableName, is, type SQL } from 'drizzle-orm';
import { getTableConfig as pgConfig, PgDialect, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as liteConfig, SQLiteSyncDialect, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { incidentParentKeys } from '@/db/schema-pg';

/**
 * One table's shape in engine-neutral terms, from drizzle's own table configs, so the SQLite and
 * PostgreSQL declarations of db/schema and db/schema-pg can be compared field by field.
 */
export interface Shape {
  columns: Record<string, { notNull: boolean; hasDefault: boolean; default: unknown; autoId: boolean; enum: string[] | null }>;
  primaryKey: string[];
  unique: string[];
  indexes: string[];
  foreignKeys: string[];
}

type AnyConfig = ReturnType<typeof liteConfig> | ReturnType<typeof pgConfig>;
type Render = (s: SQL) => string;

const liteDialect = new SQLiteSyncDialect();
const pgDialect = new PgDialect();

/** An index column: a plain column, or an expression such as `occurred_at DESC`, quotes and table prefixes dropped. */
function indexPart(c: unknown, render: Render): string {
  if (c && typeof c === 'object' && 'queryChunks' in c)
    return render(c as SQL)
      .replace(/"/g, '')
      .replace(/\b\w+\./g, '')
      .toLowerCase();
  const named = c as { name: string; indexConfig?: { order?: string } };
  return named.indexConfig?.order === 'desc' ? `${named.name} desc` : named.name;
}

function shapeOf(cfg: AnyConfig, render: Render): Shape {
  const columns: Shape['columns'] = {};
  const unique: string[] = [];
  for (const c of cfg.columns) {
    const autoId =
      c.primary && ('autoIncrement' in c ? Boolean(c.autoIncrement) : Boolean((c as { generatedIdentity?: unknown }).generatedIdentity));
    columns[c.name] = { notNull: c.notNull, hasDefault: c.hasDefault, default: c.default, autoId, enum: c.enumValues ?? null };
    if (c.isUnique) unique.push(`${c.uniqueName}(${c.name})`);
  }
  for (const u of cfg.uniqueConstraints) unique.push(`${u.getName()}(${u.columns.map((c) => c.name).join(',')})`);
  const indexes: string[] = [];
  for (const i of cfg.indexes) {
    const entry = `${i.config.name}(${(i.config.columns as unknown[]).map((c) => indexPart(c, render)).join(',')})`;
    (i.config.unique ? unique : indexes).push(entry);
  }
  const primaryKey = cfg.primaryKeys.length
    ? cfg.primaryKeys[0].columns.map((c) => c.name)
    : cfg.columns.filter((c) => c.primary).map((c) => c.name);
  const foreignKeys = cfg.foreignKeys.map((fk) => {
    const ref = fk.reference();
    const on = `on delete ${fk.onDelete ?? 'no action'} on update ${fk.onUpdate ?? 'no action'}`;
    return `${ref.columns.map((c) => c.name).join(',')} -> ${getTableName(ref.foreignTable)}(${ref.foreignColumns.map((c) => c.name).join(',')}) ${on}`;
  });
  return { columns, primaryKey, unique: unique.sort(), indexes: indexes.sort(), foreignKeys: foreignKeys.sort() };
}

export const sqliteShape = (t: SQLiteTable): Shape => shapeOf(liteConfig(t), (s) => liteDialect.sqlToQuery(s).sql);
/**
 * PostgreSQL's shape, the references its triggers check (incidentParentKeys, migration
 * 0012_incident_parent_triggers) counted as the foreign keys (no action) SQLite declares for them.
 */
export function pgShape(t: PgTable): Shape {
  const shape = shapeOf(pgConfig(t), (s) => pgDialect.sqlToQuery(s).sql);
  if (getTableName(t) !== 'incidents') return shape;
  const checked = incidentParentKeys.map((k) => `${k.column} -> ${getTableName(k.parent)}(id) on delete no action on update no action`);
  return { ...shape, foreignKeys: [...shape.foreignKeys, ...checked].sort() };
}

/** The tables a schema module exports, by table name. */
export function tablesOf<T extends SQLiteTable | PgTable>(
  module: Record<string, unknown>,
  kind: typeof SQLiteTable | typeof PgTable,
): Map<string, T> {
  const out = new Map<string, T>();
  for (const value of Object.values(module)) if (is(value, kind)) out.set(getTableName(value), value as T);
  return out;
}

export { PgTable, SQLiteTable };

/** Every difference between two shapes, worded for a failure message; empty when they agree. */
export function shapeDiff(table: string, lite: Shape, pg: Shape): string[] {
  const out: string[] = [];
  for (const name of new Set([...Object.keys(lite.columns), ...Object.keys(pg.columns)])) {
    const [a, b] = [lite.columns[name], pg.columns[name]];
    if (!a || !b) out.push(`${table}.${name} exists only on ${a ? 'SQLite' : 'PostgreSQL'}`);
    else if (JSON.stringify(a) !== JSON.stringify(b))
      out.push(`${table}.${name}: SQLite ${JSON.stringify(a)} ≠ PostgreSQL ${JSON.stringify(b)}`);
  }
  for (const key of ['primaryKey', 'unique', 'indexes', 'foreignKeys'] as const) {
    if (JSON.stringify(lite[key]) !== JSON.stringify(pg[key]))
      out.push(`${table} ${key}: SQLite ${JSON.stringify(lite[key])} ≠ PostgreSQL ${JSON.stringify(pg[key])}`);
  }
  return out;
}
