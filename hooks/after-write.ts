import type { QueryClient, QueryKey } from '@tanstack/react-query';

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
