import type { Store } from '@/db/store';
import { holdLeadership, type Leadership, type LeaderOptions } from '@/db/background';
import { CLOSE_ORDER, onProcessClose, peekSingleton, setSingleton } from '@/lib/registry';
import { log } from '@/server/log.mjs';

export interface BackgroundWork {
  /** Starts the work; answers how to stop it. */
  start(): { stop(): void };
}

/**
 * Runs `work` on exactly one instance at a time (issue 19): on SQLite this process, always; on
 * PostgreSQL the instance holding the advisory lock (db/pg/leader.ts), while the others wait and
 * take over within 60 s when it dies. Once per process; stopped at exit.
 */
export function runAsLeader(store: Store, work: BackgroundWork, opts: LeaderOptions = {}): Leadership {
  const running = peekSingleton<Leadership>('leadership');
  if (running) return running;
  let current: { stop(): void } | null = null;
  const held = holdLeadership(
    store,
    {
      onElected() {
        log.info({ component: 'leader' }, 'this instance runs the background work');
        current = work.start();
      },
      onDemoted() {
        log.warn({ component: 'leader' }, 'this instance no longer runs the background work');
        current?.stop();
        current = null;
      },
    },
    opts,
  );
  const handle: Leadership = {
    get isLeader() {
      return held.isLeader;
    },
    async stop() {
      setSingleton('leadership', undefined);
      offClose();
      await held.stop();
    },
  };
  setSingleton('leadership', handle);
  const offClose = onProcessClose('leadership', CLOSE_ORDER.timers, () => void handle.stop());
  return handle;
}
