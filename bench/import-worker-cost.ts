/**
 * The import's parsing worker alone (server/import/parse-rows.ts: read, map, validate, normalize,
 * pack, and the serialization of each batch a post costs) over the bench's 200,000-row ACLED parts, in a worker thread started with the import
 * worker's resource limits, and no database. Prints per file and run the CPU of that thread and of
 * the whole process (the worker plus V8's garbage-collection threads), and a SHA-256 of everything the
 * worker hands the writer (the rows as the writer unpacks them, row count, row errors), which must
 * not change when only the worker's speed or the packed form does. Runs alternate with another checkout when given one.
 *   npx tsx bench/import-worker-cost.ts --work /tmp/fw-bench [--files 1] [--runs 3] [--count 1000000]
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { serialize } from 'node:v8';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { KNOWN_GROUPS } from '@/lib/taxonomy/groups';
import { tsxWorkerSource } from '@/server/workers/tsx-worker';
import { parseRows } from '@/server/import/parse-rows';
import { unpackRows } from '@/db/row-batch';
import { REPORT_TIME_ZONE } from './data/dataset';
import { argValue, benchParts } from './lib/part-args';

const threadCpuMs = () => Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
const processCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

interface Measured {
  file: string;
  threadMs: number;
  processMs: number;
  digest: string;
}

/** One file through parseRows, as the import worker runs it (the read and checksum excluded). */
function measure(file: string): Measured {
  const text = readFileSync(file, 'utf8');
  const hash = createHash('sha256');
  // The digest is not the worker's work: its CPU is measured and taken off (on this thread only;
  // SHA-256 runs here, so no other thread's share is lost). Holding every batch to hash it after
  // the clock stops would change what the collector does instead.
  let hashThreadMs = 0;
  const thread0 = threadCpuMs();
  const process0 = processCpuMs();
  const done = parseRows(text, { format: 'acled', timeZone: REPORT_TIME_ZONE, groups: KNOWN_GROUPS }, (p) => {
    // Counted: the worker posts each batch, and posting serializes it (its text flattened and copied).
    serialize(p);
    const t = threadCpuMs();
    // The rows as the writer unpacks them, so a change of the packed form alone keeps the digest.
    unpackRows(p, (values, newGroup) => hash.update(JSON.stringify(values)).update(newGroup ? JSON.stringify(newGroup) : '-'));
    hashThreadMs += threadCpuMs() - t;
  });
  const threadMs = threadCpuMs() - thread0 - hashThreadMs;
  const processMs = processCpuMs() - process0 - hashThreadMs;
  hash.update(JSON.stringify(done));
  return { file, threadMs, processMs, digest: hash.digest('hex').slice(0, 16) };
}

if (!isMainThread) {
  for (const file of workerData as string[]) parentPort!.postMessage(measure(file));
} else {
  void main();
}

async function main(): Promise<void> {
  const { parts } = benchParts();
  const files = parts.length;
  const runs = Number(argValue('runs', '3'));
  const code = tsxWorkerSource(new URL(import.meta.url).pathname, import.meta.url, 'throw e;');
  if (!code) throw new Error('tsx is needed to run the worker');
  for (let run = 1; run <= runs; run++) {
    let thread = 0;
    let proc = 0;
    await new Promise<void>((resolve, reject) => {
      // The import worker's limits (server/import/import-pipeline.ts): a larger young generation.
      const w = new Worker(code, { eval: true, workerData: parts, resourceLimits: { maxYoungGenerationSizeMb: 128 } });
      w.on('message', (m: Measured) => {
        thread += m.threadMs;
        proc += m.processMs;
        console.log(
          `run ${run} ${m.file.split('/').pop()}: worker thread ${m.threadMs.toFixed(0)} CPU ms, process ${m.processMs.toFixed(0)} CPU ms, output ${m.digest}`,
        );
      });
      w.on('error', reject);
      w.on('exit', () => resolve());
    });
    console.log(`run ${run} total (${files} files): worker thread ${thread.toFixed(0)} CPU ms, process ${proc.toFixed(0)} CPU ms`);
  }
}
