import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LONG, SEED } from './config';

/** Records a scenario's numbers (printed, and saved under tmp/reliability/ for docs/reliability.md). */
export function report(scenario: string, numbers: Record<string, unknown>): void {
  const entry = { scenario, variant: LONG ? 'long' : 'ci', seed: SEED, at: new Date().toISOString(), ...numbers };
  console.log(`[reliability] ${JSON.stringify(entry)}`);
  // Not test-results/: Playwright empties that folder on every run.
  const dir = join('tmp', 'reliability');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${scenario}-${entry.variant}.json`), `${JSON.stringify(entry, null, 2)}\n`);
}
