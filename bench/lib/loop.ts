import { metric, type Metric } from './metric';
import type { BenchContext, Scenario } from '../scenarios/types';

/**
 * Runs each scenario `ctx.args.runs` times in order; a scenario that throws is one missed metric
 * ("scenario completed") with the error, and the rest still run. `after` is called after each
 * scenario (to write partial results).
 */
export async function runScenarios(scenarios: Scenario[], ctx: BenchContext, runs: Metric[][], after: () => void): Promise<void> {
  for (const s of scenarios) {
    for (let r = 0; r < ctx.args.runs; r++) {
      ctx.log(`${s.name} run ${r + 1}/${ctx.args.runs}`);
      try {
        runs.push(await s.run(ctx, r));
      } catch (err) {
        runs.push([failed(s.name, err, (m) => ctx.log(m))]);
      }
    }
    after();
  }
}

/** The missed metric of a scenario (or of its HTTP part) that threw. */
export function failed(scenario: string, err: unknown, log: (s: string) => void): Metric {
  const message = err instanceof Error ? err.message : String(err);
  log(`${scenario} failed: ${message}`);
  return metric(scenario, 'scenario completed', '', Number.NaN, 'max', 0, { note: message.slice(0, 300) });
}
