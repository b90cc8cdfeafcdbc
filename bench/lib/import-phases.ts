import { readFileSync } from 'node:fs';
import { setImportPhaseSink } from '@/db/services/import-phases';

/** This thread's CPU time in ms (Linux: /proc/thread-self/schedstat, ns), or null where unreadable. */
function threadCpuMs(): number | null {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return null;
  }
}

/**
 * Runs `fn` (an import on this thread) with the import's phase hook installed and returns the
 * lines that say where the writing thread's time went: per phase in CPU seconds of this thread
 * (wall seconds where the kernel does not say), and the CPU of the other threads (the parsing
 * worker, V8's helpers) beside it. CPU time moves far less than wall time with the machine's
 * load, so these lines compare across runs where the wall times do not.
 */
export async function withImportPhases<T>(fn: () => Promise<T>): Promise<{ value: T; lines: string[] }> {
  const cpu = threadCpuMs() !== null;
  const clock = cpu ? () => threadCpuMs()! : () => performance.now();
  const phases = new Map<string, number>();
  const previous = setImportPhaseSink({ clock, report: (phase, ms) => phases.set(phase, (phases.get(phase) ?? 0) + ms) });
  const process0 = process.cpuUsage();
  const thread0 = clock();
  try {
    const value = await fn();
    const thread = clock() - thread0;
    const all = process.cpuUsage(process0);
    const unit = cpu ? 'CPU s' : 'wall s';
    const s = (ms: number) => (ms / 1000).toFixed(2);
    const lines = [...phases].sort((a, b) => b[1] - a[1]).map(([phase, ms]) => `    ${phase}: ${s(ms)} ${unit}`);
    lines.unshift(`  this thread (fresh database, then the import) ${s(thread)} ${unit}; import phases:`);
    if (cpu) lines.push(`  other threads (parsing worker, V8 helpers): ${s((all.user + all.system) / 1000 - thread)} CPU s`);
    return { value, lines };
  } finally {
    setImportPhaseSink(previous);
  }
}
