import { readdirSync, readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { rows } from '@/db/engine';
import type { Store } from '@/db/store';

/**
 * Where a scenario's CPU went on this machine: the server's process group (Node), the PostgreSQL
 * backends serving its database, and this process (the load generator), in ms of utime + stime
 * from /proc. On a loaded machine wall-clock rates swing 2-3x; CPU per request does not, so the
 * PostgreSQL ingest scenario reports it beside its rate. Linux only; a backend on another host
 * cannot be read (its share is then reported as unknown).
 */
export interface CpuSnapshot {
  server: number;
  backends: Map<number, number>;
  self: number;
}

const TICK_MS = 10; // 1000 / CLK_TCK (100 on Linux)

/** utime + stime of /proc/<pid>/stat in ms, with the process group; undefined once the process is gone. */
function statOf(pid: number): { group: number; ms: number } | undefined {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return { group: Number(f[2]), ms: (Number(f[11]) + Number(f[12])) * TICK_MS };
  } catch {
    return undefined;
  }
}

function groupCpu(pgid: number): number {
  let ms = 0;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const s = statOf(Number(name));
    if (s?.group === pgid) ms += s.ms;
  }
  return ms;
}

/**
 * The CPU so far of the server's group, of every backend on `store`'s database but this one, and
 * of this process. Without a PostgreSQL store (SQLite: the server does all the database work in
 * its own process) there are no backends to read.
 */
export async function cpuSnapshot(store: Store | undefined, serverGroup: number): Promise<CpuSnapshot> {
  const pids = store
    ? await rows<{ pid: number }>(
        store,
        sql`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
      )
    : [];
  const backends = new Map<number, number>();
  for (const { pid } of pids) {
    const s = statOf(pid);
    if (s) backends.set(pid, s.ms);
  }
  const self = process.cpuUsage();
  return { server: groupCpu(serverGroup), backends, self: (self.user + self.system) / 1000 };
}

/** CPU between two snapshots, in ms; backends that appeared in between count from zero. */
export function cpuSpent(a: CpuSnapshot, b: CpuSnapshot): { server: number; backends: number | null; generator: number } {
  let backends = 0;
  for (const [pid, ms] of b.backends) backends += ms - (a.backends.get(pid) ?? 0);
  return { server: b.server - a.server, backends: b.backends.size ? backends : null, generator: b.self - a.self };
}
