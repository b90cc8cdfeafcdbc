import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli';
import { PORTS, SEED, SIZES } from './support/config';
import { expectConsistent, readDb } from './support/db-checks';
import { acledCsv, incidentBody, prng } from './support/fixtures';
import { call, postJson, Tally } from './support/http';
import { postUntil } from './support/post-stream';
import { report } from './support/report';
import { RelServer } from './support/server';
import { createTempDb, type TempDb } from './support/temp-db';

let tmp: TempDb;
let server: RelServer | null = null;
const random = prng(SEED);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  tmp = await createTempDb(8);
});
afterEach(() => server?.dispose());
afterAll(() => tmp.remove());

const start = async () => (server = await RelServer.start({ port: PORTS.kill, dbPath: tmp.path }));

describe('kill -9 during a stream of single POSTs', () => {
  it('keeps every acknowledged incident exactly once, and the database clean', async () => {
    const acked = new Map<string, number>();
    const unacked = new Set<string>();
    const tally = new Tally();
    let seq = 0;
    for (let round = 0; round < SIZES.killPosts; round++) {
      const s = await start();
      let killed = false;
      const worker = (w: number) =>
        postUntil({
          url: s.url,
          token: tmp.tokens[w % tmp.tokens.length],
          stop: () => killed,
          next: () => {
            const sourceId = `REL-P-${seq++}`;
            return { sourceId, n: seq };
          },
          ledger: { acked, unacked },
          refused: (sourceId, r) => {
            if (!killed) tally.record(`POST ${sourceId}`, r.status, r.text);
          },
        });
      // Warm the route first, so the kill lands among real writes rather than during start-up.
      const warm = `REL-P-${seq++}`;
      const w0 = await postJson(s.url, '/api/incidents', tmp.tokens[0], incidentBody(warm, seq), tally);
      expect(w0.status).toBe(201);
      acked.set(warm, (w0.json as { id: number }).id);
      const workers = Array.from({ length: 6 }, (_, w) => worker(w));
      await sleep(300 + random() * 2000);
      killed = true;
      await s.kill9();
      await Promise.all(workers);
      expectConsistent(tmp.path);
    }
    // Every 2xx is stored exactly once, under the id the response gave.
    readDb(tmp.path, (db) => {
      const find = db.prepare(`SELECT id FROM incidents WHERE source = 'reliability' AND source_id = ?`);
      for (const [sourceId, id] of acked) expect(find.all(sourceId), sourceId).toEqual([{ id }]);
    });
    // Retrying what was in flight at the kill converges: each ends up stored exactly once.
    const s = await start();
    for (const sourceId of unacked) {
      const r = await postJson(s.url, '/api/incidents', tmp.tokens[0], incidentBody(sourceId, Number(sourceId.slice(6))), tally);
      expect([200, 201]).toContain(r.status);
    }
    await s.stop('SIGTERM');
    const stored = readDb(
      tmp.path,
      (db) =>
        db.prepare(`SELECT count(*) c, count(DISTINCT source_id) d FROM incidents WHERE source = 'reliability'`).get() as {
          c: number;
          d: number;
        },
    );
    expect(stored).toEqual({ c: acked.size + unacked.size, d: acked.size + unacked.size });
    expect(tally.serverErrors).toEqual([]);
    expectConsistent(tmp.path);
    report('kill-posts', {
      kills: SIZES.killPosts,
      posts: seq,
      acknowledged: acked.size,
      inFlightAtKill: unacked.size,
      lost: 0,
      duplicates: 0,
      failures: tally.serverErrors.length,
    });
  });
});

