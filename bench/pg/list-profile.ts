/**
 * Which of the list scenario's filters make its p95 on PostgreSQL: the dashboard's call (count +
 * facets + first page, bench/scenarios/list.ts) timed in-process per filter, in the bench's order,
 * each filter once (as the bench asks it), with the slowest listed. For the free-text filters the
 * GIN search alone (the path before the in-memory word index) is timed too, first call and repeat.
 *
 *   npx tsx bench/pg/list-profile.ts --url postgres://…/<a copy of the bench template> [--seed 20241215]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { rows } from '@/db/engine';
import { closeStore, openStore } from '@/db/store';
import { listIncidents } from '@/db/queries/incidents';
import { incidentIndex } from '@/db/queries/incident-index';
import { pgTextIds } from '@/db/queries/incident-index-pg';
import { textIndexOf } from '@/db/queries/incident-text-pg';
import { FILTER_PARAM_NAMES, filterParamsFromSearch, incidentFilterSchema } from '@/lib/validation/incident-filter';
import { dayToDate } from '@/lib/time/zone';
import { PAGE_SIZE } from '@/hooks/queries';
import { LAST_DAY } from '../data/acled-generator';
import { percentile } from '../lib/stats';
import { realisticFilters } from '../scenarios/filters';

const { values } = parseArgs({ options: { url: { type: 'string' }, seed: { type: 'string', default: '20241215' } } });
if (!values.url) throw new Error('--url postgres://… is required');
const mb = (n: number) => `${(n / 2 ** 20).toFixed(0)} MB`;
const ms = (n: number) => `${n.toFixed(2)} ms`;

// One connection, so one PostgreSQL backend does every query and its CPU can be read from /proc.
const store = openStore(values.url, { poolMax: 1, applicationName: 'frontier-watch-list-profile' });
/** CPU ms of a process from /proc/<pid>/stat (utime + stime, in clock ticks of 10 ms). */
const procCpuMs = (pid: number) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
};
try {
  const rss0 = process.memoryUsage().rss;
  let t = performance.now();
  const cpu0 = process.cpuUsage();
  const index = await incidentIndex(store);
  const cpu = process.cpuUsage(cpu0);
  global.gc?.();
  const words = textIndexOf(index);
  console.log(
    `index of ${index.size} incidents loaded in ${ms(performance.now() - t)} (process CPU ${ms((cpu.user + cpu.system) / 1000)}), ` +
      `RSS ${mb(rss0)} → ${mb(process.memoryUsage().rss)}; word index: ${words ? `${words.words.length} words, ${mb(words.bytes)} of lists` : 'none'}`,
  );
  const [{ pid }] = await rows<{ pid: number }>(store, sql`SELECT pg_backend_pid() AS pid`);
  const backend0 = procCpuMs(pid);
  const self0 = process.cpuUsage();
  const filters = realisticFilters(Number(values.seed), 200, dayToDate(LAST_DAY));
  const times: { ms: number; cpu: number; p: string; q: boolean }[] = [];
  for (const p of filters) {
    const params = filterParamsFromSearch(new URLSearchParams(`${p.toString()}&limit=${PAGE_SIZE}`), [...FILTER_PARAM_NAMES]);
    t = performance.now();
    const c0 = process.cpuUsage();
    await listIncidents(store, incidentFilterSchema.parse(params), { facets: true });
    const c = process.cpuUsage(c0);
    times.push({ ms: performance.now() - t, cpu: (c.user + c.system) / 1000, p: p.toString(), q: p.has('q') });
  }
  const self = process.cpuUsage(self0);
  console.log(
    `200 dashboard calls: this process ${ms((self.user + self.system) / 1000)} CPU, its PostgreSQL backend ${ms(procCpuMs(pid) - backend0)} CPU`,
  );
  const all = times.map((x) => x.ms);
  const plain = times.filter((x) => !x.q).map((x) => x.ms);
  const cpus = times.map((x) => x.cpu);
  console.log(`dashboard call over ${all.length} filters: p50 ${ms(percentile(all, 50))}, p95 ${ms(percentile(all, 95))}`);
  console.log(`  this process's CPU per call (the load aside): p50 ${ms(percentile(cpus, 50))}, p95 ${ms(percentile(cpus, 95))}`);
  console.log(`  without q (${plain.length}): p95 ${ms(percentile(plain, 95))}; with q: ${times.length - plain.length}`);
  console.log('slowest (wall, process CPU):');
  for (const x of [...times].sort((a, b) => b.ms - a.ms).slice(0, 15))
    console.log(`  ${ms(x.ms).padStart(10)} ${ms(x.cpu).padStart(10)}  ${x.p}`);
  console.log('most process CPU:');
  for (const x of [...times].sort((a, b) => b.cpu - a.cpu).slice(0, 12))
    console.log(`  ${ms(x.ms).padStart(10)} ${ms(x.cpu).padStart(10)}  ${x.p}`);
  console.log('GIN search alone for the free-text filters (first call, repeat):');
  for (const x of times.filter((y) => y.q)) {
    const p = new URLSearchParams(x.p);
    const window = { from: p.get('from') ?? undefined, to: p.get('to') ?? undefined };
    const timed = async () => {
      const s = performance.now();
      const ids = await pgTextIds(store, p.get('q')!, window);
      return { ms: performance.now() - s, n: ids?.length ?? 0 };
    };
    const [a, b] = [await timed(), await timed()];
    console.log(`  ${ms(a.ms).padStart(10)} ${ms(b.ms).padStart(10)}  ${a.n} ids  ${x.p}`);
  }
} finally {
  await closeStore(store);
}
