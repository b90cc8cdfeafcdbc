import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedError, fetchFeed, type FeedItem, type FeedResult, type FetchFeedOptions } from '@/server/intake/feed';
import { ETAG, LAST_MODIFIED, startFeedServer, type FeedServer } from '../support/feed-server';

// Real HTTP against a loopback feed server (tests/support/feed-server.ts), with the limits made
// small (50 KB, 500 ms) so the hostile cases finish fast; the defaults are 5 MB and 15 s.
let feeds: FeedServer;
const LIMITS = { maxBytes: 50 * 1024, timeoutMs: 500, maxRedirects: 3 };

beforeAll(async () => {
  feeds = await startFeedServer();
});
afterAll(() => feeds.close());

const get = (path: string, opts: FetchFeedOptions = {}) => fetchFeed(`${feeds.base}${path}`, { limits: LIMITS, ...opts });

async function items(path: string): Promise<FeedItem[]> {
  const result = await get(path);
  if (result.status !== 'ok') throw new Error(`expected items from ${path}`);
  return result.items;
}

async function failure(promise: Promise<FeedResult>): Promise<FeedError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FeedError);
  return error as FeedError;
}

describe('fetchFeed: formats', () => {
  it('reads RSS 2.0: GUID identity, HTML reduced to text, relative links resolved, dates as ISO instants', async () => {
    const [first, second, third] = await items('/rss');
    expect(first).toEqual({
      id: 'sfd-10001',
      title: 'Two soldiers martyred in North Waziristan attack & IBO',
      text: 'Two soldiers were martyred near Mir Ali, the ISPR said.\n\nSecurity forces & police cordoned off the area — officials said.',
      url: `${feeds.base}/pakistan/2026-12-03/two-soldiers-martyred`,
      publishedAt: '2026-12-03T04:15:00.000Z',
      author: 'Staff Reporter',
      outlet: null,
    });
    // content:encoded wins over the short description; scripts and tags never reach the text.
    expect(second.text).toBe(
      'A blast tore through a market in Quetta on Wednesday.\n\nPolice said 3 people were injured & taken to hospital.\nRescue 1122 responded.',
    );
    expect(second.id).toBe('http://news.example/pakistan/quetta-blast');
    // A relayed story names its outlet (RSS 2.0 <source>).
    expect(second.outlet).toBe('Quetta Wire & Co');
    // Neither GUID nor link: a stable hash of title and date.
    expect(third.id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect((await items('/rss'))[2].id).toBe(third.id);
    expect(third.url).toBeNull();
  });

  it('reads Atom 1.0: id, the alternate link, published before updated, html and xhtml content', async () => {
    const [a, b] = await items('/atom');
    expect(a).toMatchObject({
      id: 'urn:example:atom-wire:2001',
      title: 'Gunmen kill polio worker in Bajaur & flee',
      text: 'A polio worker was shot dead in Bajaur district on Thursday.',
      url: `${feeds.base}/stories/2001`,
      publishedAt: '2026-12-03T01:30:00.000Z',
      author: 'Correspondent',
    });
    expect(b).toMatchObject({ text: 'Torkham crossing reopened after talks.', publishedAt: '2026-12-02T12:00:00.000Z', author: null });
  });

  it('reads RSS 1.0 (RDF): items beside the channel, rdf:about identity, dc:date', async () => {
    expect(await items('/rdf')).toEqual([
      {
        id: 'http://rdf.example/3001',
        title: 'Rocket fired into Chaman',
        text: 'A rocket fired from across the border landed in Chaman.',
        url: 'http://rdf.example/3001',
        publishedAt: '2026-12-01T09:00:00.000Z',
        author: 'Desk',
        outlet: null,
      },
    ]);
  });
});

describe('fetchFeed: HTTP', () => {
  it('sends the validators back and answers not-modified on 304', async () => {
    const first = await get('/rss');
    expect(first).toMatchObject({ status: 'ok', etag: ETAG, lastModified: LAST_MODIFIED });
    expect(await get('/rss', { etag: ETAG })).toEqual({ status: 'not-modified' });
    expect(await get('/rss', { lastModified: LAST_MODIFIED })).toEqual({ status: 'not-modified' });
  });

  it('decodes gzip, deflate and br, and the declared charset: XML declaration (windows-1252) or HTTP header (iso-8859-1)', async () => {
    const ids = (await items('/rss')).map((i) => i.id);
    for (const path of ['/gzip', '/deflate', '/br']) expect((await items(path)).map((i) => i.id)).toEqual(ids);
    expect((await items('/cp1252'))[0].title).toBe('Peshawar – café ’s');
    expect((await items('/latin1'))[0].title).toBe('“Quétta”');
  });

  it('follows 3 redirects, refuses a 4th and a redirect to another scheme', async () => {
    expect(await items('/r/2')).toHaveLength(3);
    expect((await failure(get('/r/3'))).code).toBe('too-many-redirects');
    expect((await failure(get('/to-ftp'))).code).toBe('bad-url');
  });

  it('refuses non-http URLs and reports HTTP errors and unreachable hosts', async () => {
    for (const url of ['file:///etc/passwd', 'ftp://127.0.0.1/feed', 'not a url', 'javascript:alert(1)']) {
      expect((await failure(fetchFeed(url))).code).toBe('bad-url');
    }
    expect(await failure(get('/status-500'))).toMatchObject({ code: 'http', message: expect.stringContaining('500') });
    const closed = await startFeedServer();
    await closed.close();
    expect((await failure(fetchFeed(`${closed.base}/rss`, { limits: LIMITS }))).code).toBe('http');
  });
});

describe('fetchFeed: hostile feeds', () => {
  it('abandons a body past the size limit, counted after decompression', async () => {
    expect((await failure(get('/big'))).code).toBe('too-large');
    expect((await failure(get('/gzip-bomb'))).code).toBe('too-large');
    expect((await failure(get('/big-declared'))).code).toBe('too-large');
  });

  it('abandons a trickling body at the deadline', async () => {
    const started = performance.now();
    expect((await failure(get('/slow'))).code).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('reports malformed XML and a non-feed document as errors, not crashes', async () => {
    expect(await failure(get('/malformed'))).toMatchObject({ code: 'malformed', message: expect.stringContaining('line') });
    expect((await failure(get('/not-a-feed'))).code).toBe('unsupported');
  });

  it('never expands an external entity (XXE): /etc/passwd never appears', async () => {
    for (const path of ['/xxe', '/xxe-param']) {
      const error = await failure(get(path));
      expect(error.code).toBe('unsupported');
      expect(error.message).not.toMatch(/root:/);
    }
    // An external DTD without entity declarations is read but never loaded.
    const [item] = await items('/external-dtd');
    expect(item).toMatchObject({ id: 'd-1', title: 'dtd' });
    expect(JSON.stringify(item)).not.toMatch(/root:/);
  });

  it('refuses a billion-laughs document at once, with bounded memory', async () => {
    const heap = process.memoryUsage().heapUsed;
    const started = performance.now();
    expect((await failure(get('/lol'))).code).toBe('unsupported');
    expect(performance.now() - started).toBeLessThan(500);
    expect(process.memoryUsage().heapUsed - heap).toBeLessThan(50 * 1024 * 1024);
  });

  it("stops when the caller's signal aborts", async () => {
    const controller = new AbortController();
    const pending = fetchFeed(`${feeds.base}/slow`, { signal: controller.signal, limits: { timeoutMs: 5000 } });
    setTimeout(() => controller.abort(new Error('shutting down')), 50);
    await expect(pending).rejects.toThrow('shutting down');
  });
});
