// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as PollerModule from '@/server/live/poller';
import { listenForOutbox, type OutboxListener } from '@/db/background';
import { builder } from '@/db/engine';
import { events } from '@/db/schema';
import { closeStore, openStore, type Store } from '@/db/store';
import { incidentInputSchema } from '@/lib/incidents/input';
import { useTempDb, type TempDb } from '../support/api-db';
import { incidentBody, storeIncidents } from '../support/api-factory';
import { QUETTA_CLASH, TZ } from './map-fixtures';

// Only the poll interval is faked: a frame that arrives without advancing it came from a wake-up.
let t: TempDb;
/** Another connection to the same database: another process on SQLite, another instance on PostgreSQL. */
let other: Store;
let poller: typeof PollerModule;
/** Started as instrumentation.ts starts it: on PostgreSQL, LISTEN for other instances' commits (on SQLite it does nothing). */
let listener: OutboxListener;
let frames: string[] = [];
let off = () => {};
const nextTurn = () => new Promise((r) => setImmediate(r));
/**
 * Waits (real time; the poll interval is faked, so it never fires meanwhile) until a frame
 * matches. On SQLite a wake-up reads the outbox synchronously on the next turn; on PostgreSQL
 * the read after it takes a few round trips.
 */
async function frameWith(text: string): Promise<boolean> {
  for (let i = 0; i < 200; i++) {
    await nextTurn();
    if (frames.some((f) => f.includes(text))) return true;
    if (t.engine === 'sqlite') return false;
    await new Promise((r) => setTimeout(r, 10));
  }
  return false;
}
const otherWrite = async (prefix: string, n: number) =>
  storeIncidents(
    other,
    Array.from({ length: n }, (_, i) => incidentBody({ sourceId: `${prefix}-${i}`, occurredAt: '2025-06-01T08:00:00Z' })),
  );

beforeAll(async () => {
  t = await useTempDb({ timeZone: TZ });
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
  poller = await import('@/server/live/poller');
  const sub = poller.subscribe((fs) => frames.push(...fs.map((f) => f.frame)));
  off = sub.unsubscribe;
  await sub.from;
  other = openStore(t.path, { poolMax: 2 });
  listener = listenForOutbox(t.store, { retryMs: 50 });
  if (t.engine === 'postgres') while (!listener.listening) await new Promise((r) => setTimeout(r, 10));
});
afterAll(async () => {
  off();
  vi.useRealTimers();
  await listener.stop();
  await closeStore(other);
  await t.cleanup();
});

const input = (sourceId: string) =>
  incidentInputSchema.parse({
    source: 'test',
    sourceId,
    occurredAt: '2025-05-01T08:00:00Z',
    ...QUETTA_CLASH,
    killed: 1,
  });

describe('live poller wake-up', () => {
  it('delivers a write committed in this process on the next turn of the event loop, without waiting for the poll', async () => {
    const { saveIncident } = await import('@/db/services/incident-writes');
    frames = [];
    const { item } = await saveIncident(t.store, input('wake-1'), { timeZone: TZ });
    expect(await frameWith(`"id":${item.id},`)).toBe(true);
    expect(frames.some((f) => f.includes('event: incident') && f.includes(`"id":${item.id},`))).toBe(true);
  });

  it('finds writes from another process at the next poll (SQLite), from another instance at its NOTIFY (PostgreSQL)', async () => {
    const [id] = await otherWrite('other', 1);
    expect(await frameWith(`"id":${id},`)).toBe(true); // transact() signals this process's poller
    frames = [];
    // An outbox row appended outside transact(), as another process or instance does: no in-process signal.
    await builder(other).insert(events).values({ type: 'incident', refId: id, action: 'updated', createdAt: Date.now() });
    if (t.engine === 'sqlite') {
      await nextTurn();
      expect(frames).toEqual([]);
      vi.advanceTimersByTime(poller.POLL_MS);
    }
    expect(await frameWith(`"id":${id},`)).toBe(true);
  });

  it('starts at the head when a stream opens after none was open: rows written meanwhile are not rebuilt as frames', async () => {
    const { saveIncident } = await import('@/db/services/incident-writes');
    off();
    // Written while no stream is open: a feed nobody watched.
    for (let i = 0; i < 3; i++) await saveIncident(t.store, input(`unwatched-${i}`), { timeZone: TZ });
    await otherWrite('unwatched-other', 2);
    frames = [];
    const sub = poller.subscribe((fs) => frames.push(...fs.map((f) => f.frame)));
    off = sub.unsubscribe;
    await sub.from;
    const { item } = await saveIncident(t.store, input('watched'), { timeZone: TZ });
    await nextTurn();
    vi.advanceTimersByTime(poller.POLL_MS);
    expect(await frameWith(`"id":${item.id},`)).toBe(true);
    expect(frames.filter((f) => f.includes('event: incident'))).toEqual([expect.stringContaining(`"id":${item.id},`)]);
  });
});
