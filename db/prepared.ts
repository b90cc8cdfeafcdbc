/**
 * Statements prepared once per connection (or transaction handle) instead of per call: drizzle
 * builds and re-prepares the SQL of every ad-hoc query, which was about a millisecond of every
 * POST /api/incidents. Keyed by the handle object, so a drizzle transaction handle (new per
 * transaction) simply prepares again.
 */
export function preparedFor<K extends object, T>(cache: WeakMap<K, T>, handle: K, build: () => T): T {
  let v = cache.get(handle);
  if (v === undefined) cache.set(handle, (v = build()));
  return v;
}
