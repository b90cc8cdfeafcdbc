import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '@/db/connection';
import { migrateSqlite } from '@/db/migrate';
import { createSource } from '@/db/services/sources';
import { fetchFeed } from '@/server/intake/feed';
import { pollDueSources } from '@/server/intake/poll-due';
import { LABELLED_REPORTS } from '../../tests/fixtures/intake/reports/index';
import { REPORT_TIME_ZONE } from '../data/dataset';
import { metric } from '../lib/metric';
import type { Scenario } from './types';

const FEEDS = 20;
const ITEMS = 50;
/** Items per feed already stored before the measured pass: 20 × 45 = 900 of the 1,000 seen. */
const SEEN = 45;
const CONCURRENCY = 4;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** RSS 2.0 of `count` realistic items (the labelled reports' wording), newest first like a news feed. */
function feedXml(feed: number, count: number): string {
  const items = Array.from({ length: count }, (_, k) => {
    const i = count - 1 - k;
    const r = LABELLED_REPORTS[(feed * ITEMS + i) % LABELLED_REPORTS.length];
    const url = `http://bench.example/feed-${feed}/item-${i}`;
    return `<item><title>${esc(r.title)}</title><link>${url}</link><guid>${url}</guid><pubDate>${new Date(r.publishedAt).toUTCString()}</pubDate><description>${esc(`<p>${r.text}</p>`)}</description></item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>bench ${feed}</title>${items.join('')}</channel></rss>`;
}

async function serveFeeds(): Promise<{ base: string; server: Server; setCount: (n: number) => void }> {
  let count = SEEN;
  const bodies = new Map<string, string>();
  const server = createServer((req, res) => {
    const feed = Number(/^\/feed\/(\d+)$/.exec(req.url ?? '')?.[1] ?? -1);
    if (!(feed >= 0 && feed < FEEDS)) return void res.writeHead(404).end();
    const key = `${feed}:${count}`;
    if (!bodies.has(key)) bodies.set(key, feedXml(feed, count));
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(bodies.get(key));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, setCount: (n) => (count = n) };
}

/**
 * A poll pass of 20 feeds × 50 items on loopback with 900 of the 1,000 items already stored: the
 * scheduler's pollDueSources (conditional GET, parse, keyword filter, seen-item look-up, extraction
 * and storage of the 100 new ones, source rows updated). Floor: fetching and parsing the same 20
 * feeds alone, at the same concurrency. Its own database file, fresh each run.
 */
export const pollScenario: Scenario = {
  name: 'poll',
  async run(ctx, run) {
    const dir = join(ctx.args.work, `poll-${process.pid}-${run}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const db = openDatabase(join(dir, 'poll.db'));
    const feeds = await serveFeeds();
    try {
      migrateSqlite(db, { reportTimeZone: REPORT_TIME_ZONE });
      for (let f = 0; f < FEEDS; f++)
        await createSource(db, {
          name: `bench ${f}`,
          kind: 'rss',
          url: `${feeds.base}/feed/${f}`,
          pollMinutes: 10,
          enabled: true,
          keywords: [],
        });
      const opts = { timeZone: REPORT_TIME_ZONE, concurrency: CONCURRENCY };
      const seeded = await pollDueSources(db, opts);
      if (seeded.length !== FEEDS) throw new Error(`seeding polled ${seeded.length} feeds`);
      feeds.setCount(ITEMS);
      db.$client.prepare('UPDATE sources SET next_fetch_at = ?').run(Date.now() - 1);

      let t = performance.now();
      const polls = await pollDueSources(db, opts);
      const pollMs = performance.now() - t;
      const totals = polls.reduce(
        (a, p) =>
          p.outcome.status === 'done' ? { created: a.created + p.outcome.result.created, dup: a.dup + p.outcome.result.duplicates } : a,
        { created: 0, dup: 0 },
      );
      if (totals.created !== FEEDS * (ITEMS - SEEN) || totals.dup !== FEEDS * SEEN)
        throw new Error(`expected 100 created and 900 duplicates, got ${totals.created} and ${totals.dup}`);

      t = performance.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < FEEDS) await fetchFeed(`${feeds.base}/feed/${next++}`);
        }),
      );
      const floorMs = performance.now() - t;
      return [
        metric('poll', `poll ${FEEDS} feeds × ${ITEMS} items (${FEEDS * SEEN} seen)`, 'ms', pollMs, 'max', 2000, {
          baseline: { name: 'fetch and parse the same feeds alone', value: floorMs },
          note: `${totals.created} created, ${totals.dup} already seen`,
        }),
      ];
    } finally {
      await new Promise<void>((resolve) => feeds.server.close(() => resolve()));
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
