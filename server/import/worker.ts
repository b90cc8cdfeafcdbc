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
import { PlainCsvReader } from '@/lib/csv/fast-parse';
import { GroupMatcher } from '@/lib/taxonomy/groups';
import { rowValidator } from '@/lib/import/validate-rows';
import { packedTransfer, packRows } from '@/db/row-batch';
import { ROWS_PER_MESSAGE, type ImportJob, type ImportWorkerData, type ImportWorkerMessage } from './worker-protocol';

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

function run({ source, format, timeZone, groups }: ImportJob): void {
  const v = rowValidator(new GroupMatcher(groups), { format, timeZone });
  const reader = new PlainCsvReader(textOf(source), v.tableOptions, v.onRecord);
  let more = true;
  while (more) {
    more = reader.read(ROWS_PER_MESSAGE);
    // After the first bad row nothing is written anyway: keep validating to report every bad row.
    const rows = v.take();
    if (rows.length && !v.hasErrors()) {
      const packed = packRows(rows);
      post({ type: 'rows', rows: packed }, packedTransfer(packed));
    }
  }
  const read = reader.result();
  if (!read) return post({ type: 'reference' });
  const { count, errors } = v.finish(read.errors);
  post({ type: 'done', count, errors });
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
