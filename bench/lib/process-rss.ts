import { readFileSync, readdirSync } from 'node:fs';

const PAGE = 4096;

/**
 * Resident memory (bytes) of every process in a process group (Linux /proc): the bench server
 * is a launcher and the Node process serving (one detached group), so the group is what a
 * user's machine would see. Null where /proc is not available.
 */
export function processGroupRss(pgid: number): number | null {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return null;
  }
  let total = 0;
  for (const pid of entries) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the command (which may hold spaces): state, ppid, pgrp, …
      const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      if (pgrp !== pgid) continue;
      total += Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE;
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return total;
}

/** Samples `read` every `everyMs` until stopped; answers the largest sample. */
export function sampleMax(read: () => number | null, everyMs = 100): { stop(): number | null } {
  let max: number | null = read();
  const timer = setInterval(() => {
    const v = read();
    if (v !== null && (max === null || v > max)) max = v;
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      const v = read();
      return v !== null && (max === null || v > max) ? v : max;
    },
  };
}
