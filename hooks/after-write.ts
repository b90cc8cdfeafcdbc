import type { Query, QueryClient, QueryKey } from '@tanstack/react-query';

/**
 * Refreshes queries after a write. Invalidating alone is not enough during a query's first load:
 * React Query joins a fetch in flight instead of starting one while the query has no data, and
 * that fetch may have read before the write committed, so the page kept the old list until its
 * next refetch. Reads in flight are cancelled first (their state reverts), then refetched.
 */
export async function refetchAfterWrite(client: QueryClient, keys: readonly QueryKey[]): Promise<void> {
  await Promise.all(keys.map((queryKey) => client.cancelQueries({ queryKey })));
  await Promise.all(keys.map((queryKey) => client.invalidateQueries({ queryKey })));
}

/**
 * Stores a value a write answered with. A read of the same key in flight began before the write
 * and would overwrite the value with older data when it lands: it is cancelled first.
 */
export async function setAfterWrite<T>(client: QueryClient, queryKey: QueryKey, value: T): Promise<void> {
  await client.cancelQueries({ queryKey, exact: true });
  client.setQueryData(queryKey, value);
}

const waiting = new WeakSet<Query>();

/**
 * Refetches a query once its read in flight has landed, when it has no data yet: invalidating it
 * now would only join that read, which may have begun before the change (React Query starts a
 * new read instead only when the query already has data). Nothing is cancelled, so a steady
 * stream of changes never starves a slow first load: it shows, then refreshes once.
 */
export function refetchWhenSettled(client: QueryClient, query: Query): void {
  if (query.state.data !== undefined || query.state.fetchStatus !== 'fetching' || waiting.has(query)) return;
  waiting.add(query);
  const cache = client.getQueryCache();
  const unsubscribe = cache.subscribe((event) => {
    if (event.query !== query || (event.type !== 'removed' && query.state.fetchStatus !== 'idle')) return;
    unsubscribe();
    waiting.delete(query);
    if (event.type === 'removed') return;
    // Not from inside the cache's own notification.
    queueMicrotask(() => void client.invalidateQueries({ queryKey: query.queryKey, exact: true }));
  });
}

/**
 * Refreshes queries after a change made elsewhere (a live event): queries with data refetch at
 * once, and a first load in flight refetches after it lands (refetchWhenSettled).
 */
export function refetchAfterChange(client: QueryClient, queryKey: QueryKey): void {
  for (const query of client.getQueryCache().findAll({ queryKey })) refetchWhenSettled(client, query);
  void client.invalidateQueries({ queryKey });
}
