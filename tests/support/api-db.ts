import type { Db } from '@/db/connection';
import type { Store } from '@/db/store';
import { closeDb } from '@/db/client';
import { resetEnvCache } from '@/lib/env';
import { createApiToken } from '@/db/services/tokens';
import { openTestStore, type TestEngine } from './engine';

export interface TempDb {
  /** The store the route handlers use too (the engine under test: tests/support/engine.ts). */
  store: Store;
  engine: TestEngine;
  /** The SQLite connection, for tests that read SQLite directly (they run on SQLite only). */
  db: Db;
  /** The SQLite file or the PostgreSQL URL. */
  path: string;
  /** Analyst bearer token (header value without "Bearer "). */
  analyst: string;
  viewer: string;
  cleanup(): Promise<void>;
}

/**
 * A fresh migrated store that the route handlers also use: DATABASE_PATH (SQLite) or DATABASE_URL
 * (PostgreSQL) points at it and getStore()'s cached store is dropped, so handlers open it on
 * first use.
 */
export async function useTempDb(opts: { timeZone?: string } = {}): Promise<TempDb> {
  process.env.REPORT_TIME_ZONE = opts.timeZone ?? 'Asia/Karachi';
  process.env.DEMO_DATA = 'false';
  const t = await openTestStore({ timeZone: process.env.REPORT_TIME_ZONE });
  if (t.engine === 'postgres') {
    process.env.DATABASE_URL = t.target;
    process.env.DATABASE_POOL_MAX = '4';
  } else {
    delete process.env.DATABASE_URL;
    process.env.DATABASE_PATH = t.target;
  }
  resetEnvCache();
  await closeDb();
  const analyst = (await createApiToken(t.store, { name: 'test-analyst', role: 'analyst' })).token;
  const viewer = (await createApiToken(t.store, { name: 'test-viewer', role: 'viewer' })).token;
  readerAuth = { authorization: `Bearer ${viewer}` };
  return {
    store: t.store,
    engine: t.engine,
    get db(): Db {
      if (t.engine !== 'sqlite') throw new Error('this test reads SQLite directly: it runs on SQLite only');
      return t.store as Db;
    },
    path: t.target,
    analyst,
    viewer,
    async cleanup() {
      await closeDb();
      await t.close();
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
