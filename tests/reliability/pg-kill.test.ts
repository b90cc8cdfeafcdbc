/**
 * kill -9 on PostgreSQL (issue 19): two instances over one database, one of them killed during
 * concurrent POSTs and during a CSV import through the API. Every acknowledged write is stored
 * exactly once, no import is torn, the database stays consistent and the other instance keeps
 * serving. The SQLite counterpart is kill-during-writes.test.ts. Skipped without TEST_DATABASE_URL.
 */
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { SEED, SIZES } from './support/config';
import { acledCsv, incidentBody, prng } from './support/fixtures';
import { call, postJson, Tally } from './support/http';
import { createPgTarget, describePg, expectPgConsistent, startInstance, type PgTarget } from './support/pg';
import { postUntil } from './support/post-stream';
import { report } from './support/report';
import type { RelServer } from './support/server';

const random = prng(SEED);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describePg('kill -9 of one of two instances on PostgreSQL', () => {
  let target: PgTarget;
  /** The survivor: never killed, it must keep answering. */
  let b: RelServer;
  let victim: RelServer | null = null;

  beforeAll(async () => {
    target = await createPgTarget(8);
    b = await startInstance(target, 'b');
  });
  afterEach(() => victim?.dispose());
  afterAll(async () => {
    b?.dispose();
    await b?.exited;
    await target?.drop();
  });

  it('keeps every acknowledged POST exactly once, and the survivor serving', async () => {
    const acked = new Map<string, number>();
    const unacked = new Set<string>();
    const tally = new Tally();
    const survivor = new Tally();
    let seq = 0;
    for (let round = 0; round < SIZES.killPosts; round++) {
      const a = (victim = await startInstance(target, `a${round}`));
      let killed = false;
      let stop = false;
      const worker = (s: RelServer, w: number, t: Tally) =>
        postUntil({
          url: s.url,
          token: target.tokens[w % target.tokens.length],
          // The victim's writers stop at the kill (what they send after it is refused, not in flight).
          stop: () => (s === a ? killed : stop),
          next: () => {
            const n = seq++;
            return { sourceId: `REL-P-${n}`, n };
          },
          ledger: { acked, unacked },
          refused: (sourceId, r) => {
            if (s === b || !killed) t.record(`POST ${sourceId}`, r.status, r.text);
          },
        });
      const warm = `REL-P-${seq++}`;
      const w0 = await postJson(a.url, '/api/incidents', target.tokens[0], incidentBody(warm, seq), tally);
      expect(w0.status, w0.text.slice(0, 300)).toBe(201);
      acked.set(warm, (w0.json as { id: number }).id);
      // Four writers on the victim, two on the survivor: the kill lands among both instances' transactions.
      const workers = [0, 1, 2, 3].map((w) => worker(a, w, tally)).concat([4, 5].map((w) => worker(b, w, survivor)));
      await sleep(300 + random() * 2000);
      killed = true;
      await a.kill9();
      victim = null;
      // The survivor keeps writing for a moment after the kill.
      await sleep(500);
      stop = true;
      await Promise.all(workers);
      await expectPgConsistent(target);
    }
    // Every 2xx is stored exactly once, under the id the response gave.
    const stored = await target.query<{ sourceId: string; id: number }>(
      `SELECT source_id AS "sourceId", id FROM incidents WHERE source = 'reliability'`,
    );
    const bySource = new Map<string, number[]>();
    for (const r of stored) bySource.set(r.sourceId, [...(bySource.get(r.sourceId) ?? []), r.id]);
    for (const [sourceId, id] of acked) expect(bySource.get(sourceId), sourceId).toEqual([id]);
    // Nothing stored that was never sent; each at most once.
    for (const [sourceId, ids] of bySource) {
      expect(acked.has(sourceId) || unacked.has(sourceId), sourceId).toBe(true);
      expect(ids, sourceId).toHaveLength(1);
    }
    const madeIt = [...unacked].filter((s) => bySource.has(s)).length;
    expect(stored.length).toBe(acked.size + madeIt);
    // Retrying what was in flight at the kill, through the survivor, converges.
    let retried = 0;
    for (const sourceId of unacked) {
      const body = incidentBody(sourceId, Number(sourceId.slice(6)));
      let r = await postJson(b.url, '/api/incidents', target.tokens[retried++ % target.tokens.length], body);
      // The workers spent the tokens' write budgets: a 429 says when to come back.
      while (r.status === 429) {
        await sleep(1000 * Number(r.headers.get('retry-after') ?? 1));
        r = await postJson(b.url, '/api/incidents', target.tokens[retried++ % target.tokens.length], body);
      }
      survivor.record(`POST ${sourceId} (retry)`, r.status, r.text);
      expect([200, 201]).toContain(r.status);
    }
    const [count] = await target.query<{ c: number; d: number }>(
      `SELECT count(*) AS c, count(DISTINCT source_id) AS d FROM incidents WHERE source = 'reliability'`,
    );
    expect(count).toEqual({ c: acked.size + unacked.size, d: acked.size + unacked.size });
    expect(tally.serverErrors).toEqual([]);
    expect(survivor.serverErrors, 'the survivor answered every request').toEqual([]);
    expect(survivor.transportErrors).toEqual([]);
    await expectPgConsistent(target);
    report('pg-kill-posts', {
      kills: SIZES.killPosts,
      posts: seq,
      acknowledged: acked.size,
      inFlightAtKill: unacked.size,
      inFlightStored: madeIt,
      victimStatuses: tally.summary(),
      survivorStatuses: survivor.summary(),
      lost: 0,
      duplicates: 0,
    });
  });

  it('leaves each API import all-or-nothing and converges when re-run', async () => {
    const N = SIZES.importRows;
    /** Variant (notes "variant V") of every imported row by its row number n. */
    const state = async () => {
      const rows = await target.query<{ id: string; notes: string }>(
        `SELECT source_id AS id, notes FROM incidents WHERE source = 'acled' AND source_id LIKE 'RELK%'`,
      );
      return new Map(rows.map((r) => [Number(r.id.slice(4)), Number(/variant (\d+)/.exec(r.notes)![1])]));
    };
    const fileState = (before: Map<number, number>, after: Map<number, number>, round: number) => {
      let allNew = true;
      let allOld = true;
      for (let n = 0; n < N; n++) {
        if (after.get(n) !== round) allNew = false;
        if (after.get(n) !== before.get(n)) allOld = false;
      }
      return allNew ? 'new' : allOld ? 'old' : 'torn';
    };
    const importVia = (s: RelServer, variant: number, query = '') =>
      call(s.url, `/api/import?format=acled${query}`, {
        method: 'POST',
        token: target.tokens[variant % target.tokens.length],
        body: acledCsv('RELK', N, variant),
        contentType: 'text/csv',
        timeoutMs: 120_000,
      });
    // How long a whole import takes here, to aim the kills across it.
    const t0 = Date.now();
    const dry = await importVia(b, 0, '&dryRun=true');
    expect(dry.status, dry.text.slice(0, 500)).toBe(200);
    const duration = Date.now() - t0;
    const outcomes: string[] = [];
    for (let round = 1; round <= SIZES.killImports; round++) {
      const delay = duration * (0.2 + random() * 1.4);
      const before = await state();
      const a = (victim = await startInstance(target, `import${round}`));
      // A dry run first, so the victim's import route is as warm as the one timed above.
      expect((await importVia(a, round, '&dryRun=true')).status).toBe(200);
      const pending = importVia(a, round);
      await sleep(delay);
      await a.kill9();
      victim = null;
      const r = await pending;
      expect(r.status < 500 || r.status === 0, r.text.slice(0, 300)).toBe(true);
      await expectPgConsistent(target);
      const unit = fileState(before, await state(), round);
      expect(unit).not.toBe('torn');
      if (r.status === 200) expect(unit).toBe('new');
      outcomes.push(`api@${Math.round(delay)}ms:${unit === 'new' ? 'committed' : 'rolled-back'}`);
      // The survivor served throughout.
      expect((await call(b.url, '/api/health')).status).toBe(200);
    }
    // Re-running the last file through the survivor converges to exactly its rows; once more changes nothing.
    const first = await importVia(b, SIZES.killImports);
    expect(first.status, first.text.slice(0, 300)).toBe(200);
    const final = await state();
    expect(final.size).toBe(N);
    expect(new Set(final.values())).toEqual(new Set([SIZES.killImports]));
    const again = await importVia(b, SIZES.killImports);
    expect(again.json).toMatchObject({ inserted: 0, updated: 0, unchanged: N });
    await expectPgConsistent(target);
    report('pg-kill-import', { kills: SIZES.killImports, rowsPerImport: N, fullImportMs: duration, outcomes });
  });
});
