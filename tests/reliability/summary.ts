/** Prints the last recorded numbers of every scenario (tmp/reliability/*.json) as Markdown, for docs/reliability.md. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = join('tmp', 'reliability');
if (!existsSync(dir)) {
  console.error('no results yet: run npm run test:reliability first');
  process.exit(1);
}
/** A scenario's summary file: its labels and whatever numbers (or nested objects of them) it reports. */
type Json = string | number | boolean | null | object;
const HIDDEN = new Set(['scenario', 'variant', 'seed', 'at']);
console.log('| scenario | variant | numbers | run at (seed) |\n|---|---|---|---|');
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()) {
  const r = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, Json> & {
    scenario: string;
    variant: string;
    seed: number;
    at: string;
  };
  const numbers = Object.entries(r)
    .filter(([k]) => !HIDDEN.has(k))
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v).replaceAll('"', '') : v}`)
    .join('; ');
  console.log(`| ${r.scenario} | ${r.variant} | ${numbers.replaceAll('|', '/')} | ${r.at.slice(0, 16)} (${r.seed}) |`);
}
