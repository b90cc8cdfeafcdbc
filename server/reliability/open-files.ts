import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { canonicalPath } from './file-arg';

export interface FileUser {
  pid: number;
  command: string;
}

/**
 * Processes (other than this one) holding a database or its -wal/-shm open, found through
 * /proc (Linux). Returns null where /proc is unavailable, so callers can say they could not tell.
 */
export function processesUsing(dbPath: string): FileUser[] | null {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return null;
  }
  const base = canonicalPath(dbPath);
  const wanted = new Set([base, `${base}-wal`, `${base}-shm`]);
  const users: FileUser[] = [];
  for (const pid of pids) {
    if (Number(pid) === process.pid) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // another user's process or already gone
    }
    const holds = fds.some((fd) => {
      try {
        return wanted.has(readlinkSync(`/proc/${pid}/fd/${fd}`));
      } catch {
        return false;
      }
    });
    if (holds) users.push({ pid: Number(pid), command: commandOf(pid) });
  }
  return users;
}

function commandOf(pid: string): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ').slice(0, 200);
  } catch {
    return '?';
  }
}
