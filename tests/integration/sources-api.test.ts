// @engines sqlite postgres
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql, type SQL } from 'drizzle-orm';
import { builder, rows } from '@/db/engine';
import { reports, sources } from '@/db/schema';
import * as collection from '@/app/api/sources/route';
import * as one from '@/app/api/sources/[id]/route';
import * as fetchNow from '@/app/api/sources/[id]/fetch/route';
import type { SourceItem } from '@/lib/intake/report-types';
import type { PollResult } from '@/server/intake/poll-source';
import { mintToken } from '../support/auth';
import { useTempDb, type TempDb } from '../support/api-db';
import { startFeedServer, type FeedServer } from '../support/feed-server';
import { resetRateLimits } from '@/server/security/rate-limit';

// The routes against a real database and a real feed server on loopback (tests/support/feed-server.ts).
let t: TempDb;
let feeds: FeedServer;
const tok: Record<'viewer' | 'analyst' | 'admin', string> = { viewer: '', analyst: '', admin: '' };

beforeAll(async () => {
  t = await useTempDb();
  for (const role of ['viewer', 'analyst', 'admin'] as const) tok[role] = await mintToken(t.store, role);
  feeds = await startFeedServer();
});
afterAll(async () => {
  await feeds.close();
  await t.cleanup();
});
beforeEach(async () => {
  resetRateLimits();
  await builder(t.store).delete(reports);
  await builder(t.store).delete(sources);
});

/** A raw read on either engine: `?` marks a bound value. */
function query<T>(text: string, ...args: unknown[]): Promise<T[]> {
  const parts = text.split('?');
  const chunks: SQL[] = parts.flatMap((part, i) => (i < args.length ? [sql.raw(part), sql`${args[i]}`] : [sql.raw(part)]));
  return rows<T>(t.store, sql.join(chunks));
}
const column = async <T>(text: string, ...args: unknown[]) =>
  (await query<Record<string, T>>(text, ...args)).map((r) => Object.values(r)[0]);

