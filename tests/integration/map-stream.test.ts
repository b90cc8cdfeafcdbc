// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '@/db/store';
import { seedIncidentsIn, TZ } from './map-fixtures';
import { useTempDb, type TempDb } from '../support/api-db';
import { authHeader, withCredentials } from '../support/auth';

let t: TempDb;
let db: Store;
let streamGET: (req: Request) => Promise<Response>;
let ids: number[];

beforeAll(async () => {
  t = await useTempDb({ timeZone: TZ });
  db = t.store;
  ids = await seedIncidentsIn(db, 5, { override: { notes: '<img src=x onerror=alert(1)>' } });
  streamGET = withCredentials((await import('@/app/api/stream/route')).GET, await authHeader(db));
});
afterAll(() => t.cleanup());

interface Frame {
  id?: string;
  event?: string;
  data?: string;
}

/** Reads SSE frames until `until` is satisfied, then aborts the request. */
async function readFrames(
  init: { url: string; headers?: Record<string, string> },
  until: (frames: Frame[]) => boolean,
  act?: () => Promise<unknown>,
): Promise<{ frames: Frame[]; raw: string; res: Response }> {
  const ctrl = new AbortController();
  const res = await streamGET(new Request(init.url, { headers: init.headers, signal: ctrl.signal }));
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let raw = '';
  const frames: Frame[] = [];
  await act?.();
  const deadline = Date.now() + 5000;
  while (!until(frames) && Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    raw += decoder.decode(value);
    const blocks = raw.split('\n\n');
    frames.length = 0;
    for (const block of blocks.slice(0, -1)) {
      const f: Frame = {};
      for (const line of block.split('\n')) {
        const m = /^(id|event|data): (.*)$/.exec(line);
        if (m) f[m[1] as keyof Frame] = m[2];
      }
      if (f.event) frames.push(f);
    }
  }
  ctrl.abort();
  await reader.cancel().catch(() => {});
  return { frames, raw, res };
}

describe('GET /api/stream', () => {
  it('replays what a client missed after Last-Event-ID, in order, as incident events', async () => {
    const { frames, raw, res } = await readFrames(
      { url: 'http://127.0.0.1/api/stream', headers: { 'last-event-id': '2' } },
      (f) => f.length >= 3,
    );
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(raw).toMatch(/^retry: \d+\n/);
    expect(frames.map((f) => f.id)).toEqual(['3', '4', '5']);
    expect(frames.every((f) => f.event === 'incident')).toBe(true);
    const item = JSON.parse(frames[0].data!) as { id: number; notes: string };
    expect(item.id).toBe(ids[2]);
    expect(item.notes).toBe('<img src=x onerror=alert(1)>');
  });

  it('accepts ?lastEventId= for manual reconnects', async () => {
    const { frames } = await readFrames({ url: 'http://127.0.0.1/api/stream?lastEventId=4' }, (f) => f.length >= 1);
    expect(frames.map((f) => f.id)).toEqual(['5']);
  });

  it('pushes new writes live without duplicating replayed ones', async () => {
    const { frames } = await readFrames(
      { url: 'http://127.0.0.1/api/stream', headers: { 'last-event-id': '4' } },
      (f) => f.length >= 3,
      () => seedIncidentsIn(db, 2, { start: '2025-03-01' }),
    );
    expect(frames.map((f) => f.id)).toEqual(['5', '6', '7']);
  });

  it('sends the frames of one committed write as one chunk', async () => {
    const ctrl = new AbortController();
    const res = await streamGET(new Request('http://127.0.0.1/api/stream', { signal: ctrl.signal }));
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    const connected = decoder.decode((await reader.read()).value);
    expect(connected).toMatch(/^retry: /);
    await seedIncidentsIn(db, 3, { start: '2025-06-01' });
    const chunk = decoder.decode((await reader.read()).value);
    ctrl.abort();
    await reader.cancel().catch(() => {});
    expect(chunk.match(/^event: incident$/gm)).toHaveLength(3);
  });

  it('rejects a malformed lastEventId with 400', async () => {
    const res = await streamGET(new Request('http://127.0.0.1/api/stream?lastEventId=abc'));
    expect(res.status).toBe(400);
  });
});
