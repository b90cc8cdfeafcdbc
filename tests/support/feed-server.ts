import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';

/**
 * A real, deliberately badly behaved feed server on 127.0.0.1 (ephemeral port): the sample feeds
 * in tests/fixtures/intake/feeds/ plus every hostile answer the feed fetcher must survive.
 */

const fixture = (name: string) => readFileSync(new URL(`../fixtures/intake/feeds/${name}`, import.meta.url));
const RSS = fixture('rss2.xml');
export const ETAG = '"rss-v1"';
export const LAST_MODIFIED = 'Thu, 03 Dec 2026 10:00:00 GMT';
/** Bytes past the tests' 50 KB limit once decoded. */
const PADDING = 200 * 1024;

const xml = 'application/xml';
const wrap = (inner: string) => `<rss version="2.0"><channel><title>t</title>${inner}</channel></rss>`;

/** windows-1252 bytes: 0x92 ’, 0x96 –, 0xE9 é, declared only in the XML declaration. */
const CP1252 = Buffer.concat([
  Buffer.from('<?xml version="1.0" encoding="windows-1252"?><rss version="2.0"><channel><item><guid>cp-1</guid><title>Peshawar '),
  Buffer.from([0x96, 0x20, 0x63, 0x61, 0x66, 0xe9, 0x20, 0x92, 0x73]),
  Buffer.from('</title><description>x</description></item></channel></rss>'),
]);

const HOSTILE: Record<string, string> = {
  '/malformed': '<?xml version="1.0"?><rss version="2.0"><channel><item><title>unclosed</channel></rss>',
  '/not-a-feed': '<?xml version="1.0"?><html><body><p>hello</p></body></html>',
  '/xxe': `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${wrap('<item><title>&xxe;</title></item>')}`,
  '/xxe-param': `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>${wrap('<item><title>p</title></item>')}`,
  '/external-dtd': `<?xml version="1.0"?><!DOCTYPE rss SYSTEM "file:///etc/passwd">${wrap('<item><guid>d-1</guid><title>dtd</title></item>')}`,
  // One good item beside one with neither title nor text: the empty one is an item error, the other is stored.
  '/empty-item': wrap(
    '<item><guid>e-1</guid><title></title><description></description></item><item><guid>e-2</guid><title>Blast in Quetta</title></item>',
  ),
  '/lol': `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from(
    { length: 9 },
    (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`,
  ).join('')}]>${wrap('<item><title>&lol9;</title></item>')}`,
};

function route(req: IncomingMessage, res: ServerResponse): void {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  const redirect = /^\/r\/(\d+)$/.exec(path);
  if (redirect) {
    const left = Number(redirect[1]);
    res.writeHead(302, { location: left === 0 ? '/rss' : `/r/${left - 1}` }).end();
    return;
  }
  switch (path) {
    case '/rss':
      if (req.headers['if-none-match'] === ETAG || req.headers['if-modified-since'] === LAST_MODIFIED) {
        res.writeHead(304, { etag: ETAG }).end();
        return;
      }
      res.writeHead(200, { 'content-type': `${xml}; charset=utf-8`, etag: ETAG, 'last-modified': LAST_MODIFIED }).end(RSS);
      return;
    case '/atom':
      res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(fixture('atom.xml'));
      return;
    case '/rdf':
      res.writeHead(200, { 'content-type': 'application/rdf+xml' }).end(fixture('rdf.xml'));
      return;
    case '/gzip':
      res.writeHead(200, { 'content-type': xml, 'content-encoding': 'gzip' }).end(gzipSync(RSS));
      return;
    case '/deflate':
      res.writeHead(200, { 'content-type': xml, 'content-encoding': 'deflate' }).end(deflateSync(RSS));
      return;
    case '/br':
      res.writeHead(200, { 'content-type': xml, 'content-encoding': 'br' }).end(brotliCompressSync(RSS));
      return;
    case '/cp1252':
      res.writeHead(200, { 'content-type': 'text/xml' }).end(CP1252);
      return;
    case '/latin1': // the HTTP header names the charset; the body has no XML declaration
      res
        .writeHead(200, { 'content-type': 'text/xml; charset=ISO-8859-1' })
        .end(
          Buffer.concat([
            Buffer.from('<rss version="2.0"><channel><item><guid>l-1</guid><title>'),
            Buffer.from([0x93, 0x51, 0x75, 0xe9, 0x74, 0x74, 0x61, 0x94]),
            Buffer.from('</title></item></channel></rss>'),
          ]),
        );
      return;
    case '/to-ftp':
      res.writeHead(301, { location: 'ftp://127.0.0.1/feed.xml' }).end();
      return;
    case '/big': // chunked: no Content-Length to refuse up front, so the streamed count must stop it
      res.writeHead(200, { 'content-type': xml });
      res.end(wrap(`<item><title>${'x'.repeat(PADDING)}</title></item>`));
      return;
    case '/big-declared': // refused from its Content-Length, before any of the body is read
      res.writeHead(200, { 'content-type': xml, 'content-length': String(PADDING) });
      res.end(' '.repeat(PADDING));
      return;
    case '/gzip-bomb': // small on the wire, large once decoded
      res.writeHead(200, { 'content-type': xml, 'content-encoding': 'gzip' }).end(gzipSync(wrap(' '.repeat(20 * PADDING))));
      return;
    case '/slow': {
      res.writeHead(200, { 'content-type': xml });
      res.write('<?xml version="1.0"?><rss version="2.0"><channel>');
      let n = 0;
      const trickle = setInterval(() => {
        if (res.destroyed || ++n > 50) {
          clearInterval(trickle);
          res.end('</channel></rss>');
        } else res.write(' ');
      }, 100);
      res.on('close', () => clearInterval(trickle));
      return;
    }
    case '/status-500':
      res.writeHead(500).end('down');
      return;
  }
  if (path in HOSTILE) {
    res.writeHead(200, { 'content-type': xml }).end(HOSTILE[path]);
    return;
  }
  res.writeHead(404).end();
}

export interface FeedServer {
  base: string;
  server: Server;
  /** Drops open (keep-alive or trickling) connections, then stops listening. */
  close: () => Promise<void>;
}

export async function startFeedServer(): Promise<FeedServer> {
  const server = createServer(route);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
