/**
 * Worker thread of a pipelined import: for each job (one file) it reads, maps, validates and
 * normalizes the rows in chunks and posts them while the main thread writes the previous chunks
 * to SQLite. One worker serves every file of a multi-file import, so later files skip the start-up
 * and can be read while the writer still commits the previous one. Pure: it never opens the
 * database. Started by server/import/import-pipeline.ts.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { workerData } from 'node:worker_threads';
import { packedTransfer } from '@/db/row-batch';
import { parseRows } from './parse-rows';
import type { ImportJob, ImportWorkerData, ImportWorkerMessage } from './worker-protocol';

const { port, signal } = workerData as ImportWorkerData;

function post(message: ImportWorkerMessage, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}

/** The job's text; a path is read here and announced with its checksum first. */
function textOf(source: ImportJob['source']): string {
  if ('text' in source) return source.text;
  const bytes = readFileSync(source.path);
  const text = bytes.toString('utf8');
  post({ type: 'file', checksum: createHash('sha256').update(bytes).digest('hex'), chars: text.length });
  return text;
}

function run({ source, ...how }: ImportJob): void {
  const done = parseRows(textOf(source), how, (rows) => post({ type: 'rows', rows }, packedTransfer(rows)));
  post(done ? { type: 'done', ...done } : { type: 'reference' });
}

port.on('message', (job: ImportJob) => {
  try {
    run(job);
  } catch (err) {
    post({ type: 'failed', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    port.close();
  }
});
post({ type: 'ready' });
