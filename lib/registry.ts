/**
 * The process registry: every value that must exist once per server process (the database
 * connection, the in-memory incident index, parsed alert rules, the outbox signal, the live poller,
 * rate-limit buckets, the alert scheduler, worker threads, shutdown state, the direct-route
 * dispatcher) and what closes them at exit.
 *
 * Next.js bundles each route and instrumentation.ts into separate module graphs in one process, so
 * a module-level variable exists once per bundle that includes it: shared state has to hang off
 * globalThis. It hangs off one key (lib/registry-key.mjs), here, instead of a slot per module.
 *
 * It lives in lib/ because db/ holds process state too and imports only lib/; it imports nothing
 * and uses no Node API. server/reliability/shutdown.ts runs the closers at exit.
 */
import { processRegistry } from './registry-key.mjs';

/** When a closer runs at exit, earliest first. */
export const CLOSE_ORDER = {
  /** Timers and schedulers: no new work starts. */
  timers: 10,
  /** The request thread's database connection. */
  database: 20,
  /** The writer thread's connection: the last one to close checkpoints the WAL and removes it. */
  lastConnection: 30,
} as const;

interface Closer {
  order: number;
  close: () => void;
}

interface Registry {
  singletons: Map<string, unknown>;
  closers: Map<string, Closer>;
}

const registry = processRegistry as () => Registry;

/** The process's value for `key`, created on first use (the in-memory index: large and slow to build, so built once per process). */
export function processSingleton<T>(key: string, create: () => T): T {
  const { singletons } = registry();
  if (!singletons.has(key)) singletons.set(key, create());
  return singletons.get(key) as T;
}

/** The value for `key` if one was created, without creating it. */
export function peekSingleton<T>(key: string): T | undefined {
  return registry().singletons.get(key) as T | undefined;
}

/** Sets (or, with undefined, removes) the value for `key`. */
export function setSingleton<T>(key: string, value: T | undefined): void {
  const { singletons } = registry();
  if (value === undefined) singletons.delete(key);
  else singletons.set(key, value);
}

/** Runs `close` at exit in CLOSE_ORDER; registering the same name again replaces it. Returns an unregister function. */
export function onProcessClose(name: string, order: number, close: () => void): () => void {
  const closers = registry().closers;
  const entry = { order, close };
  closers.set(name, entry);
  return () => {
    if (closers.get(name) === entry) closers.delete(name);
  };
}

/** Runs every registered closer once, in order; a failing closer does not stop the rest. */
export function closeRegistered(onError: (name: string, err: unknown) => void): void {
  const closers = registry().closers;
  const ordered = [...closers].sort((a, b) => a[1].order - b[1].order);
  closers.clear();
  for (const [name, c] of ordered) {
    try {
      c.close();
    } catch (err) {
      onError(name, err);
    }
  }
}
