/**
 * Direct routes: the production server (scripts/server.mjs) hands a few hot endpoints straight to
 * their App Router handler, before Next.js's router: the feeds' single-incident POST and the
 * dashboard's list call (`GET /api/incidents`: count, facets and first page). Next.js's request
 * handling (routing, request and response adaptation) cost more server CPU per request than the
 * list query itself; skipping it raised the ingest rate and the list throughput markedly
 * (docs/benchmarks.md). The handler is the very function Next.js would call,
 * so authorization, validation, rate limits and error bodies are the same; the API security
 * headers are next.config.js's (securityHeaders and isHttps, as proxy.ts uses them, plus the API
 * policy), and JSON and text answers of 1 KB or more are gzipped for clients that accept it, as
 * Next.js's compression does. Pages and every other route go through Next.js, and without
 * scripts/server.mjs (`next dev`) every request does.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { errorBody } from '@/server/http/respond';
import { API_CONTENT_SECURITY_POLICY } from '@/server/security/header-values.mjs';
import { isHttps, securityHeaders } from '@/server/security/headers';
import { log } from '@/server/log.mjs';
import { REQUEST_ID_HEADER } from '@/server/request-id.mjs';
import { SLOTS } from '@/lib/registry-key.mjs';
import { setSingleton } from '@/lib/registry';

/** An App Router route handler as Next.js calls it (only the request is passed here). */
export type WebHandler = (req: Request) => Promise<Response>;

/** What scripts/server.mjs calls for every request: true when a direct route served it. */
export type DirectDispatch = (req: IncomingMessage, res: ServerResponse) => boolean;

/** Routes by `METHOD /path`: exact path, any query string. */
export type DirectRouteTable = Record<`${'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'} /${string}`, WebHandler>;

/** The dispatcher for `routes`. Exported for tests; installDirectRoutes publishes it for the server. */
export function directDispatch(routes: DirectRouteTable): DirectDispatch {
  const table = new Map<string, WebHandler>(Object.entries(routes));
  return (req, res) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const handler = table.get(`${req.method} ${q < 0 ? url : url.slice(0, q)}`);
    if (!handler) return false;
    void serve(handler, req, res);
    return true;
  };
}

/**
 * Publishes the dispatcher for scripts/server.mjs (called from instrumentation.ts): Next.js loads
 * instrumentation in its own bundle, and the server file is not bundled at all, so the hand-over is
 * the registry's `directDispatch` slot (lib/registry-key.mjs), which both read.
 */
export function installDirectRoutes(routes: DirectRouteTable): void {
  setSingleton<DirectDispatch>(SLOTS.directDispatch, directDispatch(routes));
}

/**
 * The request body as a web stream that honours back-pressure. Unlike Readable.toWeb, cancelling
 * it (a body over the size limit: 413) or answering without reading it (401) drains and discards
 * the rest instead of destroying the socket, so the response still reaches the client and a
 * keep-alive connection stays usable.
 */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  let done = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.on('data', (chunk: Buffer) => {
        if (done) return;
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 1) <= 0) req.pause();
      });
      req.once('end', () => {
        if (!done) controller.close();
        done = true;
      });
      req.once('close', () => {
        if (!done && !req.complete) controller.error(new Error('the client closed the connection before the body was complete'));
        done = true;
      });
    },
    pull() {
      req.resume();
    },
    cancel() {
      done = true;
      discardBody(req);
    },
  });
}

function discardBody(req: IncomingMessage): void {
  if (req.complete) return;
  req.removeAllListeners('data');
  req.resume();
}

function toRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i], raw[i + 1]);
  // The id scripts/server.mjs chose (it replaces an unsafe one in req.headers, not in rawHeaders).
  const id = req.headers[REQUEST_ID_HEADER];
  if (typeof id === 'string') headers.set(REQUEST_ID_HEADER, id);
  // The server speaks plain http; a TLS-terminating proxy's X-Forwarded-Proto is read from the headers.
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(url, {
    method: req.method,
    headers,
    body: hasBody ? bodyStream(req) : undefined,
    // Required by fetch for a streamed request body.
    duplex: 'half',
  } as RequestInit);
}

