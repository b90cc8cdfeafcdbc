/**
 * Where an import's wall time goes, phase by phase (rows, trigger passes, index rebuild, alerts,
 * COMMIT …): a hook for the bench and profiling scripts, off unless one of them installs a sink.
 * Phases are timed per file and per step, never per row, so an installed sink costs nothing
 * measurable.
 */
export interface PhaseSink {
  /** Milliseconds on the sink's clock: wall time, or this thread's CPU time on a loaded machine. */
  clock(): number;
  report(phase: string, ms: number): void;
}

let sink: PhaseSink | null = null;

/** Installs (or with null removes) the receiver of phase times; returns the previous one. */
export function setImportPhaseSink(next: PhaseSink | null): PhaseSink | null {
  const previous = sink;
  sink = next;
  return previous;
}

/** Time spent in phases nested in the one running (reported as theirs, not also as the outer one's). */
let inner = 0;

/** Runs `fn`, reporting its wall time as `phase` (less any phase timed inside it) when a sink is installed. */
export function timePhase<T>(phase: string, fn: () => T): T {
  if (!sink) return fn();
  const outer = inner;
  inner = 0;
  const t = sink.clock();
  try {
    return fn();
  } finally {
    const ms = sink.clock() - t;
    sink.report(phase, ms - inner);
    inner = outer + ms;
  }
}

/** timePhase for async work (phases of one import run one after another, never interleaved). */
export async function timePhaseAsync<T>(phase: string, fn: () => Promise<T>): Promise<T> {
  if (!sink) return fn();
  const outer = inner;
  inner = 0;
  const t = sink.clock();
  try {
    return await fn();
  } finally {
    const ms = sink.clock() - t;
    sink.report(phase, ms - inner);
    inner = outer + ms;
  }
}

/** The sink's clock now (0 without a sink), to time a phase that ends outside one function, like a COMMIT. */
export const phaseClock = (): number => sink?.clock() ?? 0;

/** Reports a phase that started at `since` (phaseClock). */
export function phaseSince(phase: string, since: number): void {
  sink?.report(phase, sink.clock() - since);
}
