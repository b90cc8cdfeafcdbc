// @engines sqlite postgres
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { count, eq, like } from 'drizzle-orm';
import { builder } from '@/db/engine';
import { meta, reports, sources } from '@/db/schema';
import { closeStore, openStore } from '@/db/store';
import { createSource } from '@/db/services/sources';
import { claimSourcePoll, releaseSourcePoll } from '@/db/services/source-polls';
import { getSource } from '@/db/queries/sources';
import { pollDueSources } from '@/server/intake/poll-due';
import { pollSource, type PollResult } from '@/server/intake/poll-source';
import { startIntakeScheduler } from '@/server/intake/poll-scheduler';
import { useTempDb, type TempDb } from '../support/api-db';
import { startFeedServer, type FeedServer } from '../support/feed-server';

// The scheduler's and the CLI's entry (pollDueSources) against a real database and a real feed
// server on loopback. Limits are made small (50 KB, 500 ms) so the hostile cases end fast; the
// defaults are 5 MB and 15 s (server/intake/feed-types.ts).
const LIMITS = { maxBytes: 50 * 1024, timeoutMs: 500, maxRedirects: 3 };
let t: TempDb;
let feeds: FeedServer;

beforeAll(async () => {
  t = await useTempDb();
  feeds = await startFeedServer();
});
afterAll(async () => {
  await feeds.close();
  await t.cleanup();
});
beforeEach(async () => {
  const db = builder(t.store);
  await db.delete(reports);
  await db.delete(sources);
  await db.delete(meta).where(like(meta.key, 'source-poll:%'));
});

const add = (path: string, extra: Partial<Parameters<typeof createSource>[1]> = {}, now = Date.now()) =>
  createSource(
    t.store,
    { name: `feed ${path}`, kind: 'rss', url: `${feeds.base}${path}`, pollMinutes: 10, enabled: true, keywords: [], ...extra },
    'test',
    now,
  );
const opts = { timeZone: 'Asia/Karachi', limits: LIMITS };
const reportCount = async () => (await builder(t.store).select({ n: count() }).from(reports))[0].n;
const nextFetchAt = (id: number, at: number) => builder(t.store).update(sources).set({ nextFetchAt: at }).where(eq(sources.id, id));

async function pollOne(id: number): Promise<PollResult> {
  const outcome = await pollSource(t.store, id, opts);
  if (outcome.status !== 'done') throw new Error('busy');
  return outcome.result;
}

describe('hostile feeds through the poller', () => {
  it.each([
    ['/big', /larger than 51200 bytes/],
    ['/big-declared', /larger than 51200 bytes/],
    ['/gzip-bomb', /larger than 51200 bytes/],
    ['/slow', /no complete answer within 500 ms/],
  ])('%s is abandoned, stored as the source’s error, and backs off', async (path, message) => {
    const s = await add(path);
    const started = Date.now();
    const result = await pollOne(s.id);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result).toMatchObject({ fetched: 0, created: 0, errors: [{ message: expect.stringMatching(message) as string }] });
    const after = await getSource(t.store, s.id);
    expect(after.lastError).toMatch(message);
    expect(Date.parse(after.nextFetchAt!) - Date.parse(after.lastFetchAt!)).toBeGreaterThanOrEqual(20 * 60_000);
    expect(await reportCount()).toBe(0);
  });
});

