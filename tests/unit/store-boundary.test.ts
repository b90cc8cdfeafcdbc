/**
 * The store boundary (docs/architecture.md, "Store boundary"): code above db/ holds a `Store` from
 * db/store.ts and calls db/ functions with it; it never reaches the engine. So no file there
 * imports the connection module, better-sqlite3 or Drizzle, takes the Db-returning accessor, or
 * touches `$client`. tests/ and bench/ may use the internals for their assertions.
 * npm run lint (eslint/layers.mjs) refuses the static imports as they are typed; this test also
 * sees dynamic import(), `$client` and `sqlOf`, and lists every offending line at once.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const ABOVE_DB = ['app', 'server', 'scripts', 'hooks', 'components', 'instrumentation.ts', 'proxy.ts'];
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs|jsx)$/;

/** A module specifier (import, export … from, import(), require()) naming the engine or the connection. */
const ENGINE_IMPORT =
  /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)['"](better-sqlite3|pg(?:-[a-z-]+)?|drizzle-orm(?:\/[^'"]*)?|[^'"]*\bdb\/(?:connection|engine|client\.ts|pg\/[^'"]*))['"]/;
/** What only a connection has, or hands out: the driver handle and the Db-typed accessors. */
const ENGINE_USE = /\$client\b|\bgetDb\b|\bsqlOf\b|\b(?:SqlDb|SqlWriter)\b|\bBetterSQLite3Database\b/;

function* sourceFiles(path: string): Generator<string> {
  const full = join(ROOT, path);
  let entries;
  try {
    entries = readdirSync(full, { withFileTypes: true });
  } catch {
    if (SOURCE.test(path)) yield full;
    return;
  }
  for (const e of entries) {
    if (e.isDirectory()) yield* sourceFiles(join(path, e.name));
    else if (SOURCE.test(e.name)) yield join(full, e.name);
  }
}

/** Offending lines of one file's text; comment lines are prose and may name anything. */
export function boundaryViolations(text: string): string[] {
  return text
    .split('\n')
    .map((line, i) => ({ line, n: i + 1 }))
    .filter(({ line }) => !/^\s*(\/\/|\*|\/\*)/.test(line))
    .filter(({ line }) => ENGINE_IMPORT.test(line) || ENGINE_USE.test(line))
    .map(({ line, n }) => `${n}: ${line.trim()}`);
}

describe('store boundary', () => {
  it('finds what it is meant to find', () => {
    expect(boundaryViolations("import { openDatabase } from '@/db/connection';")).toHaveLength(1);
    expect(boundaryViolations("import { sql } from 'drizzle-orm';\nimport { x } from 'drizzle-orm/sqlite-core';")).toHaveLength(2);
    expect(boundaryViolations("const { getDb } = await import('./db/client');")).toHaveLength(1);
    expect(boundaryViolations('store.$client.close();')).toHaveLength(1);
    // PostgreSQL (issue 19) is an engine too: its driver and its connection module stay in db/.
    expect(boundaryViolations("import pg from 'pg';\nimport { from } from 'pg-copy-streams';")).toHaveLength(2);
    expect(boundaryViolations("import { openPostgres } from '@/db/pg/connection';")).toHaveLength(1);
    // The engine-neutral builder is db-internal too: above db/ there is only the Store.
    expect(boundaryViolations("import { builder, transact } from '@/db/engine';")).toHaveLength(1);
    expect(boundaryViolations("import { x } from 'pgx-lib';")).toEqual([]);
    expect(
      boundaryViolations("import { getStore } from '@/db/client';\n// better-sqlite3's $client\nimport type { Store } from '@/db/store';"),
    ).toEqual([]);
  });

  it('nothing above db/ reaches the engine', () => {
    const found: string[] = [];
    for (const top of ABOVE_DB) {
      for (const file of sourceFiles(top)) {
        for (const v of boundaryViolations(readFileSync(file, 'utf8'))) found.push(`${relative(ROOT, file)}:${v}`);
      }
    }
    expect(found, 'call db/ functions with a Store (db/store.ts) instead').toEqual([]);
  });
});
