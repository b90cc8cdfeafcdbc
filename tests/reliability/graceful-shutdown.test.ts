import { existsSync, statSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PORTS } from './support/config';
import { expectConsistent, readDb } from './support/db-checks';
import { acledCsv, incidentBody } from './support/fixtures';
import { call, postJson, slowPost } from './support/http';
import { report } from './support/report';
import { RelServer } from './support/server';
import { SseClient } from './support/sse';
import { createTempDb, type TempDb } from './support/temp-db';

let tmp: TempDb;
let server: RelServer | null = null;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  tmp = await createTempDb(2);
});
afterEach(() => server?.dispose());
afterAll(() => tmp.remove());

describe('SIGTERM to the deployed server (scripts/serve.ts → scripts/server.mjs)', () => {
  it('finishes in-flight requests, tells SSE clients to reconnect and closes the database cleanly', async () => {
    const s = (server = await RelServer.start({ port: PORTS.shutdown, dbPath: tmp.path, mode: 'serve' }));
    const token = tmp.tokens[0];
    const clients = Array.from({ length: 5 }, () => new SseClient(`${s.url}/api/stream`, { authorization: `Bearer ${token}` }));
    await Promise.all(clients.map((c) => c.opened));
    const warm = await postJson(s.url, '/api/incidents', token, incidentBody('REL-S-warm', 1));
    expect(warm.status).toBe(201);

    const rows = 2000;
    // Accepted connections whose bodies are still arriving when the signal lands: certainly in flight.
    const posts = Array.from({ length: 5 }, (_, i) =>
      slowPost(s.url, '/api/incidents', token, JSON.stringify(incidentBody(`REL-S-${i}`, i)), 1500),
    );
    await sleep(300);
    const importing = call(s.url, '/api/import?format=acled', {
      method: 'POST',
      token,
      body: acledCsv('RELS', rows),
      contentType: 'text/csv',
      timeoutMs: 60_000,
    });
    await sleep(300);
    const signalled = Date.now();
    const exited = s.stop('SIGTERM', 40_000);

    const imported = await importing;
    expect(imported.status, imported.text.slice(0, 300)).toBe(200);
    expect((imported.json as { inserted: number }).inserted).toBe(rows);
    const done = await Promise.all(posts);
    for (const p of done) expect(p.status, p.text).toBe(201);

    await Promise.all(clients.map((c) => Promise.race([c.closed, sleep(20_000)])));
    for (const c of clients) {
      expect(c.ended).toBe('closed-by-server');
      // The reconnect hint: a fresh `retry:` (or a `reconnect` event) after the signal, then the close.
      const hinted = c.retryAt.some((t) => t >= signalled) || c.events.some((e) => e.event === 'reconnect');
      expect(hinted, 'reconnect hint after SIGTERM').toBe(true);
      expect(c.retry).toBeGreaterThan(0);
    }
    const { code, signal } = await exited;
    const shutdownMs = Date.now() - signalled;
    expect(signal, s.log.slice(-2000)).toBeNull(); // exited by itself, not killed by the harness timeout
    expect([0, 143]).toContain(code);
    server = null;

    // POSTs ran on the writer thread (server/writer/writer-thread.ts): its connection closed too, last.
    expect(s.log).toMatch(/"component":"writer".*"msg":"incident writes run on the writer thread"/);
    // A clean close checkpoints the WAL into the main file and removes it.
    const wal = `${tmp.path}-wal`;
    expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0);
    expectConsistent(tmp.path);
    const stored = readDb(tmp.path, (db) => db.prepare(`SELECT count(*) FROM incidents`).pluck().get() as number);
    expect(stored).toBe(rows + 6);
    report('graceful-shutdown', {
      sseClients: clients.length,
      inFlightRequests: 6,
      importRowsInFlight: rows,
      shutdownMs,
      walLeft: 0,
      failures: 0,
    });
  });
});
