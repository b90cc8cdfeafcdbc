// @engines sqlite postgres
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import { builder } from '@/db/engine';
import { auditLog, events, importBatches, incidentRevisions, incidents, incidentsDeleted, meta, sources } from '@/db/schema';
import { dueSourceIds, getSource, getSourceRow } from '@/db/queries/sources';
import * as collection from '@/app/api/sources/route';
import * as one from '@/app/api/sources/[id]/route';
import * as fetchNow from '@/app/api/sources/[id]/fetch/route';
import { GET as LIST } from '@/app/api/incidents/route';
import { GET as MAP } from '@/app/api/map/route';
import { GET as EXPORT } from '@/app/api/incidents/export/route';
import { resetEnvCache } from '@/lib/env';
import { restoreDeletedIncident } from '@/db/services/incident-archive';
import { computeWeeklyReport } from '@/db/queries/weekly';
import { renderMarkdown } from '@/lib/reports/markdown';
import type { SourceItem } from '@/lib/intake/report-types';
import { log } from '@/server/log.mjs';
import { pollSource, type PollResult } from '@/server/intake/poll-source';
import { resetRateLimits } from '@/server/security/rate-limit';
import { mintToken } from '../support/auth';
import { useTempDb, type TempDb } from '../support/api-db';
import { AcledStandin } from '../support/acled-standin';
import { acledRow, type AcledRow } from '../support/api-acled';

// The ACLED API sync against a stand-in ACLED server on loopback (tests/support/acled-standin.ts):
// backfill, delta, deletions, tokens, failures, and no secret in any answer or log line.
let t: TempDb;
let api: AcledStandin;
let admin = '';
const KEY = randomBytes(32).toString('base64');
const PAGE = 3;
const answers: string[] = [];
const logLines: string[] = [];

beforeAll(async () => {
  t = await useTempDb();
  admin = await mintToken(t.store, 'admin');
  for (const level of ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const)
    vi.spyOn(log, level).mockImplementation((...args: unknown[]) => void logLines.push(JSON.stringify(args, errorFields)));
});
afterAll(async () => {
  vi.restoreAllMocks();
  delete process.env.SECRETS_KEY;
  resetEnvCache();
  await t.cleanup();
});
beforeEach(async () => {
  resetRateLimits();
  process.env.SECRETS_KEY = KEY;
  resetEnvCache();
  api = await new AcledStandin().start();
  const db = builder(t.store);
  await db.delete(incidents);
  await db.delete(incidentsDeleted);
  await db.delete(incidentRevisions);
  await db.delete(sources);
  await db.delete(meta).where(like(meta.key, 'source-poll:%'));
  return () => api.close();
});

const errorFields = (_k: string, v: unknown) => (v instanceof Error ? { name: v.name, message: v.message, stack: v.stack } : v);