/** Next.js's compression (the `compression` middleware) leaves answers under 1 KB as they are. */
export const GZIP_MIN_BYTES = 1024;

/** Whether an Accept-Encoding header allows gzip: named (or `x-gzip`) or `*`, with q > 0. */
export function acceptsGzip(header: string | undefined): boolean {
  let star = false;
  for (const part of (header ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.split(';').map((x) => x.trim());
    const q = params.find((x) => x.startsWith('q='));
    const allowed = q === undefined || Number(q.slice(2)) > 0;
    if (name === 'gzip' || name === 'x-gzip') return allowed;
    if (name === '*') star = allowed;
  }
  return star;
}

function send(req: IncomingMessage, res: ServerResponse, status: number, headers: Record<string, string | string[]>, body: Buffer): void {
  if (res.headersSent || res.destroyed) return;
  // Node joins repeated X-Forwarded-Proto headers with ', ', which isHttps reads as next.config.js's rule does.
  const forwarded = req.headers['x-forwarded-proto'];
  const https = isHttps(new Headers(forwarded === undefined ? undefined : { 'x-forwarded-proto': String(forwarded) }));
  const security = { ...securityHeaders(https), 'Content-Security-Policy': API_CONTENT_SECURITY_POLICY };
  const out = { ...headers };
  const type = String(out['content-type'] ?? '');
  if (/^(application\/json|text\/)/i.test(type) && out['content-encoding'] === undefined) {
    // The answer depends on Accept-Encoding whenever it could be compressed, as with Next.js.
    out.vary = out.vary ? `${String(out.vary)}, Accept-Encoding` : 'Accept-Encoding';
    if (body.length >= GZIP_MIN_BYTES && acceptsGzip(req.headers['accept-encoding'])) {
      body = gzipSync(body);
      out['content-encoding'] = 'gzip';
    }
  }
  res.writeHead(status, { ...out, ...security, 'content-length': String(body.length) });
  res.end(body);
}

const JSON_TYPE = { 'content-type': 'application/json' };
/** The API's error body (server/http/respond.ts), for answers the handler never got to give. */
const jsonError = (code: string, message: string) => Buffer.from(JSON.stringify(errorBody(code, message)));

async function serve(handler: WebHandler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // A handler may answer without reading the body (401, 415): pull the rest off the wire, as Node does.
  res.once('finish', () => discardBody(req));
  let request: Request;
  try {
    request = toRequest(req);
  } catch {
    // new URL() rejects a malformed Host header (Headers, a header value fetch refuses): a 400 as
    // Node gives other malformed requests.
    return send(req, res, 400, JSON_TYPE, jsonError('bad_request', 'Malformed request: invalid Host or header value.'));
  }
  try {
    // route() (server/http/respond.ts) turns every error of the handler into a JSON response.
    const response = await handler(request);
    const headers: Record<string, string | string[]> = {};
    response.headers.forEach((value, key) => {
      if (key !== 'set-cookie') headers[key] = value;
    });
    const cookies = response.headers.getSetCookie();
    if (cookies.length) headers['set-cookie'] = cookies;
    send(req, res, response.status, headers, Buffer.from(await response.arrayBuffer()));
  } catch (err) {
    // Only a client that went away mid-body gets here (its body stream failed): nothing to answer.
    if (!res.destroyed && !req.destroyed) {
      log.error(
        { reqId: req.headers[REQUEST_ID_HEADER], method: req.method, path: req.url?.split('?')[0], err },
        'direct route failed; answered 500',
      );
      send(req, res, 500, JSON_TYPE, jsonError('internal', 'Internal error; it has been logged.'));
    } else res.destroy();
  }
}
