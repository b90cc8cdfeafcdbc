/**
 * The PostgreSQL word index's own costs, in-process, on a copy of the bench template:
 * - a full load of the incident index with its word index (loadPgIndex): wall time, this process's
 *   CPU and its PostgreSQL backend's CPU (from /proc), each load from scratch;
 * - the word index's search (TextIndex.match, the free-text filter's in-memory path) over the list
 *   scenario's words, whole words and short prefixes, `--rounds` times, as this process's CPU,
 *   beside a floor measured in the same run: one pass over the same posting bytes, nothing decoded.
 *
 *   npx tsx bench/pg/text-index-cost.ts --url postgres://…/<a copy of the bench template> [--loads 3] [--rounds 20]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { rows } from '@/db/engine';
import { closeStore, openStore } from '@/db/store';
import { loadPgIndex } from '@/db/queries/incident-index-pg';
import { textIndexOf } from '@/db/queries/incident-text-pg';
import type { TextIndex } from '@/lib/incident-index/text-index';
import { percentile } from '../lib/stats';

const { values } = parseArgs({
  options: { url: { type: 'string' }, loads: { type: 'string', default: '3' }, rounds: { type: 'string', default: '20' } },
});
if (!values.url) throw new Error('--url postgres://… is required');
const loads = Number(values.loads);
const rounds = Number(values.rounds);
if (!(loads >= 1 && rounds >= 1)) throw new Error('--loads and --rounds must be positive numbers');

/** The list scenario's words (bench/scenarios/filters.ts), and prefixes that span many words. */
const SEARCHES: string[][] = [
  ['checkpost'],
  ['polio'],
  ['pipeline'],
  ['quetta'],
  ['convoy'],
  ['bannu'],
  ['levies'],
  ['cpec'],
  ['ba'],
  ['k'],
  ['s'],
  ['quetta', 'convoy'],
  ['k', 'a'],
];

const ms = (n: number) => `${n.toFixed(1)} ms`;
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
/** CPU ms of a process from /proc/<pid>/stat (utime + stime, in clock ticks of 10 ms). */
const procCpuMs = (pid: number) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
};

/** The floor: every byte of the words each search walks, read once and summed. */
function floorPass(text: TextIndex, terms: readonly string[]): number {
  let sum = 0;
  for (const t of terms) {
    let k = text.words.findIndex((w) => w >= t);
    if (k < 0) continue;
    for (; k < text.words.length && text.words[k].startsWith(t); k++)
      for (let p = text.offsets[k]; p < text.offsets[k + 1]; p++) sum += text.postings[p];
  }
  return sum;
}

// One connection, so one PostgreSQL backend does every read and its CPU can be read from /proc.
const store = openStore(values.url, { poolMax: 1, applicationName: 'frontier-watch-text-index-cost' });
try {
  const [{ pid }] = await rows<{ pid: number }>(store, sql`SELECT pg_backend_pid() AS pid`);
  const wall: number[] = [];
  const self: number[] = [];
  const backend: number[] = [];
  let text: TextIndex | undefined;
  let size = 0;
  for (let n = 0; n < loads; n++) {
    text = undefined;
    global.gc?.();
    const [t, c, b] = [performance.now(), cpuMs(), procCpuMs(pid)];
    const index = await loadPgIndex(store);
    wall.push(performance.now() - t);
    self.push(cpuMs() - c);
    backend.push(procCpuMs(pid) - b);
    text = textIndexOf(index);
    size = index.size;
    console.log(`load ${n + 1}: wall ${ms(wall[n])}, this process ${ms(self[n])} CPU, PostgreSQL backend ${ms(backend[n])} CPU`);
  }
  if (!text) throw new Error('no word index was built');
  const med = (xs: number[]) => ms(percentile(xs, 50));
  console.log(
    `index load of ${size} incidents, median of ${loads}: wall ${med(wall)}, process CPU ${med(self)}, backend CPU ${med(backend)}`,
  );
  console.log(`word index: ${text.words.length} words, ${(text.bytes / 2 ** 20).toFixed(0)} MB of lists`);

  let total = 0;
  let floor = 0;
  let sink = 0;
  for (const terms of SEARCHES) {
    text.match(terms, size + 1); // warm-up (JIT), not timed
    let c = cpuMs();
    for (let r = 0; r < rounds; r++) sink += text.match(terms, size + 1).mask.length;
    const matchCpu = (cpuMs() - c) / rounds;
    c = cpuMs();
    for (let r = 0; r < rounds; r++) sink += floorPass(text, terms);
    const floorCpu = (cpuMs() - c) / rounds;
    total += matchCpu;
    floor += floorCpu;
    const n = text.match(terms, size + 1).ids.length;
    console.log(`  match ${JSON.stringify(terms).padEnd(22)} ${ms(matchCpu).padStart(9)} CPU  floor ${ms(floorCpu).padStart(8)}  ${n} ids`);
  }
  console.log(
    `match, all ${SEARCHES.length} searches: ${ms(total)} CPU per round (floor ${ms(floor)}), ${rounds} rounds [${sink > 0 ? 'ok' : '-'}]`,
  );
} finally {
  await closeStore(store);
}