const req = (method: string, path: string, body?: unknown) =>
  new Request(`http://127.0.0.1${path}`, {
    method,
    headers: { authorization: `Bearer ${admin}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const params = (id: number) => ({ params: Promise.resolve({ id: String(id) }) });

/** Every answer's text is kept: the secrets test looks through all of them. */
async function text(res: Response): Promise<string> {
  const body = await res.text();
  answers.push(body);
  return body;
}

async function createAcled(extra: Record<string, unknown> = {}): Promise<SourceItem> {
  const res = await collection.POST(
    req('POST', '/api/sources', { name: 'ACLED', kind: 'acled', url: api.base, email: api.email, password: api.password, ...extra }),
  );
  const body = await text(res);
  expect(res.status, body).toBe(201);
  return JSON.parse(body) as SourceItem;
}

const sync = async (id: number, pageLimit = PAGE, clock?: () => number): Promise<PollResult> => {
  const outcome = await pollSource(t.store, id, { timeZone: 'Asia/Karachi', acledPageLimit: pageLimit, clock });
  if (outcome.status !== 'done') throw new Error('busy');
  return outcome.result;
};

const pak = (i: number, over: AcledRow = {}) =>
  acledRow({ event_id_cnty: `PAK${i}`, event_date: `2024-0${1 + (i % 9)}-1${i % 10}`, timestamp: 1_700_000_000 + i, ...over });
const afg = (i: number, over: AcledRow = {}) =>
  acledRow({
    event_id_cnty: `AFG${i}`,
    country: 'Afghanistan',
    iso: 4,
    admin1: 'Nangarhar',
    admin2: 'Jalalabad',
    location: 'Jalalabad',
    latitude: 34.43,
    longitude: 70.45,
    actor1: 'ISKP: Islamic State Khorasan Province',
    event_date: `2023-0${1 + (i % 9)}-0${1 + (i % 9)}`,
    timestamp: 1_700_000_000 + i,
    ...over,
  });
const stored = async () =>
  (await builder(t.store).select({ sourceId: incidents.sourceId, killed: incidents.killed }).from(incidents)).sort((a, b) =>
    a.sourceId.localeCompare(b.sourceId),
  );

describe('ACLED sources in /api/sources', () => {
  it('creates with the defaults, shows hasPassword and never the password', async () => {
    const res = await collection.POST(
      req('POST', '/api/sources', { name: 'ACLED', kind: 'acled', email: 'a@example.org', password: 'pw-secret-1' }),
    );
    const body = await text(res);
    expect(res.status, body).toBe(201);
    const item = JSON.parse(body) as SourceItem;
    expect(item).toMatchObject({
      kind: 'acled',
      url: 'https://acleddata.com',
      email: 'a@example.org',
      hasPassword: true,
      countries: ['Pakistan', 'Afghanistan', 'Tajikistan'],
      since: '2017-01-01',
      pollMinutes: 360,
      authFailed: false,
      sync: { phase: 'backfill', pages: 0, rows: 0 },
    });
    expect(body).not.toContain('pw-secret-1');
    const row = await getSourceRow(t.store, item.id);
    expect(row.passwordSealed).toBeTruthy();
    expect(row.passwordSealed).not.toContain('pw-secret-1');
  });

  it('refuses a password when SECRETS_KEY is unset, naming it, and writes nothing', async () => {
    delete process.env.SECRETS_KEY;
    resetEnvCache();
    const res = await collection.POST(
      req('POST', '/api/sources', { name: 'ACLED', kind: 'acled', email: 'a@example.org', password: 'pw' }),
    );
    expect(res.status).toBe(400);
    expect(await text(res)).toContain('SECRETS_KEY');
    expect(await builder(t.store).select().from(sources)).toHaveLength(0);
  });

  it('validates the ACLED fields by name', async () => {
    const res = await collection.POST(
      req('POST', '/api/sources', { name: 'A', kind: 'acled', email: 'nope', password: '', since: '2017-02-30', countries: [] }),
    );
    expect(res.status).toBe(400);
    const paths = (JSON.parse(await text(res)) as { error: { issues: { path: string }[] } }).error.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['email', 'password', 'since', 'countries']));
  });

  it('refuses keywords on an ACLED source and ACLED fields on a feed', async () => {
    const s = await createAcled();
    const res = await one.PATCH(req('PATCH', `/api/sources/${s.id}`, { keywords: ['x'] }), params(s.id));
    expect(res.status).toBe(400);
    expect(await text(res)).toContain('keywords');
  });
});

describe('sync', () => {
  it('backfills every country page by page from `since`, then reads only newer rows', async () => {
    api.events = [
      ...Array.from({ length: 7 }, (_, i) => pak(i)),
      ...Array.from({ length: 4 }, (_, i) => afg(i)),
      pak(99, { event_date: '2016-05-01' }),
    ];
    const s = await createAcled({ countries: ['Pakistan', 'Afghanistan'] });
    const first = await sync(s.id);
    expect(first.errors).toEqual([]);
    expect(first.sync).toMatchObject({ rows: 11, inserted: 11 });
    expect((await stored()).map((r) => r.sourceId)).not.toContain('PAK99'); // before `since`
    expect(await stored()).toHaveLength(11);
    const reads = api.requests('/api/acled/read');
    // Pakistan: 3 + 3 + 1 rows (3 pages), Afghanistan: 3 + 1 (2 pages).
    expect(reads.map((r) => `${r.query.country}:${r.query.page}`)).toEqual([
      'Pakistan:1',
      'Pakistan:2',
      'Pakistan:3',
      'Afghanistan:1',
      'Afghanistan:2',
    ]);
    const today = new Date().toISOString().slice(0, 10);
    expect(reads[0].query).toMatchObject({ _format: 'json', event_date: `2017-01-01|${today}`, event_date_where: 'BETWEEN', limit: '3' });
    expect(reads.every((r) => r.authorization?.startsWith('Bearer standin-access-'))).toBe(true);
    const after = await getSource(t.store, s.id);
    expect(after.sync).toMatchObject({
      phase: 'delta',
      pages: 5,
      rows: 11,
      lastTimestamp: new Date((1_700_000_000 + 6) * 1000).toISOString(),
    });
    expect(after.lastError).toBeNull();
    // Each page is its own import batch (the ledger of what the sync wrote).
    expect((await builder(t.store).select().from(importBatches)).filter((b) => b.fileName?.startsWith('ACLED'))).toHaveLength(5);

    // ACLED revises PAK2 and publishes PAK50: the delta reads only rows modified after the last one stored.
    api.events[2] = pak(2, { fatalities: 40, timestamp: 1_800_000_000 });
    api.events.push(pak(50, { timestamp: 1_800_000_001 }));
    api.log.length = 0;
    const second = await sync(s.id);
    expect(second.sync).toMatchObject({ rows: 2, inserted: 1, updated: 1 });
    const deltaReads = api.requests('/api/acled/read');
    expect(deltaReads[0].query).toMatchObject({ timestamp: String(1_700_000_006), timestamp_where: '>' });
    expect(deltaReads[0].query).toMatchObject({ event_date: `2017-01-01|${today}`, event_date_where: 'BETWEEN' });
    expect((await stored()).find((r) => r.sourceId === 'PAK2')?.killed).toBe(40);
    const revisions = await builder(t.store).select().from(incidentRevisions);
    expect(revisions.map((r) => r.kind)).toEqual(['updated']);
    expect((await computeWeeklyReport(t.store, { week: '2024-W11', timeZone: 'Asia/Karachi' })).revisions).toEqual({
      deleted: 0,
      updated: 1,
    });
    // Idempotent: the same answer again changes nothing.
    api.log.length = 0;
    const third = await sync(s.id);
    expect(third.sync).toMatchObject({ rows: 0, inserted: 0, updated: 0 });
    expect(await stored()).toHaveLength(12);
  });

  it('takes ACLED’s deletions off the list, the map and the export, archived and audited', async () => {
    api.events = [pak(1), pak(2), pak(3)];
    const s = await createAcled({ countries: ['Pakistan'] });
    await sync(s.id);
    const id = (await builder(t.store).select({ id: incidents.id }).from(incidents).where(eq(incidents.sourceId, 'PAK2')))[0].id;
    api.deleted = [
      { event_id_cnty: 'PAK2', deleted_timestamp: 1_750_000_000 },
      { event_id_cnty: 'PAK777', deleted_timestamp: 1_750_000_001 },
    ];
    const result = await sync(s.id);
    expect(result.sync?.deleted).toBe(1);
    const del = api.requests('/api/deleted/read').at(-1)!;
    expect(del.query).toMatchObject({ _format: 'json', deleted_timestamp_where: '>' });
    expect(await stored()).toHaveLength(2);

    const list = JSON.parse(await text(await LIST(req('GET', '/api/incidents?limit=100')))) as { items: { sourceId: string }[] };
    expect(list.items.map((i) => i.sourceId).sort()).toEqual(['PAK1', 'PAK3']);
    const csv = await text(await EXPORT(req('GET', '/api/incidents/export?format=csv')));
    expect(csv).toContain('PAK1');
    expect(csv).not.toContain('PAK2,');
    const map = await text(await MAP(req('GET', '/api/map?zoom=10')));
    expect(map).not.toContain(`"id":${id},`);

    const [archived] = await builder(t.store).select().from(incidentsDeleted);
    expect(archived).toMatchObject({ incidentId: id, sourceId: 'PAK2', reason: 'deleted by ACLED', deletedAt: 1_750_000_000_000 });
    expect(JSON.parse(archived.row)).toMatchObject({ id, sourceId: 'PAK2' });
    const trail = await builder(t.store)
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'incident'), eq(auditLog.action, 'delete')));
    expect(trail.map((a) => a.entityId)).toEqual([String(id)]);
    expect(
      await builder(t.store)
        .select()
        .from(events)
        .where(and(eq(events.refId, id), eq(events.action, 'deleted'))),
    ).toHaveLength(1);
    expect((await getSource(t.store, s.id)).sync).toMatchObject({
      deleted: 1,
      lastDeletedTimestamp: new Date(1_750_000_001_000).toISOString(),
    });
    // The brief of the event's week (2024-03-12, ISO week 11) notes the revision.
    const brief = await computeWeeklyReport(t.store, { week: '2024-W11', timeZone: 'Asia/Karachi' });
    expect(brief.revisions).toEqual({ deleted: 1, updated: 0 });
    expect(renderMarkdown(brief)).toContain('Revised since first published: 1 incident (1 deleted) by ACLED');
    expect((await computeWeeklyReport(t.store, { week: '2024-W12', timeZone: 'Asia/Karachi' })).revisions).toEqual({
      deleted: 0,
      updated: 0,
    });
    // The next deletions read starts after the newest one applied.
    await sync(s.id);
    expect(api.requests('/api/deleted/read').at(-1)!.query.deleted_timestamp).toBe('1750000001');
    // Restorable: the archived row goes back under its id, as it was.
    const before = JSON.parse(archived.row) as Record<string, unknown>;
    expect(await restoreDeletedIncident(t.store, archived.id, 'test')).toBe(id);
    const [back] = await builder(t.store).select().from(incidents).where(eq(incidents.id, id));
    expect({ ...back, updatedAt: 0 }).toEqual({ ...before, updatedAt: 0 });
    const relisted = JSON.parse(await text(await LIST(req('GET', '/api/incidents?limit=100')))) as { items: { sourceId: string }[] };
    expect(relisted.items.map((i) => i.sourceId).sort()).toEqual(['PAK1', 'PAK2', 'PAK3']);
    await expect(restoreDeletedIncident(t.store, archived.id, 'test')).rejects.toThrow(/No archived incident/);
  });

  it('refreshes the access token before it expires, and logs in again after a 401', async () => {
    api.expiresIn = 3600;
    api.events = [pak(1)];
    const s = await createAcled({ countries: ['Pakistan'] });
    await sync(s.id);
    const grants = () => api.requests('/oauth/token').map((r) => r.form?.grant_type);
    expect(grants()).toEqual(['password']);
    expect(api.requests('/oauth/token')[0].form).toMatchObject({ username: api.email, password: api.password, client_id: 'acled' });
    // The stored token is reused by the next sync while it is fresh…
    await sync(s.id);
    expect(grants()).toEqual(['password']);
    // …and refreshed (not a new login) when the next sync runs 55 minutes later, 5 before it expires.
    await sync(s.id, PAGE, () => Date.now() + 55 * 60_000);
    expect(grants()).toEqual(['password', 'refresh_token']);
    expect(api.requests('/oauth/token')[1].form).toMatchObject({
      client_id: 'acled',
      refresh_token: expect.stringMatching(/^standin-refresh-1-/),
    });
    // ACLED forgets the access token: a 401, one new login, and the read goes on.
    api.expireAccessTokens();
    const after = await sync(s.id);
    expect(after.errors).toEqual([]);
    expect(grants()).toEqual(['password', 'refresh_token', 'password']);
  });

  it('stops with "authentication failed" when a fresh login is refused too (401 twice)', async () => {
    api.events = [pak(1)];
    const s = await createAcled({ countries: ['Pakistan'] });
    api.fail('/api/acled/read', 401, 2);
    const result = await sync(s.id);
    expect(result.errors).toEqual([{ message: 'authentication failed' }]);
    expect(api.requests('/oauth/token')).toHaveLength(2); // the first login, then exactly one more
    const after = await getSource(t.store, s.id);
    expect(after).toMatchObject({ lastError: 'authentication failed', authFailed: true, nextFetchAt: null });
  });

  it('bad credentials: "authentication failed", no polling until the source is edited', async () => {
    api.events = [pak(1)];
    const s = await createAcled({ countries: ['Pakistan'], password: 'wrong password' });
    const fetched = await fetchNow.POST(req('POST', `/api/sources/${s.id}/fetch`), params(s.id));
    expect(JSON.parse(await text(fetched))).toMatchObject({ errors: [{ message: 'authentication failed' }] });
    const shown = JSON.parse(await text(await one.GET(req('GET', `/api/sources/${s.id}`), params(s.id)))) as SourceItem;
    expect(shown).toMatchObject({ lastError: 'authentication failed', authFailed: true });
    expect(await dueSourceIds(t.store, Date.now() + 30 * 86_400_000, 10)).not.toContain(s.id);
    expect(api.requests('/api/acled/read')).toHaveLength(0);

    const patched = await one.PATCH(req('PATCH', `/api/sources/${s.id}`, { password: api.password }), params(s.id));
    expect(JSON.parse(await text(patched))).toMatchObject({ authFailed: false, lastError: null, hasPassword: true });
    expect(await dueSourceIds(t.store, Date.now() + 1000, 10)).toContain(s.id);
    expect((await sync(s.id)).errors).toEqual([]);
    expect(await stored()).toHaveLength(1);
  });

  it('backs off on 429 honouring Retry-After, and on 5xx, keeping the committed pages', async () => {
    api.events = Array.from({ length: 7 }, (_, i) => pak(i));
    const s = await createAcled({ countries: ['Pakistan'] });
    // Page 1 succeeds; page 2 is refused with a 429 asking for 120 s.
    let reads = 0;
    api.holdRead = () => {
      if (++reads === 1) api.fail('/api/acled/read', 429, 1, { 'retry-after': '120' });
    };
    const before = Date.now();
    const r1 = await sync(s.id);
    expect(r1.errors[0].message).toMatch(/429/);
    const after1 = await getSourceRow(t.store, s.id);
    expect(after1.failures).toBe(1);
    expect(after1.nextFetchAt! - before).toBeGreaterThanOrEqual(119_000);
    expect(after1.nextFetchAt! - before).toBeLessThan(130_000);
    expect(await stored()).toHaveLength(3); // page 1 committed
    // A 503 without Retry-After: a short doubling back-off, not the six-hour interval.
    api.holdRead = null;
    api.fail('/api/acled/read', 503, 1);
    const r2 = await sync(s.id);
    expect(r2.errors[0].message).toMatch(/503/);
    const after2 = await getSourceRow(t.store, s.id);
    expect(after2.failures).toBe(2);
    expect(after2.nextFetchAt! - Date.now()).toBeLessThanOrEqual(4 * 60_000);
    // Then the sync resumes at page 2.
    api.log.length = 0;
    await sync(s.id);
    expect(api.requests('/api/acled/read').map((r) => r.query.page)).toEqual(['2', '3']);
    expect(await stored()).toHaveLength(7);
    expect((await getSourceRow(t.store, s.id)).failures).toBe(0);
  });

  it('refuses oversized and malformed answers as errors on the source', async () => {
    const s = await createAcled({ countries: ['Pakistan'] });
    api.fail('/api/acled/read', 200, 1, {}, '{"success":true,"data":"nope"}');
    expect((await sync(s.id)).errors[0].message).toMatch(/data/);
    api.fail('/api/acled/read', 200, 1, {}, '<html>');
    expect((await sync(s.id)).errors[0].message).toMatch(/not JSON/);
    api.fail('/api/acled/read', 302, 1, { location: 'http://127.0.0.2/steal' });
    expect((await sync(s.id)).errors[0].message).toMatch(/redirects are not followed/);
    expect(api.log.filter((r) => r.path === '/steal')).toHaveLength(0);
  });

  it('leaves a row the import rules refuse out, naming its event, and stores the rest', async () => {
    api.events = [pak(1), pak(2, { latitude: 'north' }), pak(3)];
    const s = await createAcled({ countries: ['Pakistan'] });
    const r = await sync(s.id);
    expect(r.errors).toEqual([{ item: 'PAK2', message: expect.stringContaining('latitude') }]);
    expect((await stored()).map((x) => x.sourceId)).toEqual(['PAK1', 'PAK3']);
    expect((await getSource(t.store, s.id)).sync).toMatchObject({ skipped: 1, lastSkip: expect.stringContaining('PAK2') });
  });
});

describe('secrets', () => {
  it('no answer and no log line holds the password or a token', async () => {
    expect(answers.length).toBeGreaterThan(10);
    expect(logLines.length).toBeGreaterThan(0);
    const secrets = [api.password, 'pw-secret-1', 'wrong password', ...api.issued];
    // The tokens of the earlier tests' stand-ins are gone with them; this one logs in now.
    api.events = [pak(1)];
    const s = await createAcled({ countries: ['Pakistan'] });
    await text(await fetchNow.POST(req('POST', `/api/sources/${s.id}/fetch`), params(s.id)));
    await text(await collection.GET(req('GET', '/api/sources')));
    const audit = JSON.stringify(await builder(t.store).select().from(auditLog));
    const everything = [...answers, ...logLines, audit].join('\n');
    for (const secret of [...secrets, ...api.issued]) expect(everything).not.toContain(secret);
    expect(api.issued.length).toBeGreaterThan(0);
  });
});