describe('pollDueSources (the scheduler’s and the CLI’s pass)', () => {
  it('polls the due, enabled sources only, and nothing new on the next pass', async () => {
    const rss = await add('/rss');
    const atom = await add('/atom');
    const off = await add('/rdf', { enabled: false });
    const notDue = await add('/gzip');
    await nextFetchAt(notDue.id, Date.now() + 3_600_000);
    const polls = await pollDueSources(t.store, opts);
    expect(polls.map((p) => p.sourceId)).toEqual([rss.id, atom.id]);
    expect(await reportCount()).toBe(5);
    expect((await getSource(t.store, off.id)).lastFetchAt).toBeNull();
    // Both are now scheduled 10 minutes out, so a pass right away finds nothing due.
    expect(await pollDueSources(t.store, opts)).toEqual([]);
    // Forced (the CLI's --once --source): fetched again, nothing new.
    const again = await pollDueSources(t.store, { ...opts, only: [atom.id] });
    expect(again).toEqual([
      { sourceId: atom.id, outcome: { status: 'done', result: { fetched: 2, filtered: 0, created: 0, duplicates: 2, errors: [] } } },
    ]);
  });

  it('skips a source another process holds the lease of, and takes it once the lease expires', async () => {
    const s = await add('/rdf');
    const now = Date.now();
    expect(await claimSourcePoll(t.store, s.id, now, now + 60_000)).toBe(true);
    expect(await pollDueSources(t.store, opts)).toEqual([{ sourceId: s.id, outcome: { status: 'busy' } }]);
    expect(await reportCount()).toBe(0);
    await builder(t.store)
      .update(meta)
      .set({ value: String(now - 1) })
      .where(eq(meta.key, `source-poll:${s.id}`));
    expect((await pollDueSources(t.store, opts))[0].outcome).toMatchObject({ status: 'done', result: { created: 1 } });
    // Released after the poll.
    expect(
      await builder(t.store)
        .select()
        .from(meta)
        .where(eq(meta.key, `source-poll:${s.id}`)),
    ).toEqual([]);
  });

  it('never runs two polls of one source at once in one process', async () => {
    const s = await add('/rss');
    const [a, b] = await Promise.all([pollSource(t.store, s.id, opts), pollSource(t.store, s.id, opts)]);
    expect([a.status, b.status].sort()).toEqual(['busy', 'done']);
    expect(await reportCount()).toBe(3);
  });

  it('gives the lease to one instance at a time: of claims made at once exactly one wins', async () => {
    const s = await add('/rss');
    // On PostgreSQL each store is its own pool, as separate instances are; a SQLite process has one connection.
    const instances =
      t.engine === 'postgres' ? [t.store, openStore(t.path, { poolMax: 2 }), openStore(t.path, { poolMax: 2 })] : [t.store, t.store];
    try {
      const now = Date.now();
      for (const round of [0, 1]) {
        const at = now + round * 120_000;
        const won = await Promise.all(
          instances.flatMap((st) => [claimSourcePoll(st, s.id, at, at + 60_000), claimSourcePoll(st, s.id, at, at + 60_000)]),
        );
        expect(won.filter(Boolean), `round ${round}`).toHaveLength(1);
      }
      // Released by its holder, the lease is free at once; a stale release (another expiry) removes nothing.
      await releaseSourcePoll(t.store, s.id, now + 1);
      expect(await claimSourcePoll(instances.at(-1)!, s.id, now + 120_001, now + 200_000)).toBe(false);
      await releaseSourcePoll(t.store, s.id, now + 180_000);
      expect(await claimSourcePoll(instances.at(-1)!, s.id, now + 120_001, now + 200_000)).toBe(true);
    } finally {
      await Promise.all(instances.filter((x) => x !== t.store).map((x) => closeStore(x)));
    }
  });
});

describe('the scheduler', () => {
  it('polls due sources on its own and stops cleanly', async () => {
    const s = await add('/rss');
    const scheduler = startIntakeScheduler({ db: () => t.store, timeZone: () => 'Asia/Karachi', everyMs: 50 });
    try {
      await expect.poll(async () => (await getSource(t.store, s.id)).itemsSeen, { timeout: 10_000 }).toBe(3);
    } finally {
      scheduler.stop();
    }
    expect((await getSource(t.store, s.id)).lastError).toBeNull();
  });
});

describe('npm run intake', () => {
  const run = promisify(execFile);
  const cli = (...args: string[]) =>
    run(process.execPath, ['scripts/run.mjs', 'intake', ...args], {
      env: { ...process.env, DATABASE_PATH: t.path, REPORT_TIME_ZONE: 'Asia/Karachi', LOG_LEVEL: 'silent' },
      timeout: 60_000,
    }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
  const lines = (stdout: string) =>
    stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);

  it('--once polls the due sources against the temp database, prints a line each, and exits 1 when one failed', async () => {
    const good = await add('/rss');
    const bad = await add('/malformed');
    const r = await cli('--once');
    expect(r.code, r.stderr).toBe(1);
    expect(lines(r.stdout)).toEqual([
      { sourceId: good.id, status: 'ok', fetched: 3, filtered: 0, created: 3, duplicates: 0, errors: [] },
      {
        sourceId: bad.id,
        status: 'failed',
        fetched: 0,
        filtered: 0,
        created: 0,
        duplicates: 0,
        errors: [{ message: expect.stringMatching(/^malformed XML/) as string }],
      },
    ]);
    expect(await reportCount()).toBe(3);
    expect((await getSource(t.store, bad.id)).lastError).toMatch(/^malformed XML/);

    const forced = await cli('--once', '--source', String(good.id));
    expect(forced.code, forced.stderr).toBe(0);
    expect(lines(forced.stdout)).toEqual([
      { sourceId: good.id, status: 'ok', fetched: 0, filtered: 0, created: 0, duplicates: 0, errors: [] },
    ]);
  });

  it('refuses a bad argument or an unknown source with exit 2', async () => {
    expect((await cli('--once', '--source', 'abc')).code).toBe(2);
    const unknown = await cli('--once', '--source', '999');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no source 999');
  });
});
