import { describe, expect, it } from 'vitest';
import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { refetchAfterChange, refetchAfterWrite, setAfterWrite } from '@/hooks/after-write';
import { patchCreatedIncident } from '@/hooks/live-cache';
import { parseDashboardSearch } from '@/lib/filters/url';
import type { IncidentItem } from '@/lib/incidents/item';

/**
 * The race of a write during a read, replayed step by step: every read is held until the test
 * releases it, and returns the server's list as it was when the read began.
 */
function fakeServer() {
  let items = ['a'];
  const reads: { seen: string[]; release: () => void }[] = [];
  const waiting: { n: number; resolve: () => void }[] = [];
  const queryFn = () =>
    new Promise<string[]>((resolve) => {
      const seen = [...items];
      reads.push({ seen, release: () => resolve(seen) });
      for (const w of waiting.filter((x) => x.n <= reads.length)) w.resolve();
    });
  return {
    queryFn,
    reads,
    write: (item: string) => void (items = [...items, item]),
    /** Resolves once `n` reads have begun. */
    readStarted: (n: number) => (reads.length >= n ? Promise.resolve() : new Promise<void>((resolve) => waiting.push({ n, resolve }))),
  };
}

/** Lets every promise chain already resolved run to its end (no timer involved). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

function setup() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity } } });
  const server = fakeServer();
  const observer = new QueryObserver(client, { queryKey: ['items'], queryFn: server.queryFn });
  const stop = observer.subscribe(() => {}); // an open page: the query is active and starts its first read
  return { client, server, stop, data: () => client.getQueryData<string[]>(['items']) };
}

describe('query refresh after a write', () => {
  it('a write during the first load: invalidating alone keeps the old list; refetchAfterWrite shows the new one', async () => {
    const plain = setup();
    await plain.server.readStarted(1);
    plain.server.write('b');
    const invalidated = plain.client.invalidateQueries({ queryKey: ['items'] });
    plain.server.reads[0].release();
    await invalidated;
    // The race reproduced: the invalidation joined the read that began before the write.
    expect(plain.server.reads).toHaveLength(1);
    expect(plain.data()).toEqual(['a']);
    plain.stop();

    const fixed = setup();
    await fixed.server.readStarted(1);
    fixed.server.write('b');
    const refreshed = refetchAfterWrite(fixed.client, [['items'], ['other']]);
    await fixed.server.readStarted(2);
    fixed.server.reads[1].release();
    fixed.server.reads[0].release(); // the stale read lands last: it was cancelled, so it is dropped
    await refreshed;
    expect(fixed.server.reads.map((r) => r.seen)).toEqual([['a'], ['a', 'b']]);
    expect(fixed.data()).toEqual(['a', 'b']);
    expect(fixed.client.getQueryState(['items'])?.fetchStatus).toBe('idle');
    fixed.stop();
  });

  it('a write that answers the new value during a refetch: setQueryData alone is overwritten; setAfterWrite keeps it', async () => {
    for (const fixed of [false, true]) {
      const t = setup();
      await t.server.readStarted(1);
      t.server.reads[0].release();
      await settle();
      expect(t.data()).toEqual(['a']);
      void t.client.refetchQueries({ queryKey: ['items'] }); // e.g. a refetch on focus, before the write
      await t.server.readStarted(2);
      t.server.write('b');
      if (fixed) await setAfterWrite(t.client, ['items'], ['a', 'b']);
      else t.client.setQueryData(['items'], ['a', 'b']);
      t.server.reads[1].release();
      await settle();
      expect(t.data(), fixed ? 'setAfterWrite' : 'setQueryData alone').toEqual(fixed ? ['a', 'b'] : ['a']);
      t.stop();
    }
  });

  it('changes made elsewhere during the first load: the load is never cancelled, shows, then refetches once', async () => {
    const t = setup();
    await t.server.readStarted(1);
    // A steady stream of live events while the first read is slow.
    for (const item of ['b', 'c', 'd']) {
      t.server.write(item);
      refetchAfterChange(t.client, ['items']);
      await settle();
    }
    expect(t.server.reads).toHaveLength(1);
    t.server.reads[0].release();
    await t.server.readStarted(2);
    // The first read's answer was kept (not cancelled), and exactly one more read followed it.
    expect(t.data()).toEqual(['a']);
    t.server.reads[1].release();
    await settle();
    expect(t.server.reads.map((r) => r.seen)).toEqual([['a'], ['a', 'b', 'c', 'd']]);
    expect(t.data()).toEqual(['a', 'b', 'c', 'd']);
    // Once loaded, a change refetches at once, as invalidating does.
    t.server.write('e');
    refetchAfterChange(t.client, ['items']);
    await t.server.readStarted(3);
    t.server.reads[2].release();
    await settle();
    expect(t.data()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(t.server.reads).toHaveLength(3);
    t.stop();
  });

  it('a live incident during the first load of a view: the load shows, then refetches once', async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity } } });
    const server = fakeServer();
    const qs = 'region=balochistan';
    const observer = new QueryObserver(client, { queryKey: ['facets', qs], queryFn: server.queryFn });
    const stop = observer.subscribe(() => {});
    await server.readStarted(1);
    server.write('b');
    const item = {
      id: 7,
      region: 'kp',
      group: 'ttp',
      eventType: 'Battles',
      subEventType: 'Armed clash',
      occurredAt: '2026-12-01T00:00:00.000Z',
      occurredDate: '2026-12-01',
      killed: 1,
      lat: 34,
      lon: 71,
      sourceCount: 1,
      claimStatus: 'unclaimed',
      datasets: [],
    } as unknown as IncidentItem;
    expect(patchCreatedIncident(client, item, 1, { qs, filter: parseDashboardSearch(new URLSearchParams(qs)).filter })).toBe(true);
    server.reads[0].release();
    await server.readStarted(2);
    server.reads[1].release();
    await settle();
    expect(client.getQueryData(['facets', qs])).toEqual(['a', 'b']);
    stop();
  });
});
