import { readCapped } from '@/server/http/read-capped';
import { FeedError } from './feed-error';
import type { FeedLimits } from './feed-types';

/**
 * The HTTP half of reading a feed, bounded against hostile servers: http/https only, redirects
 * followed by hand (at most `maxRedirects`, each target's scheme checked again), one deadline for
 * the whole exchange, and the decoded body counted as it streams so a gzip bomb or an endless body
 * is cut off at `maxBytes`. Private addresses are allowed on purpose: air-gapped deployments run
 * internal feeds, and only admins can add sources.
 */

export interface FeedResponse {
  status: 'ok' | 'not-modified';
  /** The URL that answered, after redirects: relative links in the feed resolve against it. */
  url: string;
  body: string;
  etag: string | null;
  lastModified: string | null;
}

interface Conditional {
  etag?: string | null;
  lastModified?: string | null;
}

export function checkUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FeedError('bad-url', `not a URL: ${raw.slice(0, 200)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FeedError('bad-url', `only http and https feeds are read, not ${url.protocol}`);
  }
  return url;
}

export async function httpGet(raw: string, conditional: Conditional, limits: FeedLimits, signal?: AbortSignal): Promise<FeedResponse> {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new FeedError('timeout', `no complete answer within ${limits.timeoutMs} ms`)),
    limits.timeoutMs,
  );
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  if (signal?.aborted) onAbort();
  try {
    return await exchange(checkUrl(raw), conditional, limits, controller.signal);
  } catch (error) {
    if (error instanceof FeedError) throw error;
    // Aborts surface as the reason we gave (a timeout FeedError) or as the caller's own reason.
    const reason: unknown = controller.signal.aborted ? controller.signal.reason : undefined;
    if (reason instanceof FeedError) throw reason;
    if (signal?.aborted) throw error;
    throw new FeedError('http', `request failed: ${describe(error)}`, { cause: error });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

async function exchange(start: URL, conditional: Conditional, limits: FeedLimits, signal: AbortSignal): Promise<FeedResponse> {
  let url = start;
  for (let hop = 0; ; hop++) {
    const headers: Record<string, string> = {
      accept: 'application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
      'accept-encoding': 'gzip, deflate, br',
      'user-agent': 'FrontierWatch-Intake/1 (+self-hosted)',
    };
    if (conditional.etag) headers['if-none-match'] = conditional.etag;
    if (conditional.lastModified) headers['if-modified-since'] = conditional.lastModified;
    const response = await fetch(url, { headers, redirect: 'manual', signal });
    if (response.status >= 300 && response.status < 400 && response.status !== 304) {
      await response.body?.cancel();
      const location = response.headers.get('location');
      if (!location) throw new FeedError('http', `HTTP ${response.status} without a Location header`);
      if (hop >= limits.maxRedirects) throw new FeedError('too-many-redirects', `more than ${limits.maxRedirects} redirects`);
      url = checkUrl(new URL(location, url).href);
      continue;
    }
    const etag = response.headers.get('etag');
    const lastModified = response.headers.get('last-modified');
    if (response.status === 304) {
      await response.body?.cancel();
      return { status: 'not-modified', url: url.href, body: '', etag, lastModified };
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new FeedError('http', `HTTP ${response.status} ${response.statusText}`.trim());
    }
    const bytes = await readBounded(response, limits.maxBytes);
    return { status: 'ok', url: url.href, body: decode(bytes, response.headers.get('content-type')), etag, lastModified };
  }
}

/** The decoded body, abandoned as soon as it passes `maxBytes` (a declared length over it is refused up front). */
async function readBounded(response: Response, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = () => new FeedError('too-large', `response larger than ${maxBytes} bytes`);
  const declared = Number(response.headers.get('content-length'));
  // Content-Length counts encoded bytes; only a plain body's length says the decoded size.
  if (!response.headers.get('content-encoding') && declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  if (!response.body) return new Uint8Array(0);
  return readCapped(response.body, maxBytes, tooLarge);
}

/** Text in the feed's declared charset: the HTTP header first, then a BOM, then the XML declaration, else UTF-8. */
export function decode(bytes: Uint8Array, contentType: string | null): string {
  const label = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1] ?? bomCharset(bytes) ?? declaredCharset(bytes) ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label);
  } catch {
    throw new FeedError('unsupported', `unknown character set: ${label.slice(0, 40)}`);
  }
  const text = decoder.decode(bytes);
  return decoder.encoding === 'windows-1252' ? fixC1(text) : text;
}

/**
 * windows-1252's 0x80–0x9F (curly quotes, dashes, €), which Node 20's TextDecoder decodes as
 * latin1 C1 controls. WHATWG maps the iso-8859-1 and latin1 labels to windows-1252 too, so this
 * serves feeds that say either. Idempotent where the decoder already maps them.
 */
const CP1252_C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const fixC1 = (text: string) => text.replace(/[\u0080-\u009f]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80]);

function bomCharset(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return null;
}

function declaredCharset(bytes: Uint8Array): string | null {
  // The declaration is ASCII in every charset a feed may use, so latin1 reads it safely.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  return /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/.exec(head)?.[1] ?? null;
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message ?? String(error);
}
