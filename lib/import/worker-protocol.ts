import type { MessagePort } from 'node:worker_threads';
import type { RowError } from '@/lib/csv/record-reader';
import type { GroupDef } from '@/lib/taxonomy/groups';
import type { ImportFormat } from './validate-rows';
import type { PackedRows } from './row-batch';

/** What the import worker is given: the file, how to read it, and the groups known at the start. */
export interface ImportWorkerData {
  text: string;
  format: ImportFormat;
  timeZone: string;
  groups: GroupDef[];
  /** Messages go through this port, so the writer can take them without its event loop. */
  port: MessagePort;
  /** Int32Array over a SharedArrayBuffer: [0] counts posted messages, for Atomics.wait. */
  signal: Int32Array;
}

/** Worker → writer, in order: ready, rows…, then exactly one of done / reference / failed. */
export type ImportWorkerMessage =
  | { type: 'ready' }
  | { type: 'rows'; rows: PackedRows }
  | { type: 'done'; count: number; errors: RowError[] }
  /** The fast reader gave up: the file must be read again with csv-parse. */
  | { type: 'reference' }
  | { type: 'failed'; message: string };

/** Normalized rows per message: large enough to amortise posting, small enough to start writing early. */
export const ROWS_PER_MESSAGE = 2000;
