// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { builder, execute, transact } from '@/db/engine';
import { events } from '@/db/schema';
import { eventsAfter, recentEventsAfter } from '@/db/queries/outbox';
import { isAfter, outboxHead, outboxPosition, OUTBOX_START, type OutboxPosition } from '@/db/queries/outbox-head';
import { holdLeadership, listenForOutbox, type Leadership } from '@/db/background';
import { onOutboxAppended } from '@/db/outbox-signal';
import { closeStore, openStore, type Store } from '@/db/store';
import { migrateDatabase } from '@/db/migrate';
import { openTestStore, testEngine, type TestStore } from '../support/engine';
import { freshPgDatabase } from '../support/pg-fresh';

let t: TestStore;
beforeAll(async () => {
  t = await openTestStore();
});
afterAll(() => t.close());

const onPg = testEngine === 'postgres';
const append = (store: Store, refId: number, type: 'incident' | 'alert' = 'incident') =>
  transact(store, async (tx) => {
    await builder(tx).insert(events).values({ type, refId, action: 'created', createdAt: 1_700_000_000_000 });
  });

/** Reads the whole outbox from `from` the way the live poller does: in batches, resuming after the last row given. */
async function drain(store: Store, from: OutboxPosition, batch = 2): Promise<{ refs: number[]; last: OutboxPosition }> {
  const refs: number[] = [];
  let last = from;
  for (;;) {
    const got = await eventsAfter(store, last, batch);
    for (const r of got) {
      expect(isAfter(r, last)).toBe(true);
      refs.push(r.refId);
      last = { xid: r.xid, seq: r.seq };
    }
    if (got.length < batch) return { refs, last };
  }
}

