/**
 * Graceful shutdown for the server process (scripts/server.mjs). On SIGTERM/SIGINT it stops accepting
 * connections and waits for open ones to finish, which event streams never do: hooks
 * registered here (one per open SSE stream) tell those clients to reconnect and close them.
 * At exit the process registry's closers run (lib/registry.ts, in CLOSE_ORDER): the scheduler
 * stops, the request thread's database connection closes, then the writer thread's, so the WAL is
 * checkpointed and removed.
 */
import { log } from '@/server/log.mjs';
import { closeRegistered, processSingleton } from '@/lib/registry';

type Hook = () => void;

interface ShutdownState {
  hooks: Set<Hook>;
  started: boolean;
  installed: boolean;
  exitInstalled: boolean;
}

/** Hard limit after the signal: requests still running by then are cut off (the supervisor may kill us sooner). */
export const SHUTDOWN_GRACE_MS = 20_000;

// Route bundles and instrumentation are separate module instances in one process: share state.
const state = processSingleton<ShutdownState>('shutdown', () => ({
  hooks: new Set(),
  started: false,
  installed: false,
  exitInstalled: false,
}));

export function isShuttingDown(): boolean {
  return state.started;
}

/** Runs `fn` when shutdown begins (immediately if it already has); returns an unregister function. */
export function onShutdown(fn: Hook): () => void {
  if (state.started) {
    fn();
    return () => {};
  }
  state.hooks.add(fn);
  return () => state.hooks.delete(fn);
}

/** Runs every hook once. Safe to call repeatedly. */
export function beginShutdown(): void {
  if (state.started) return;
  state.started = true;
  for (const fn of [...state.hooks]) {
    try {
      fn();
    } catch (err) {
      log.error({ component: 'shutdown', err }, 'a shutdown hook failed');
    }
  }
  state.hooks.clear();
}

/** Closes what the registry holds when the process exits (exit handlers run synchronously). Once per process. */
export function installExitClose(): void {
  if (state.exitInstalled) return;
  state.exitInstalled = true;
  process.on('exit', () => closeRegistered((name, err) => log.error({ component: 'shutdown', name, err }, 'closing failed')));
}

/** Installs the signal and exit handlers once per process (from instrumentation.ts). */
export function installShutdownHandlers(): void {
  if (state.installed) return;
  state.installed = true;
  const onSignal = (signal: NodeJS.Signals) => {
    if (state.started) return;
    log.info({ component: 'shutdown', signal }, 'finishing in-flight requests, closing event streams');
    beginShutdown();
    // Without the server's own handler (scripts/server.mjs, or `next start`'s) nobody else would end the process.
    if (process.listenerCount(signal) <= 1) process.exit(signal === 'SIGTERM' ? 143 : 130);
    setTimeout(() => {
      log.error({ component: 'shutdown', graceMs: SHUTDOWN_GRACE_MS }, 'requests still open after the grace period; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  // The server exits the process once it has closed.
  installExitClose();
}
