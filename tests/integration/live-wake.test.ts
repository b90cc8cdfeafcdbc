import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as PollerModule from '@/server/live/poller';
import { openDatabase, type Db } from '@/db/connection';
import { incidentInputSchema } from '@/lib/incidents/input';
import { QUETTA_CLASH, seedIncidents, tempDb, TZ } from './map-fixtures';

// Only the poll interval is faked: a frame that arrives without advancing it came from the wake-up.
let path: string;
let other: Db;
let poller: typeof PollerModule;
let frames: string[] = [];
let off = () => {};
const nextTurn = () => new Promise((r) => setImmediate(r));

beforeAll(async () => {
  ({ path } = tempDb());
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
  poller = await import('@/server/live/poller');
  const sub = poller.subscribe((fs) => frames.push(...fs.map((f) => f.frame)));
  off = sub.unsubscribe;
  await sub.from;
  other = openDatabase(path);
});
afterAll(async () => {
  off();
  vi.useRealTimers();
  other.$client.close();
  await (await import('@/db/client')).closeDb();
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
    const { getDb } = await import('@/db/client');
    const { saveIncident } = await import('@/db/services/incident-writes');
    frames = [];
    const { item } = await saveIncident(getDb(), input('wake-1'), { timeZone: TZ });
    await nextTurn();
    expect(frames.some((f) => f.includes('event: incident') && f.includes(`"id":${item.id},`))).toBe(true);
  });

  it('still finds writes from another process (another connection) at the next poll', async () => {
    frames = [];
    const [id] = seedIncidents(other, 1, { start: '2025-06-01' });
    await nextTurn();
    expect(frames).toEqual([]);
    vi.advanceTimersByTime(poller.POLL_MS);
    await nextTurn();
    expect(frames.some((f) => f.includes(`"id":${id},`))).toBe(true);
  });

  it('starts at the head when a stream opens after none was open: rows written meanwhile are not rebuilt as frames', async () => {
    const { getDb } = await import('@/db/client');
    const { saveIncident } = await import('@/db/services/incident-writes');
    off();
    // Written while no stream is open: a feed nobody watched.
    for (let i = 0; i < 3; i++) await saveIncident(getDb(), input(`unwatched-${i}`), { timeZone: TZ });
    seedIncidents(other, 2, { start: '2025-07-01' });
    frames = [];
    const sub = poller.subscribe((fs) => frames.push(...fs.map((f) => f.frame)));
    off = sub.unsubscribe;
    await sub.from;
    const { item } = await saveIncident(getDb(), input('watched'), { timeZone: TZ });
    await nextTurn();
    vi.advanceTimersByTime(poller.POLL_MS);
    await nextTurn();
    expect(frames.filter((f) => f.includes('event: incident'))).toEqual([expect.stringContaining(`"id":${item.id},`)]);
  });
});
