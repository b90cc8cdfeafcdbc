// @engines sqlite postgres
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { asc, count } from 'drizzle-orm';
import { builder } from '@/db/engine';
import { reports, sources } from '@/db/schema';
import { getReport } from '@/db/queries/reports';
import { fetchFeed } from '@/server/intake/feed';
import { parseFeed } from '@/server/intake/feed-parse';
import { startSyntheticFeed, type SyntheticFeed } from '@/server/intake/synthetic-feed';
import { pollSource, type PollOutcome } from '@/server/intake/poll-source';
import { registerSyntheticSource } from '@/server/intake/synthetic-source';
import { renderRss } from '@/lib/intake/synthetic/rss';
import { useTempDb, type TempDb } from '../support/api-db';

const run = promisify(execFile);
const TZ = 'Asia/Karachi';
const T0 = Date.parse('2026-12-06T06:00:00Z');
let t: TempDb;
let feed: SyntheticFeed;
beforeEach(async () => {
  t = await useTempDb();
  feed = await startSyntheticFeed({ port: 0, seed: 42, timeZone: TZ, keyPrefix: 'sim-test' });
});
afterEach(async () => {
  await feed.close();
  await t.cleanup();
});

const storedReports = async () => (await builder(t.store).select({ n: count() }).from(reports))[0].n;

describe('the simulator feed on loopback', () => {
  it('serves RSS 2.0 that fetchFeed reads, with a 304 while nothing is new', async () => {
    const published = [0, 1, 2].map((i) => feed.publish(T0 + i * 60_000));
    const first = await fetchFeed(feed.url);
    if (first.status !== 'ok') throw new Error('expected items');
    expect(first.items.map((i) => i.id).sort()).toEqual(published.map((r) => r.itemKey).sort());
    const newest = first.items[0];
    expect(newest).toMatchObject({
      id: published[2].itemKey,
      title: published[2].title,
      url: published[2].url,
      publishedAt: published[2].publishedAt,
    });
    expect(newest.text).toContain(published[2].text.split('\n')[0]);
    expect(await fetchFeed(feed.url, { etag: first.etag })).toEqual({ status: 'not-modified' });
    // The item's link answers with the report as plain text.
    const page = await fetch(published[0].url);
    expect(page.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await page.text()).toContain(published[0].title);
  });

  it('is polled through fetchFeed and ingestReports: new items once, a re-fetch creates none', async () => {
    const { id } = await registerSyntheticSource(
      t.store,
      { name: 'Synthetic news feed (simulator)', url: feed.url, pollMinutes: 1, enabled: true },
      'simulator',
      T0,
    );
    const poll = async () => {
      const outcome: PollOutcome = await pollSource(t.store, id, { timeZone: TZ, clock: () => T0 + 3_600_000 });
      if (outcome.status !== 'done') throw new Error('the source was busy');
      const { fetched, created, duplicates, errors } = outcome.result;
      return { fetched, created, duplicates, errors };
    };
    for (let i = 0; i < 4; i++) feed.publish(T0 + i * 60_000);
    expect(await poll()).toEqual({ fetched: 4, created: 4, duplicates: 0, errors: [] });
    // The stored ETag makes the next poll a 304: nothing read, nothing created.
    expect(await poll()).toEqual({ fetched: 0, created: 0, duplicates: 0, errors: [] });
    // Without validators the server sends the whole document again: every item is already stored.
    await builder(t.store).update(sources).set({ etag: null, lastModified: null });
    expect(await poll()).toEqual({ fetched: 4, created: 0, duplicates: 4, errors: [] });
    feed.publish(T0 + 10 * 60_000);
    expect(await poll()).toEqual({ fetched: 5, created: 1, duplicates: 4, errors: [] });
    expect(await storedReports()).toBe(5);
    const r = (await getReport(t.store, 1))!;
    expect(r).toMatchObject({ sourceId: id, status: 'new' });
    expect(r.title).toMatch(/\[synthetic\]$/);
    if (r.isIncident) expect(r.draft.admin2).not.toBeNull();
    expect((await builder(t.store).select().from(sources))[0]).toMatchObject({ itemsSeen: 5, lastError: null, synthetic: true });
  });

  it('escapes what it writes: a report cannot change the document', () => {
    const title = `Tom & Jerry's "q" 5 > 3 [synthetic]`;
    const report = { ...feed.publish(T0), title, text: 'x < y && y > z</description><guid>evil</guid></item><item><guid>two</guid>\u0001' };
    const items = parseFeed(renderRss({ title: 't', link: feed.url, description: 'd' }, [report]), feed.url);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ id: report.itemKey, title });
    expect(items[0].text).toMatch(/^x < y && y > z/);
  });
});

describe('npm run simulate -- --reports', () => {
  it('serves, registers and fetches its feed, then disables the source', async () => {
    await feed.close(); // this test's feed is the simulator's own
    const { stdout } = await run(
      process.execPath,
      ['node_modules/tsx/dist/cli.mjs', 'scripts/simulate.ts', '--reports', '--feed-port', '0', '--interval', '0.2', '--count', '3'],
      { env: { ...process.env, DATABASE_PATH: t.path }, timeout: 60_000 },
    );
    expect(stdout).toMatch(/Serving a synthetic news feed on http:\/\/127\.0\.0\.1:\d+\/synthetic\/feed\.xml/);
    expect(stdout).toContain('Simulator stopped after 3 report(s), 3 stored');
    const [source] = await builder(t.store).select().from(sources);
    expect(source).toMatchObject({ name: 'Synthetic news feed (simulator)', synthetic: true, enabled: false, pollMinutes: 1 });
    const rows = await builder(t.store).select().from(reports).orderBy(asc(reports.id));
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.sourceId === source.id && r.itemKey?.startsWith('synthetic:sim-'))).toBe(true);
  });

  it('rejects options that do not apply, naming them', async () => {
    await expect(
      run(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/simulate.ts', '--reports', '--token', 'fw_x', '--feed-port', 'x'], {
        env: { ...process.env, DATABASE_PATH: t.path },
      }),
    ).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--feed-port: must be a port number[\s\S]*--token: not used with --reports/),
    });
  });
});
