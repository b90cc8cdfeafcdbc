// @engines sqlite postgres
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST } from '@/app/api/reports/route';
import { GET as STREAM } from '@/app/api/stream/route';
import type { ReportSummary } from '@/lib/intake/report-types';
import { LABELLED_REPORTS } from '../fixtures/intake/reports/index';
import { useTempDb, type TempDb } from '../support/api-db';

/**
 * New reports reach open pages as an SSE `report` event: a real HTTP server on loopback serves the
 * route handlers (streaming the answer as it is produced), a client holds /api/stream open and
 * pastes a report through POST /api/reports.
 */
let t: TempDb;
let server: Server;
let base: string;

const ROUTES: Record<string, (req: Request) => Promise<Response>> = { 'GET /api/stream': STREAM, 'POST /api/reports': POST };

async function toRequest(req: IncomingMessage): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
  const ctrl = new AbortController();
  req.socket.once('close', () => ctrl.abort());
  const body = req.method === 'GET' ? undefined : Buffer.concat(chunks);
  return new Request(new URL(req.url!, base), { method: req.method, headers, body, signal: ctrl.signal });
}

beforeAll(async () => {
  t = await useTempDb();
  server = createServer((req, res) => {
    const handler = ROUTES[`${req.method} ${req.url!.split('?')[0]}`];
    if (!handler) return void res.writeHead(404).end();
    void (async () => {
      const response = await handler(await toRequest(req));
      res.writeHead(response.status, Object.fromEntries(response.headers));
      const reader = response.body?.getReader();
      res.once('close', () => void reader?.cancel().catch(() => {}));
      for (;;) {
        const chunk = await reader?.read().catch(() => ({ done: true, value: undefined }));
        if (!chunk || chunk.done) break;
        res.write(chunk.value);
      }
      res.end();
    })();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  await t.cleanup();
});

interface Frame {
  id: string;
  event: string;
  data: string;
}

/** Reads frames from an open stream until one satisfies `until` (or 5 s pass). */
async function framesUntil(res: Response, until: (f: Frame) => boolean): Promise<Frame[]> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const frames: Frame[] = [];
  let raw = '';
  const deadline = Date.now() + 5000;
  while (!frames.some(until) && Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    raw += decoder.decode(value, { stream: true });
    const blocks = raw.split('\n\n');
    raw = blocks.pop()!;
    for (const b of blocks) {
      const f = Object.fromEntries(
        b.split('\n').flatMap((l) => (/^(id|event|data): /.test(l) ? [[l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]] : [])),
      );
      if (f.event) frames.push(f as unknown as Frame);
    }
  }
  await reader.cancel().catch(() => {});
  return frames;
}

describe('the live stream’s report event', () => {
  it('reaches an open stream after POST /api/reports, as a summary without the text; Last-Event-ID replays it', async () => {
    const auth = { authorization: `Bearer ${t.viewer}` };
    const stream = await fetch(`${base}/api/stream`, { headers: auth });
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const r = LABELLED_REPORTS.find((x) => x.id === 'bn-11')!;
    const posted = await fetch(`${base}/api/reports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.analyst}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: r.title, text: r.text, publishedAt: r.publishedAt, sourceName: r.outlet }),
    });
    expect(posted.status).toBe(201);
    const { id } = (await posted.json()) as { id: number };

    const frames = await framesUntil(stream, (f) => f.event === 'report');
    const frame = frames.find((f) => f.event === 'report')!;
    expect(frame).toBeDefined();
    const summary = JSON.parse(frame.data) as ReportSummary;
    expect(summary).toEqual({
      id,
      status: 'new',
      isIncident: true,
      title: r.title,
      sourceName: r.outlet,
      region: 'balochistan',
      publishedAt: r.publishedAt.replace('Z', '.000Z'),
      fetchedAt: expect.any(String) as string,
      duplicateOf: null,
      incidentId: null,
    });
    expect(frame.data).not.toContain(r.text.slice(0, 40));

    // A page that reconnects after missing it gets it first.
    const replay = await fetch(`${base}/api/stream`, { headers: { ...auth, 'last-event-id': String(Number(frame.id) - 1) } });
    const again = await framesUntil(replay, (f) => f.event === 'report');
    expect(again.find((f) => f.event === 'report')).toMatchObject({ id: frame.id, data: frame.data });
  });
});
