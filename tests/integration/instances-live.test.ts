// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import pg from 'pg';
import type * as PollerModule from '@/server/live/poller';
import { listenForOutbox, type OutboxListener } from '@/db/background';
import { resetEnvCache } from '@/lib/env';
import { openTestStore, testEngine, type TestStore } from '../support/engine';

/**
 * Two instances over one PostgreSQL database, in one test process: this process's live poller
 * (instance B, on the process store) and a plain connection standing for instance A. The poll
 * interval is faked, so a frame that arrives came from A's NOTIFY, not from B's 250 ms poll.
 */
describe.runIf(testEngine === 'postgres')('a write on another instance reaches this instance’s live streams', () => {
  let t: TestStore;
  let instanceA: pg.Client;
  let poller: typeof PollerModule;
  let listener: OutboxListener;
  const frames: string[] = [];
  let off = () => {};

  beforeAll(async () => {
    t = await openTestStore();
    vi.stubEnv('DATABASE_URL', t.target);
    resetEnvCache();
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const { getStore } = await import('@/db/client');
    poller = await import('@/server/live/poller');
    listener = listenForOutbox(getStore(), { retryMs: 50 });
    const sub = poller.subscribe((fs) => frames.push(...fs.map((f) => f.frame)));
    off = sub.unsubscribe;
    await sub.from;
    instanceA = new pg.Client({ connectionString: t.target });
    await instanceA.connect();
    while (!listener.listening) await new Promise((r) => setTimeout(r, 10));
  });
  afterAll(async () => {
    off();
    vi.useRealTimers();
    await listener.stop();
    await instanceA.end();
    await (await import('@/db/client')).closeDb();
    vi.unstubAllEnvs();
    resetEnvCache();
    await t.close();
  });

  it('through NOTIFY, as the frame the stream sends', async () => {
    // A large import's one outbox row: its frame is built from the batch's counts.
    await instanceA.query('BEGIN');
    const batch = await instanceA.query<{ id: number }>(
      `INSERT INTO import_batches (format, checksum, rows, inserted, updated, unchanged, created_at)
       VALUES ('acled', 'c1', 3, 2, 1, 0, 0) RETURNING id`,
    );
    const id = batch.rows[0].id;
    const ev = await instanceA.query<{ seq: string }>(
      `INSERT INTO events (type, ref_id, action, created_at) VALUES ('import', $1, 'imported', 0) RETURNING seq`,
      [id],
    );
    // The poll interval is faked, so only NOTIFY can deliver the frame. How fast is not asserted
    // here: the outbox reader waits for every older write transaction of the server to end (gap
    // safety, db/queries/outbox.ts), and other test files share this server and run long imports.
    const t0 = Date.now();
    await instanceA.query('COMMIT');
    while (!frames.length && Date.now() - t0 < 20_000) await new Promise((r) => setTimeout(r, 10));
    expect(frames.length, 'no frame: the poll interval is faked, so only NOTIFY can deliver it').toBe(1);
    expect(frames).toEqual([`id: ${ev.rows[0].seq}\nevent: import\ndata: ${JSON.stringify({ batchId: id, inserted: 2, updated: 1 })}\n\n`]);
  });
});