const waitFor = async (what: string, ok: () => boolean, ms = 5_000) => {
  const until = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe(`the outbox readers on ${testEngine}`, () => {
  it('give the rows after a seq or a position, oldest first, and the head names the newest', async () => {
    const start = await outboxPosition(t.store);
    for (let i = 1; i <= 5; i++) await append(t.store, 100 + i, i === 3 ? 'alert' : 'incident');
    const all = await eventsAfter(t.store, start, 10);
    expect(all.map((r) => r.refId)).toEqual([101, 102, 103, 104, 105]);
    expect(await outboxHead(t.store)).toBe(all.at(-1)!.seq);
    expect(await outboxPosition(t.store)).toEqual({ xid: all.at(-1)!.xid, seq: all.at(-1)!.seq });
    // A seq (Last-Event-ID) stands for its row's position.
    expect((await eventsAfter(t.store, all[1].seq, 10)).map((r) => r.refId)).toEqual([103, 104, 105]);
    expect((await eventsAfter(t.store, all[1].seq, 10, { types: ['incident'] })).map((r) => r.refId)).toEqual([104, 105]);
    expect((await recentEventsAfter(t.store, all[0].seq, 2)).map((r) => r.refId)).toEqual([104, 105]);
    expect(await eventsAfter(t.store, all[4], 10)).toEqual([]);
    expect((await drain(t.store, OUTBOX_START)).refs.slice(-5)).toEqual([101, 102, 103, 104, 105]);
  });
});

describe.runIf(onPg)('several instances over one PostgreSQL database', () => {
  let a: pg.Client;
  let b: pg.Client;
  beforeAll(async () => {
    a = new pg.Client({ connectionString: t.target });
    b = new pg.Client({ connectionString: t.target });
    await Promise.all([a.connect(), b.connect()]);
  });
  afterAll(async () => {
    await Promise.all([a.end(), b.end()]);
  });
  const insert = (c: pg.Client, refId: number) =>
    c.query(`INSERT INTO events (type, ref_id, action, created_at) VALUES ('incident', $1, 'created', 0) RETURNING seq`, [refId]);

  it('never passes a row whose transaction commits after a later seq committed', async () => {
    const { last: before } = await drain(t.store, await outboxPosition(t.store));
    // A takes the smaller seq and stays open; B takes the next one and commits first.
    await a.query('BEGIN');
    const seqA = Number((await insert(a, 201)).rows[0].seq);
    await b.query('BEGIN');
    const seqB = Number((await insert(b, 202)).rows[0].seq);
    expect(seqB).toBeGreaterThan(seqA);
    await b.query('COMMIT');
    // Visible to a `seq > last` reader, but A may still commit 201 below it: not given yet.
    const seen = await drain(t.store, before);
    expect(seen.refs).toEqual([]);
    expect(await outboxPosition(t.store)).toEqual(before);
    await a.query('COMMIT');
    expect((await drain(t.store, seen.last)).refs).toEqual([201, 202]);
  });

  it('delivers rows in one order when the transaction that began first appends last', async () => {
    const { last: before } = await drain(t.store, await outboxPosition(t.store));
    // B gets its transaction id first (it writes elsewhere), A appends first, B appends a larger
    // seq and commits while A is still open: B's row is settled before A's, and comes first.
    await b.query('BEGIN');
    await b.query(`INSERT INTO meta (key, value) VALUES ('instances-test', '1')`);
    await a.query('BEGIN');
    await insert(a, 301);
    await insert(b, 302);
    await b.query('COMMIT');
    const first = await drain(t.store, before);
    expect(first.refs).toEqual([302]);
    await a.query('COMMIT');
    const second = await drain(t.store, first.last);
    expect(second.refs).toEqual([301]);
    // Resuming from either seq (a Last-Event-ID) gives the same continuation on any instance.
    const other = openStore(t.target, { poolMax: 2 });
    try {
      expect((await eventsAfter(other, before, 10)).map((r) => r.refId)).toEqual([302, 301]);
      const [at302] = await eventsAfter(other, before, 1);
      expect((await eventsAfter(other, at302.seq, 10)).map((r) => r.refId)).toEqual([301]);
    } finally {
      await closeStore(other);
    }
  });

  it('loses no row and repeats none under concurrent writers', async () => {
    const { last: before } = await drain(t.store, await outboxPosition(t.store));
    const writers = [openStore(t.target, { poolMax: 3 }), openStore(t.target, { poolMax: 3 })];
    const refs = Array.from({ length: 120 }, (_, i) => 1_000 + i);
    const got: number[] = [];
    let last = before;
    let writing = true;
    const reader = (async () => {
      while (writing || got.length < refs.length) {
        const r = await drain(t.store, last, 7);
        got.push(...r.refs);
        last = r.last;
        await new Promise((res) => setTimeout(res, 2));
      }
    })();
    await Promise.all(
      refs.map((ref, i) =>
        transact(writers[i % 2], async (tx) => {
          await builder(tx).insert(events).values({ type: 'incident', refId: ref, action: 'created', createdAt: 0 });
          // Hold some transactions open a little, so commits come out of seq order.
          if (i % 3 === 0) await execute(tx, sql`SELECT pg_sleep(0.01)`);
        }),
      ),
    );
    writing = false;
    await reader;
    await Promise.all(writers.map((w) => closeStore(w)));
    expect(got.sort((x, y) => x - y)).toEqual(refs);
  });

  it('hears another instance commit to the outbox within 1 s, and again after its connection is cut', async () => {
    const other = openStore(t.target, { poolMax: 2 });
    const listener = listenForOutbox(other, { retryMs: 50 });
    let woken = 0;
    const off = onOutboxAppended(() => woken++);
    try {
      await waitFor('LISTEN', () => listener.listening);
      woken = 0;
      // Written by a plain connection (no in-process signal): only the NOTIFY can wake us.
      const t0 = Date.now();
      await insert(a, 401);
      await waitFor('the notification', () => woken > 0, 1_000);
      expect(Date.now() - t0).toBeLessThan(1_000);
      // The listener's connection dies (failover, restart): it reconnects and signals once, so
      // readers catch up on what was committed while nobody listened.
      await a.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'frontier-watch-listen'`);
      await waitFor('the connection to drop', () => !listener.listening);
      woken = 0;
      await waitFor('LISTEN again', () => listener.listening);
      await waitFor('the catch-up signal', () => woken > 0);
      woken = 0;
      await insert(a, 402);
      await waitFor('the next notification', () => woken > 0, 1_000);
    } finally {
      off();
      await listener.stop();
      await closeStore(other);
    }
  });

  it('elects one leader; when its connection dies another takes over, never two at once', async () => {
    const stores = [openStore(t.target, { poolMax: 1 }), openStore(t.target, { poolMax: 1 })];
    let leading = 0;
    let most = 0;
    const elected: number[] = [];
    const held: Leadership[] = stores.map((s, i) =>
      holdLeadership(
        s,
        {
          onElected: () => {
            elected.push(i);
            most = Math.max(most, ++leading);
          },
          onDemoted: () => void leading--,
        },
        { retryMs: 100, heartbeatTimeoutMs: 1_000 },
      ),
    );
    try {
      await waitFor('a leader', () => leading === 1);
      await new Promise((r) => setTimeout(r, 300));
      expect(elected).toHaveLength(1);
      const first = elected[0];
      // The leader's session ends as a killed process's would: the server frees the lock.
      await a.query(
        `SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      );
      await waitFor('the leader to demote itself', () => !held[first].isLeader);
      // It is gone for good (as after kill -9); the other instance takes over at its next try.
      await held[first].stop();
      const t0 = Date.now();
      await waitFor('the takeover', () => held[1 - first].isLeader);
      expect(Date.now() - t0).toBeLessThan(60_000);
      expect(elected).toEqual([first, 1 - first]);
      expect(most).toBe(1);
    } finally {
      await Promise.all(held.map((h) => h.stop()));
      await Promise.all(stores.map((s) => closeStore(s)));
    }
  });

  it('migrates once when instances start together', async () => {
    const fresh = await freshPgDatabase({ migrate: false });
    await fresh.pool.end();
    const starting = [0, 1, 2].map(() => openStore(fresh.url, { poolMax: 2 }));
    try {
      await Promise.all(starting.map((s) => migrateDatabase(s, { reportTimeZone: 'Asia/Karachi' })));
      expect(await outboxHead(starting[0])).toBe(0);
    } finally {
      await Promise.all(starting.map((s) => closeStore(s)));
      await fresh.drop();
    }
  });
});
