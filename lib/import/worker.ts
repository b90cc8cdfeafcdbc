/**
 * Worker thread of a pipelined import: reads, maps, validates and normalizes the file in chunks
 * and posts the normalized rows while the main thread writes the previous chunks to SQLite.
 * Pure: it never opens the database. Started by db/services/import-pipeline.ts.
 */
import { workerData } from 'node:worker_threads';
import { PlainCsvReader } from '@/lib/csv/fast-parse';
import { GroupMatcher } from '@/lib/taxonomy/groups';
import { rowValidator } from './validate-rows';
import { packedTransfer, packRows } from './row-batch';
import { ROWS_PER_MESSAGE, type ImportWorkerData, type ImportWorkerMessage } from './worker-protocol';

const { text, format, timeZone, groups, port, signal } = workerData as ImportWorkerData;

function post(message: ImportWorkerMessage, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}

function run(): void {
  post({ type: 'ready' });
  const v = rowValidator(new GroupMatcher(groups), { format, timeZone });
  const reader = new PlainCsvReader(text, v.tableOptions, v.onRecord);
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

try {
  run();
} catch (err) {
  post({ type: 'failed', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
}
