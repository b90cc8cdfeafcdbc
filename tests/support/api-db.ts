import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '@/db/connection';
import { migrateDatabase } from '@/db/migrate';
import { closeDb } from '@/db/client';
import { resetEnvCache } from '@/lib/env';
import { createApiToken } from '@/db/services/tokens';

export interface TempDb {
  db: Db;
  path: string;
  /** Analyst bearer token (header value without "Bearer "). */
  analyst: string;
  viewer: string;
  cleanup(): void;
}

/**
 * A fresh migrated SQLite file that the route handlers also use: DATABASE_PATH points at it
 * and getDb()'s cached connection is dropped, so handlers open this file on first use.
 */
export function useTempDb(opts: { timeZone?: string } = {}): TempDb {
  const dir = mkdtempSync(join(tmpdir(), 'fw-api-'));
  const path = join(dir, 'test.db');
  process.env.DATABASE_PATH = path;
  process.env.REPORT_TIME_ZONE = opts.timeZone ?? 'Asia/Karachi';
  process.env.DEMO_DATA = 'false';
  resetEnvCache();
  closeDb();
  const db = openDatabase(path);
  migrateDatabase(db, { reportTimeZone: process.env.REPORT_TIME_ZONE });
  const analyst = createApiToken(db, { name: 'test-analyst', role: 'analyst' }).token;
  const viewer = createApiToken(db, { name: 'test-viewer', role: 'viewer' }).token;
  readerAuth = { authorization: `Bearer ${viewer}` };
  return {
    db,
    path,
    analyst,
    viewer,
    cleanup() {
      closeDb();
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const BASE = 'http://127.0.0.1';

/** Every route needs a principal: get() sends the temp database's viewer token unless told otherwise. */
let readerAuth: Record<string, string> = {};

export function get(path: string, headers: Record<string, string> = {}): Request {
  return new Request(`${BASE}${path}`, { headers: { ...readerAuth, ...headers } });
}

export function postJson(path: string, body: unknown, token?: string, method = 'POST'): Request {
  return new Request(`${BASE}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export function postCsv(path: string, csv: string, token?: string): Request {
  return new Request(`${BASE}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: csv,
  });
}

/** Route context for dynamic segments, as Next passes it. */
export function ctx<P extends Record<string, string>>(params: P): { params: Promise<P> } {
  return { params: Promise.resolve(params) };
}
