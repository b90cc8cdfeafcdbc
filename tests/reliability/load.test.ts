import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PORTS, SEED, SIZES } from './support/config';
import { expectConsistent } from './support/db-checks';
import { incidentBody, prng } from './support/fixtures';
import { call, pool, postJson, Tally } from './support/http';
import { report } from './support/report';
import { RelServer } from './support/server';
import { SseClient } from './support/sse';
import { createTempDb, type TempDb } from './support/temp-db';

let tmp: TempDb;
let server: RelServer | null = null;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const rssMb = (pid: number) => Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024);

beforeAll(async () => {
  tmp = await createTempDb(12);
});
afterEach(() => server?.dispose());
afterAll(() => tmp.remove());

/** A random filtered read over every read endpoint the dashboard uses. */
function randomRead(random: () => number): string {
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  const params = new URLSearchParams();
  if (random() < 0.5) params.set('group', pick(['ttp', 'bla', 'iskp', 'ttp,bla', 'unknown']));
  if (random() < 0.4) params.set('region', pick(['kp', 'balochistan', 'barmal', 'kp,balochistan']));
  if (random() < 0.3) params.set('type', pick(['Battles', 'Suicide bomb', 'Explosions/Remote violence']));
  if (random() < 0.3) params.set('minKilled', String(Math.floor(random() * 5)));
  if (random() < 0.3) params.set('q', pick(['Bannu', 'reliability', 'incident 4', 'Quetta']));
  if (random() < 0.3) params.set('from', '2026-01-01');
  const path = pick(['/api/incidents', '/api/incidents', '/api/map', '/api/incidents/facets', '/api/incidents/timeline']);
  if (path === '/api/incidents' && random() < 0.5) params.set('limit', String(1 + Math.floor(random() * 200)));
  if (path === '/api/incidents' && random() < 0.2) params.set('bbox', '60,25,75,38');
  return `${path}?${params}`;
}

describe(`load: ${SIZES.sseClients} SSE clients + filtered reads + ingest POSTs for ${SIZES.loadSeconds} s`, () => {
  it('serves without 5xx or SQLITE_BUSY and delivers every incident event to every client exactly once', async () => {
    const s = (server = await RelServer.start({ port: PORTS.load, dbPath: tmp.path }));
    const tally = new Tally();
    const random = prng(SEED + 4);
    // Warm the routes so start-up compilation is not counted as load.
    for (const p of ['/api/incidents', '/api/map', '/api/incidents/facets', '/api/incidents/timeline'])
      await call(s.url, p, { token: tmp.tokens[0] }, tally);
    const rssBefore = rssMb(s.proc.pid!);
    const clients = await pool(
      Array.from({ length: SIZES.sseClients }, (_, i) => i),
      25,
      async (i) => {
        const c = new SseClient(`${s.url}/api/stream`, { authorization: `Bearer ${tmp.tokens[i % tmp.tokens.length]}` });
        await c.opened;
        return c;
      },
    );
    await sleep(500); // every stream is subscribed before the first write
    const created: number[] = [];
    let stop = false;
    let seq = 0;
    const writer = async (w: number) => {
      while (!stop) {
        const n = seq++;
        const r = await postJson(s.url, '/api/incidents', tmp.tokens[w], incidentBody(`REL-L-${n}`, n), tally);
        if (r.status === 201) created.push((r.json as { id: number }).id);
        await sleep(20);
      }
    };
    const reader = async (w: number) => {
      while (!stop) await call(s.url, randomRead(random), { token: tmp.tokens[4 + w] }, tally);
    };
    const work = [...[0, 1, 2].map(writer), ...[0, 1, 2, 3].map(reader)];
    await sleep(SIZES.loadSeconds * 1000);
    stop = true;
    await Promise.all(work);
    const rssAfterLoad = rssMb(s.proc.pid!);

    // Delivery: wait until every client has caught up (or give up after 15 s and compare).
    const expected = [...created].sort((a, b) => a - b);
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && clients.some((c) => c.idsOf('incident').length < expected.length)) await sleep(200);
    let perfect = 0;
    for (const c of clients) {
      expect(c.ended, c.error).toBe('open');
      const got = c.idsOf('incident');
      expect(got.length, 'events received (duplicates would exceed)').toBe(expected.length);
      expect([...got].sort((a, b) => a - b)).toEqual(expected);
      perfect++;
    }
    clients.forEach((c) => c.close());
    await sleep(500);
    const rssAfter = rssMb(s.proc.pid!);
    expect(tally.serverErrors).toEqual([]);
    expect(tally.transportErrors).toEqual([]);
    expect(s.log).not.toMatch(/SQLITE_BUSY|database is locked/);
    expect(rssAfter - rssBefore, `RSS grew from ${rssBefore} to ${rssAfter} MB`).toBeLessThan(400);
    await s.stop('SIGTERM');
    server = null;
    expectConsistent(tmp.path);
    report('load', {
      sseClients: clients.length,
      seconds: SIZES.loadSeconds,
      requests: tally.requests,
      statuses: tally.summary(),
      incidentsCreated: created.length,
      eventsDelivered: perfect * expected.length,
      clientsWithEveryEventOnce: perfect,
      rssMb: { before: rssBefore, afterLoad: rssAfterLoad, afterClientsClosed: rssAfter },
      failures: tally.serverErrors.length + tally.transportErrors.length,
    });
  });
});