describe('kill -9 during a large import (API server and CLI process)', () => {
  const N = SIZES.importRows;
  const fileFor = (variant: number) => {
    const path = join(tmp.dir, `import-${variant}.csv`);
    writeFileSync(path, acledCsv('RELK', N, variant));
    return path;
  };
  /** Variant (notes "variant V") of every imported row by its row number n (absent rows are not listed). */
  const state = () =>
    readDb(tmp.path, (db) => {
      const rows = db.prepare(`SELECT source_id AS id, notes FROM incidents WHERE source = 'acled' AND source_id LIKE 'RELK%'`).all() as {
        id: string;
        notes: string;
      }[];
      return new Map(rows.map((r) => [Number(r.id.slice(4)), Number(/variant (\d+)/.exec(r.notes)![1])]));
    });
  /** 'new' when every row now carries the round's variant, 'old' when none changed, else 'torn'. */
  const fileState = (before: Map<number, number>, after: Map<number, number>, round: number) => {
    let allNew = true;
    let allOld = true;
    for (let n = 0; n < N; n++) {
      if (after.get(n) !== round) allNew = false;
      if (after.get(n) !== before.get(n)) allOld = false;
    }
    return allNew ? 'new' : allOld ? 'old' : 'torn';
  };

  it('leaves each import all-or-nothing and converges when re-run', async () => {
    const outcomes: string[] = [];
    let s = await start();
    const t0 = Date.now();
    const dry = await call(s.url, '/api/import?format=acled&dryRun=true', {
      method: 'POST',
      token: tmp.tokens[0],
      body: acledCsv('RELK', N, 0),
      contentType: 'text/csv',
      timeoutMs: 120_000,
    });
    expect(dry.status, dry.text.slice(0, 500)).toBe(200);
    const duration = Date.now() - t0;
    await s.stop('SIGTERM');
    server = null;
    let committed = -1;
    for (let round = 1; round <= SIZES.killImports; round++) {
      const file = fileFor(round);
      const delay = duration * (0.2 + random() * 1.4);
      const via = round % 2 ? 'api' : 'cli';
      const before = state();
      if (via === 'api') {
        s = await start();
        const body = acledCsv('RELK', N, round);
        const pending = call(s.url, '/api/import?format=acled', {
          method: 'POST',
          token: tmp.tokens[round % tmp.tokens.length],
          body,
          contentType: 'text/csv',
          timeoutMs: 120_000,
        });
        await sleep(delay);
        await s.kill9();
        const r = await pending;
        if (r.status === 200) committed = round;
        expect(r.status < 500 || r.status === 0, r.text.slice(0, 300)).toBe(true);
      } else {
        const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/import.ts', file], {
          env: { ...process.env, DATABASE_PATH: tmp.path },
          stdio: 'ignore',
        });
        const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
        await sleep(delay + 2000); // the CLI pays ~2 s of tsx start-up and file reading first
        child.kill('SIGKILL');
        if ((await exited) === 0) committed = round;
      }
      expectConsistent(tmp.path);
      const after = state();
      // An import (API or CLI) is one transaction: the file is wholly new or wholly untouched.
      const unit = fileState(before, after, round);
      expect(unit).not.toBe('torn');
      if (committed === round) expect(unit).toBe('new');
      outcomes.push(`${via}@${Math.round(delay)}ms:${unit === 'new' ? 'committed' : 'rolled-back'}`);
    }
    // Re-running the last file converges to exactly its rows; once more changes nothing.
    const last = fileFor(SIZES.killImports);
    const first = await runCli('scripts/import.ts', [last], { DATABASE_PATH: tmp.path });
    expect(first.code, first.stderr).toBe(0);
    const final = state();
    expect(final.size).toBe(N);
    expect(new Set(final.values())).toEqual(new Set([SIZES.killImports]));
    const again = await runCli('scripts/import.ts', [last], { DATABASE_PATH: tmp.path });
    expect(JSON.parse(again.stdout)).toMatchObject({ rows: N, inserted: 0, updated: 0, unchanged: N });
    expectConsistent(tmp.path);
    report('kill-import', { kills: SIZES.killImports, rowsPerImport: N, fullImportMs: duration, outcomes, failures: 0 });
  });
});
