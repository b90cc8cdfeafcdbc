/**
 * One value per server process. Next.js bundles each route (and instrumentation) separately, so a
 * module-level cache exists once per bundle that includes the module; state that must be shared
 * (the in-memory incident index: ~45 MB and ~3 s to build at 1M incidents) lives on globalThis.
 */
export function processSingleton<T>(key: string, create: () => T): T {
  const g = globalThis as unknown as Record<string, T | undefined>;
  const name = `__frontierWatch_${key}`;
  return (g[name] ??= create());
}
