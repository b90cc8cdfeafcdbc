import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PORTS, SEED, SIZES } from './support/config';
import { expectConsistent, readDb } from './support/db-checks';
import { acledCsv, incidentBody, prng } from './support/fixtures';
import { call, postJson, Tally } from './support/http';
import { report } from './support/report';
import { RelServer } from './support/server';
import { createTempDb, type TempDb } from './support/temp-db';

let tmp: TempDb;
let server: RelServer | null = null;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Pause between one worker's requests: busy but realistic, leaving SQLite's lock a gap for the CLI process (its waits are not fair). */
const PACE_MS = 40;

beforeAll(async () => {
  tmp = await createTempDb(8);
});
afterEach(() => server?.dispose());
afterAll(() => tmp.remove());

describe('concurrent writers: API ingest + CSV imports (API and CLI) + alert acknowledgements', () => {
  it('never deadlocks or loses an update; acknowledgements match the stored alerts', async () => {
    const s = (server = await RelServer.start({ port: PORTS.writers, dbPath: tmp.path }));
    const tally = new Tally();
    const random = prng(SEED + 5);
    const rule = await postJson(
      s.url,
      '/api/alert-rules',
      tmp.tokens[0],
      { name: 'reliability: any death', severity: 'warning', kind: 'mass-casualty', params: { killed: 1 } },
      tally,
    );
    expect(rule.status, rule.text).toBe(201);

    const ingested: { sourceId: string; killed: number }[] = [];
    const imports: { prefix: string; rows: number }[] = [];
    const acks = new Map<number, { by: string; note: string }>();
    let conflicts = 0;
    let stop = false;
    let seq = 0;

    const ingest = async (w: number) => {
      while (!stop) {
        const n = seq++;
        const body = incidentBody(`REL-W-${n}`, n);
        const r = await postJson(s.url, '/api/incidents', tmp.tokens[w], body, tally);
        if (r.status === 201) ingested.push({ sourceId: body.sourceId, killed: body.killed });
        await sleep(PACE_MS);
      }
    };
    const importer = async () => {
      for (let k = 0; !stop; k++) {
        const prefix = `RELW${k}-`;
        const r = await call(
          s.url,
          '/api/import?format=acled',
          { method: 'POST', token: tmp.tokens[2], body: acledCsv(prefix, 300), contentType: 'text/csv' },
          tally,
        );
        if (r.status === 200) imports.push({ prefix, rows: 300 });
        await sleep(PACE_MS);
      }
    };
    const acker = async (w: number) => {
      const name = `reliability-${3 + w}`;
      while (!stop) {
        const list = await call(s.url, '/api/alerts?status=firing&limit=50', { token: tmp.tokens[3 + w] }, tally);
        const items = ((list.json as { items?: { id: number }[] } | null)?.items ?? []).map((a) => a.id);
        if (!items.length) {
          await sleep(50);
          continue;
        }
        // Ackers pick overlapping alerts on purpose: exactly one of them may win each.
        const id = items[Math.floor(random() * Math.min(3, items.length))];
        const note = `${name} took ${id}`;
        const r = await postJson(s.url, `/api/alerts/${id}/acknowledge`, tmp.tokens[3 + w], { note }, tally);
        if (r.status === 200) {
          expect(acks.has(id), `alert ${id} acknowledged twice`).toBe(false);
          acks.set(id, { by: name, note });
        } else if (r.status === 409) conflicts++;
        await sleep(PACE_MS);
      }
    };

    const cliFile = join(tmp.dir, 'cli.csv');
    writeFileSync(cliFile, acledCsv('RELWC-', SIZES.cliImportRows));
    const cli = spawn(process.execPath, ['--import', 'tsx', 'scripts/import.ts', cliFile], {
      env: { ...process.env, DATABASE_PATH: tmp.path },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let cliErr = '';
    cli.stderr.on('data', (b: Buffer) => (cliErr += b.toString()));
    const cliExit = new Promise<number | null>((r) => cli.once('exit', r));

    const work = [ingest(0), ingest(1), importer(), acker(0), acker(1), acker(2)];
    // Load runs at least writerSeconds and until the CLI import is done: they overlap throughout.
    await sleep(SIZES.writerSeconds * 1000);
    const cliCode = await cliExit;
    stop = true;
    await Promise.all(work);
    await s.stop('SIGTERM');
    server = null;

    expect(cliCode, cliErr).toBe(0);
    expect(tally.serverErrors).toEqual([]);
    expect(tally.transportErrors).toEqual([]);
    expectConsistent(tmp.path);
    readDb(tmp.path, (db) => {
      const count = (sql: string, ...args: unknown[]) =>
        db
          .prepare(sql)
          .pluck()
          .get(...args) as number;
      // Every acknowledged write is there exactly once.
      expect(count(`SELECT count(*) FROM incidents WHERE source = 'reliability'`)).toBe(ingested.length);
      for (const { prefix, rows } of imports)
        expect(count(`SELECT count(*) FROM incidents WHERE source_id LIKE ?`, `${prefix}%`)).toBe(rows);
      expect(count(`SELECT count(*) FROM incidents WHERE source_id LIKE 'RELWC-%'`)).toBe(SIZES.cliImportRows);
      // One alert per qualifying recent incident (imports are historical: no alerts).
      expect(count(`SELECT count(*) FROM alerts`)).toBe(ingested.filter((i) => i.killed >= 1).length);
      // Acknowledgements: the stored state is exactly what the 200s said, winner by winner.
      expect(count(`SELECT count(*) FROM alerts WHERE status = 'acknowledged'`)).toBe(acks.size);
      const stored = db.prepare(`SELECT id, acknowledged_by AS by, ack_note AS note FROM alerts WHERE status = 'acknowledged'`).all() as {
        id: number;
        by: string;
        note: string;
      }[];
      for (const a of stored) expect(acks.get(a.id), `alert ${a.id}`).toEqual({ by: a.by, note: a.note });
    });
    report('concurrent-writers', {
      seconds: SIZES.writerSeconds,
      requests: tally.requests,
      statuses: tally.summary(),
      apiIncidents: ingested.length,
      apiImports: imports.length,
      cliImportRows: SIZES.cliImportRows,
      alertsAcknowledged: acks.size,
      ackConflicts409: conflicts,
      failures: tally.serverErrors.length + tally.transportErrors.length,
    });
  });
});

describe('a writer in another process holding the lock longer than busy_timeout', () => {
  it('gets the API a clear 503 with Retry-After, never a 500 or SQLITE_BUSY text', async () => {
    const s = (server = await RelServer.start({ port: PORTS.writers + 1, dbPath: tmp.path }));
    const warm = await postJson(s.url, '/api/incidents', tmp.tokens[0], incidentBody('REL-BUSY-warm', 1));
    expect(warm.status).toBe(201);
    const holder = tmp.open().$client;
    holder.pragma('busy_timeout = 10000');
    holder.exec('BEGIN IMMEDIATE');
    const pending = postJson(s.url, '/api/incidents', tmp.tokens[0], incidentBody('REL-BUSY-1', 2), undefined, 60_000);
    await sleep(11_000); // past the server's 10 s busy_timeout
    holder.exec('COMMIT');
    holder.close();
    const r = await pending;
    expect(r.status, r.text).toBe(503);
    expect(r.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(r.text).not.toMatch(/SQLITE|locked/i);
    expect((r.json as { error: { message: string } }).error.message).toMatch(/busy/i);
    // The retry the client is told to make succeeds, exactly once.
    const retry = await postJson(s.url, '/api/incidents', tmp.tokens[0], incidentBody('REL-BUSY-1', 2));
    expect(retry.status).toBe(201);
  });
});