const BASE = 'http://127.0.0.1';
type Who = keyof typeof tok;
const req = (method: string, path: string, who: Who, body?: unknown) =>
  new Request(`${BASE}${path}`, {
    method,
    headers: { authorization: `Bearer ${tok[who]}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const params = (id: number | string) => ({ params: Promise.resolve({ id: String(id) }) });

async function create(body: Record<string, unknown>): Promise<SourceItem> {
  const res = await collection.POST(req('POST', '/api/sources', 'admin', body));
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as SourceItem;
}
const feed = (path: string, extra: Record<string, unknown> = {}) => create({ name: `feed ${path}`, url: `${feeds.base}${path}`, ...extra });

async function fetchSource(id: number, who: Who = 'analyst'): Promise<{ status: number; body: PollResult }> {
  const res = await fetchNow.POST(req('POST', `/api/sources/${id}/fetch`, who), params(id));
  return { status: res.status, body: (await res.json()) as PollResult };
}
async function getSource(id: number): Promise<SourceItem> {
  return (await (await one.GET(req('GET', `/api/sources/${id}`, 'viewer'), params(id))).json()) as SourceItem;
}
const rowOf = async (id: number) =>
  (
    await query<{ failures: number; etag: string | null; next: number | null; last: number | null }>(
      'SELECT failures, etag, next_fetch_at AS next, last_fetch_at AS last FROM sources WHERE id = ?',
      id,
    )
  )[0];
const reportCount = async () => (await column<number>('SELECT count(*) AS n FROM reports'))[0];

describe('sources CRUD', () => {
  it('creates with defaults, lists, reads, changes and deletes, each write audited', async () => {
    const s = await create({ name: 'Dawn', url: 'https://dawn.example/feeds/pakistan' });
    expect(s).toMatchObject({
      name: 'Dawn',
      kind: 'rss',
      pollMinutes: 10,
      enabled: true,
      keywords: [],
      lastFetchAt: null,
      lastSuccessAt: null,
      lastError: null,
      itemsSeen: 0,
      synthetic: false,
    });
    expect(Date.parse(s.nextFetchAt!)).toBeLessThanOrEqual(Date.now());
    const list = (await (await collection.GET(req('GET', '/api/sources', 'viewer'))).json()) as { items: SourceItem[] };
    expect(list.items).toEqual([s]);
    expect(await getSource(s.id)).toEqual(s);

    const patched = await one.PATCH(
      req('PATCH', `/api/sources/${s.id}`, 'admin', { enabled: false, keywords: ['Waziristan'] }),
      params(s.id),
    );
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ enabled: false, keywords: ['Waziristan'], nextFetchAt: null });

    expect((await one.DELETE(req('DELETE', `/api/sources/${s.id}`, 'admin'), params(s.id))).status).toBe(204);
    expect((await one.GET(req('GET', `/api/sources/${s.id}`, 'viewer'), params(s.id))).status).toBe(404);
    const audit = await column("SELECT action FROM audit_log WHERE entity = 'source' AND entity_id = ? ORDER BY id", String(s.id));
    expect(audit).toEqual(['create', 'update', 'delete']);
  });

  it('names the field of a bad body and refuses a second source on the same url', async () => {
    const bad = await collection.POST(req('POST', '/api/sources', 'admin', { name: 'x', url: 'file:///etc/passwd', pollMinutes: 0 }));
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { issues: { path: string }[] } };
    expect(body.error.issues.map((i) => i.path).sort()).toEqual(['pollMinutes', 'url']);
    await create({ name: 'a', url: 'https://geo.example/rss' });
    const twice = await collection.POST(req('POST', '/api/sources', 'admin', { name: 'b', url: 'https://geo.example/rss' }));
    expect(twice.status).toBe(409);
    expect(await reportCount()).toBe(0);
  });

  it('lets viewers read, analysts fetch, and only admins write', async () => {
    const s = await create({ name: 'Geo', url: `${feeds.base}/rss` });
    for (const who of ['viewer', 'analyst'] as const) {
      expect((await collection.POST(req('POST', '/api/sources', who, { name: 'x', url: 'https://x.example/' }))).status).toBe(403);
      expect((await one.PATCH(req('PATCH', `/api/sources/${s.id}`, who, { enabled: false }), params(s.id))).status).toBe(403);
      expect((await one.DELETE(req('DELETE', `/api/sources/${s.id}`, who), params(s.id))).status).toBe(403);
    }
    expect((await fetchSource(s.id, 'viewer')).status).toBe(403);
    expect((await fetchSource(s.id, 'analyst')).status).toBe(200);
    const anonymous = await collection.GET(new Request(`${BASE}/api/sources`));
    expect(anonymous.status).toBe(401);
    expect((await getSource(s.id)).enabled).toBe(true);
  });

  it('keeps a deleted source’s reports, with their source name', async () => {
    const s = await feed('/rss');
    expect((await fetchSource(s.id)).body.created).toBe(3);
    await one.DELETE(req('DELETE', `/api/sources/${s.id}`, 'admin'), params(s.id));
    const rows = await query('SELECT source_id AS id, source_name AS name FROM reports ORDER BY name');
    // The relayed item keeps the outlet its <source> names.
    expect(rows).toEqual([{ id: null, name: 'Quetta Wire & Co' }, ...Array(2).fill({ id: null, name: 'feed /rss' })]);
  });
});

describe('POST /api/sources/{id}/fetch', () => {
  it('reads RSS 2.0, Atom and RDF into reports named after the source (or the outlet an item relays), then nothing new on a re-fetch', async () => {
    const ids: number[] = [];
    for (const [path, n] of [
      ['/rss', 3],
      ['/atom', 2],
      ['/rdf', 1],
    ] as const) {
      const s = await feed(path);
      ids.push(s.id);
      expect((await fetchSource(s.id)).body).toEqual({ fetched: n, filtered: 0, created: n, duplicates: 0, errors: [] });
      const after = await getSource(s.id);
      expect(after).toMatchObject({ itemsSeen: n, lastError: null });
      expect(after.lastSuccessAt).not.toBeNull();
      expect(Date.parse(after.nextFetchAt!) - Date.parse(after.lastSuccessAt!)).toBe(10 * 60_000);
      const names = await column('SELECT DISTINCT source_name FROM reports WHERE source_id = ? ORDER BY 1', s.id);
      expect(names).toEqual(path === '/rss' ? ['Quetta Wire & Co', `feed ${path}`] : [`feed ${path}`]);
    }
    expect((await fetchSource(ids[1])).body).toEqual({ fetched: 2, filtered: 0, created: 0, duplicates: 2, errors: [] });
    expect(await reportCount()).toBe(6);
  });

  it('sends the stored ETag: a 304 is a success with nothing fetched', async () => {
    const s = await feed('/rss');
    await fetchSource(s.id);
    expect((await rowOf(s.id)).etag).toBe('"rss-v1"');
    expect((await fetchSource(s.id)).body).toEqual({ fetched: 0, filtered: 0, created: 0, duplicates: 0, errors: [] });
    expect(await rowOf(s.id)).toMatchObject({ etag: '"rss-v1"', failures: 0 });
    expect((await getSource(s.id)).itemsSeen).toBe(3);
  });

  it('makes one report of an item found in two feeds (plain and gzip)', async () => {
    const plain = await feed('/rss');
    const gzip = await feed('/gzip');
    expect((await fetchSource(plain.id)).body.created).toBe(3);
    expect((await fetchSource(gzip.id)).body).toMatchObject({ fetched: 3, created: 0, duplicates: 3 });
    expect(await reportCount()).toBe(3);
  });

  it('keeps only the items that contain a keyword', async () => {
    const s = await feed('/rss', { keywords: ['QUETTA', 'levies'] });
    expect((await fetchSource(s.id)).body).toEqual({ fetched: 2, filtered: 1, created: 2, duplicates: 0, errors: [] });
    // Stored oldest published first (ingestReports), so sorted here by title.
    const titles = await column('SELECT title FROM reports ORDER BY title');
    expect(titles).toEqual(['Blast in Quetta market', 'Levies post attacked in Kech']);
  });

  it('reports an item that cannot become a report by its identity, and stores the others', async () => {
    const s = await feed('/empty-item');
    const host = new URL(feeds.base).host;
    expect((await fetchSource(s.id)).body).toEqual({
      fetched: 2,
      filtered: 0,
      created: 1,
      duplicates: 0,
      errors: [{ item: 'e-1', message: 'the item has neither a title nor any text' }],
    });
    expect(await column('SELECT item_key FROM reports')).toEqual([`guid:${host}:e-2`]);
    expect(await getSource(s.id)).toMatchObject({ lastError: null, itemsSeen: 1 });
  });

  it('follows up to 3 redirects', async () => {
    const s = await feed('/r/2');
    expect((await fetchSource(s.id)).body).toMatchObject({ created: 3, errors: [] });
  });

  it.each([
    ['/r/3', /more than 3 redirects/],
    ['/to-ftp', /only http and https feeds are read, not ftp:/],
    ['/malformed', /^malformed XML/],
    ['/not-a-feed', /.+/],
    ['/xxe', /declares XML entities/],
    ['/xxe-param', /declares XML entities/],
    ['/lol', /declares XML entities/],
    ['/status-500', /HTTP 500/],
  ])('%s is an error on the source with a back-off, and the server stays up', async (path, message) => {
    const s = await feed(path);
    const before = Date.now();
    const { status, body } = await fetchSource(s.id);
    expect(status).toBe(200);
    expect(body).toMatchObject({ fetched: 0, created: 0, duplicates: 0 });
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].item).toBeUndefined();
    expect(body.errors[0].message).toMatch(message);
    const after = await getSource(s.id);
    expect(after.lastError).toBe(body.errors[0].message);
    expect(after.lastError).not.toMatch(/\n|\bat\s+\S+\.(ts|js)/);
    expect(after.lastSuccessAt).toBeNull();
    expect((await rowOf(s.id)).failures).toBe(1);
    // First failure: twice the interval.
    expect(Date.parse(after.nextFetchAt!)).toBeGreaterThanOrEqual(before + 20 * 60_000);
    expect(Date.parse(after.nextFetchAt!)).toBeLessThan(Date.now() + 20 * 60_000 + 1000);
    expect(await reportCount()).toBe(0);
    // Still serving: another source fetches normally.
    expect((await fetchSource((await feed('/rdf')).id)).body.created).toBe(1);
  });

  it('doubles the back-off with each failure and a success resets it', async () => {
    const s = await feed('/malformed');
    await fetchSource(s.id);
    await fetchSource(s.id);
    const second = await rowOf(s.id);
    expect(second.failures).toBe(2);
    expect(second.next! - second.last!).toBeGreaterThanOrEqual(40 * 60_000);
    await one.PATCH(req('PATCH', `/api/sources/${s.id}`, 'admin', { url: `${feeds.base}/rdf` }), params(s.id));
    expect((await rowOf(s.id)).failures).toBe(0);
    await fetchSource(s.id);
    expect(await getSource(s.id)).toMatchObject({ lastError: null, itemsSeen: 1 });
  });

  it('answers 404 for an unknown source and 409 while the source is being fetched', async () => {
    expect((await fetchSource(999)).status).toBe(404);
    const s = await feed('/slow');
    const [a, b] = await Promise.all([
      fetchNow.POST(req('POST', `/api/sources/${s.id}/fetch`, 'analyst'), params(s.id)),
      new Promise((r) => setTimeout(r, 100)).then(() => fetchNow.POST(req('POST', `/api/sources/${s.id}/fetch`, 'analyst'), params(s.id))),
    ]);
    expect([a.status, b.status]).toEqual([200, 409]);
  });
});
