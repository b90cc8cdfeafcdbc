import { is } from 'drizzle-orm';
import { getTableConfig, PgTable, type PgColumn } from 'drizzle-orm/pg-core';
import * as pgSchema from '../schema-pg';
import { incidentDayStats, incidentParentKeys, incidents } from '../schema-pg';

/**
 * What `npm run db:copy` moves from a SQLite file to PostgreSQL, derived from db/schema-pg so a
 * table added later is copied without anyone remembering to list it here: every table of the
 * PostgreSQL schema except the day rollup, whose triggers (migration 0001_search_and_rollup)
 * rebuild it from the copied incidents and which the copy then compares with the source's.
 */

/** Filled by PostgreSQL itself from the copied rows; compared with SQLite's, never copied. */
export const DERIVED_TABLES: readonly string[] = ['incident_day_stats'];

/** Rows that migrating an empty database writes (regions, known groups, the report zone): not "content" of a target. */
export const REFERENCE_TABLES: readonly string[] = ['regions', 'groups', 'meta'];

/** How one column's SQLite value is written in COPY's text format. */
type Encode = (value: unknown) => string;

export interface CopyColumn {
  name: string;
  encode: Encode;
}

export interface CopyTable {
  name: string;
  columns: CopyColumn[];
  /** The identity column whose sequence must move past the copied ids, if any. */
  identity: string | null;
}

const allTables = (): PgTable[] => Object.values(pgSchema as Record<string, unknown>).filter((v): v is PgTable => is(v, PgTable));

/** Every table of db/schema-pg, by name (the rollup included). */
export const schemaTableNames = (): string[] => allTables().map((t) => getTableConfig(t).name);

/**
 * The tables to copy, parents before children (by their foreign keys and incidentParentKeys), so each COPY finds the
 * rows it refers to already there; ties keep schema order, so the plan is stable.
 */
export function copyPlan(): CopyTable[] {
  const configs = allTables()
    .map((t) => getTableConfig(t))
    .filter((c) => !DERIVED_TABLES.includes(c.name));
  const parents = new Map(
    configs.map((c) => [c.name, new Set(c.foreignKeys.map((fk) => getTableConfig(fk.reference().foreignTable).name))]),
  );
  // The references PostgreSQL checks with triggers instead of constraints order the copy the same way.
  for (const key of incidentParentKeys) parents.get(getTableConfig(incidents).name)!.add(getTableConfig(key.parent).name);
  const ordered: string[] = [];
  while (ordered.length < configs.length) {
    const next = configs.find(
      (c) => !ordered.includes(c.name) && [...parents.get(c.name)!].every((p) => p === c.name || ordered.includes(p)),
    );
    if (!next) throw new Error('db/schema-pg has a foreign-key cycle; db:copy cannot order its tables');
    ordered.push(next.name);
  }
  const byName = new Map(configs.map((c) => [c.name, c]));
  return ordered.map((name) => planOf(byName.get(name)!));
}

/** The day rollup's columns, for comparing the target's with the source's (db/pg/copy-rollup.ts). */
export const rollupPlan = (): CopyTable => planOf(getTableConfig(incidentDayStats));

function planOf(c: ReturnType<typeof getTableConfig>): CopyTable {
  return {
    name: c.name,
    columns: c.columns.map((col) => ({ name: col.name, encode: encoderFor(col) })),
    identity: c.columns.find((col) => col.generatedIdentity !== undefined)?.name ?? null,
  };
}

// --- COPY text format ------------------------------------------------------------------------------

/** NULL in COPY's text format. */
export const NULL_FIELD = '\\N';

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A text field: backslash, newline, carriage return and tab are the characters COPY text format escapes. */
export const escapeText = (s: string): string => s.replace(/[\\\n\r\t]/g, (c) => ESCAPES[c]);

function encoderFor(col: PgColumn): Encode {
  const type = col.getSQLType();
  const label = `${col.name} (${type})`;
  switch (type) {
    case 'boolean':
      // SQLite stores booleans as 0/1 integers.
      return (v) => (v === 1 || v === true ? 't' : v === 0 || v === false ? 'f' : badValue(label, v));
    case 'integer':
    case 'bigint':
      return (v) => (typeof v === 'number' && Number.isInteger(v) ? String(v) : typeof v === 'bigint' ? v.toString() : badValue(label, v));
    case 'double precision':
      // String() gives the shortest text that reads back as the same float64, so a point stays bit-for-bit.
      return (v) => (typeof v === 'number' ? String(v) : badValue(label, v));
    case 'bytea':
      // `\x…` hex, its backslash escaped for the text format.
      return (v) => (Buffer.isBuffer(v) ? `\\\\x${v.toString('hex')}` : badValue(label, v));
    case 'text':
      return (v) => (typeof v === 'string' ? escapeText(v) : typeof v === 'number' ? String(v) : badValue(label, v));
    default:
      throw new Error(`db:copy does not know how to copy column ${label}`);
  }
}

function badValue(column: string, v: unknown): never {
  const shown = Buffer.isBuffer(v) ? `${v.length} bytes` : JSON.stringify(v)?.slice(0, 60);
  throw new Error(`column ${column} holds a value PostgreSQL cannot take: ${shown}`);
}
