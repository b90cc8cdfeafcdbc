import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { syntheticReportStream, type SyntheticReport } from '@/lib/intake/synthetic/generate';
import { renderRss } from '@/lib/intake/synthetic/rss';

/**
 * The simulator's news feed: an RSS 2.0 document on a loopback port that gains one synthetic
 * report each time `publish` is called, so a source pointing at it sees new items arrive. It
 * answers conditional GETs (ETag) like a well-behaved outlet, and each item's link serves the
 * report as plain text, so "open the original" from the triage page works while it runs.
 */
export interface SyntheticFeed {
  /** The feed's URL: http://127.0.0.1:<port>/synthetic/feed.xml */
  url: string;
  /** Adds the next synthetic report, published at `at`, and returns it. */
  publish(at: number): SyntheticReport;
  /** Items currently in the document (the newest `keep`). */
  items(): readonly SyntheticReport[];
  close(): Promise<void>;
}

export interface SyntheticFeedOptions {
  /** 0 picks a free port. */
  port: number;
  seed: number;
  timeZone: string;
  /** GUID prefix; unique per run, so a new run's items are new reports. */
  keyPrefix: string;
  /** How many items the document lists (default 50, as outlets' feeds do). */
  keep?: number;
}

const FEED_PATH = '/synthetic/feed.xml';

export async function startSyntheticFeed(opts: SyntheticFeedOptions): Promise<SyntheticFeed> {
  const keep = opts.keep ?? 50;
  const listed: SyntheticReport[] = [];
  const byPath = new Map<string, SyntheticReport>();
  let version = 0;

  const server = createServer((req, res) => answer(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const next = syntheticReportStream({ seed: opts.seed, timeZone: opts.timeZone, keyPrefix: opts.keyPrefix, baseUrl: `${base}/synthetic` });

  function answer(req: IncomingMessage, res: ServerResponse): void {
    const path = new URL(req.url ?? '/', base).pathname;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === FEED_PATH) {
      const etag = `"${opts.keyPrefix}-${version}"`;
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag }).end();
        return;
      }
      const channel = {
        title: 'Synthetic news feed (simulator)',
        link: `${base}${FEED_PATH}`,
        description: 'Synthetic demo reports: the events are invented.',
      };
      res
        .writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag, 'cache-control': 'no-cache' })
        .end(renderRss(channel, listed));
      return;
    }
    const item = byPath.get(path);
    if (item) {
      // Plain text, never HTML: the report's words are data.
      res
        .writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' })
        .end(`${item.title}\n\n${item.text}\n`);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
  }

  return {
    url: `${base}${FEED_PATH}`,
    publish(at) {
      const report = next(at);
      listed.push(report);
      byPath.set(new URL(report.url).pathname, report);
      if (listed.length > keep) byPath.delete(new URL(listed.shift()!.url).pathname);
      version++;
      return report;
    },
    items: () => listed,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
